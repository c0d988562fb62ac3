import { MRNET_TASKS, taskDisplayName } from '../datasetLayout';
import { outcomeOf } from '../metrics/roc';
import { parseNpyHeader } from '../npy/header';
import { sliceByteRange, sliceCount } from '../npy/streaming';
import { ArrayContent, CaseInfo } from '../protocol';
import { errorMessage } from '../errorMessage';
import { exact, integer, list, number, oneOf, optional, parser, record, text } from '../schema';

/**
 * What `mrnet_viewer.show(x)` puts in a notebook (python/mrnet_viewer/_embed.py writes it):
 * one array, or cases of planes with labels, probabilities and overlays, each array in NumPy's
 * `.npy` format, zlib-compressed, in base64 (a notebook stores outputs as JSON).
 */
export const EMBEDDED_MIME_TYPE = 'application/vnd.mrnet-viewer.v1+json';

/** The renderer's id (package.json contributes.notebookRenderer), by which the extension hears it. */
export const RENDERER_ID = 'mrnet-viewer.notebook';

/** What the renderer asks of the extension: open an output (by VS Code's id of it) in an editor panel, at the case it shows. */
export interface OpenOutputMessage {
  type: 'openOutput';
  outputId: string;
  caseId?: string;
}

/** The renderer's message, or undefined for anything else. */
export const parseOpenOutput = parser<OpenOutputMessage>(
  exact({ type: oneOf(['openOutput']), outputId: text(200, { min: 1 }), caseId: optional(text(200, { min: 1 })) }),
);

/** An array's compressed `.npy` bytes in base64: at most 2 GiB of them. */
const npyText = text(2 ** 31, { min: 1, pattern: /^[A-Za-z0-9+/]+=*$/ });
const name = text(200, { min: 1 });

const caseLabels = { id: name, labels: record(oneOf([0, 1]), 20), predictions: record(number(0, 1), 20) };

const embeddedOutput = exact({
  version: oneOf([1]),
  title: name,
  notes: list(text(1000), 100),
  array: optional(exact({ name, npy: npyText })),
  cases: optional(
    list(
      exact({
        ...caseLabels,
        planes: list(
          exact({
            plane: oneOf(['coronal', 'sagittal', 'axial']),
            npy: npyText,
            /** Its middle slice on its own: the whole array's .npy header, then that slice's bytes (compressed, base64). */
            middle: optional(exact({ index: integer(0), npy: npyText })),
            overlays: list(exact({ name, npy: npyText }), 20),
          }),
          3,
          1,
        ),
      }),
      100_000,
      1,
    ),
  ),
  /** A live output, by the kernel's id of it: its every case (their arrays stay in the kernel, asked for one case at a time), or its volume's (asked for a slice at a time). */
  live: optional(exact({ output: text(100, { min: 1 }), cases: optional(list(exact(caseLabels), 1_000_000, 1)) })),
});

export type EmbeddedOutput = NonNullable<ReturnType<typeof parseEmbedded>>;
export type EmbeddedCase = NonNullable<EmbeddedOutput['cases']>[number];
/** A case as a live output lists it: its id, labels and probabilities. */
export type CaseLabels = NonNullable<NonNullable<EmbeddedOutput['live']>['cases']>[number];

const parseEmbedded = parser(embeddedOutput);

/** The output checked (an array or cases, never both), or why it cannot be shown. */
export function readEmbeddedOutput(json: unknown): EmbeddedOutput | { error: string } {
  const output = parseEmbedded(json);
  if (output && (output.array === undefined) !== (output.cases === undefined)) return output;
  const version = (json as { version?: unknown } | null)?.version;
  return {
    error:
      typeof version === 'number' && version !== 1
        ? `this output was written by a newer mrnet_viewer (format ${version}); update the MRNet Viewer extension`
        : 'this output is not one mrnet_viewer writes (its data does not have the expected fields)',
  };
}

/** Bytes of base64 text, decoded a chunk at a time (the text of one array can be hundreds of MB). */
export function fromBase64(textIn: string): Uint8Array<ArrayBuffer> {
  const end = textIn.length - (textIn.endsWith('==') ? 2 : textIn.endsWith('=') ? 1 : 0);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  const CHUNK = 4 * 2 ** 18; // characters: a multiple of 4, so every chunk decodes on its own
  let at = 0;
  for (let start = 0; start < textIn.length; start += CHUNK) {
    const part = atob(textIn.slice(start, start + CHUNK));
    for (let i = 0; i < part.length; i++) out[at++] = part.charCodeAt(i);
  }
  return out;
}

/**
 * zlib's stream inflated by the platform (the browser's and Node's DecompressionStream). Its
 * chunks are joined once, at the end: half the time of `new Response(stream).arrayBuffer()`
 * on an MRNet case in Chromium.
 */
export async function inflate(compressed: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    length += read.value.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** An embedded array as the viewers take a file read whole: its checked header and data bytes, or why not. */
export async function embeddedArray(fileName: string, npy: string): Promise<ArrayContent> {
  try {
    return npyFileContent(fileName, await inflate(fromBase64(npy)));
  } catch (e) {
    return { kind: 'error', fileName, error: `${fileName} cannot be read from this output: ${errorMessage(e)}` };
  }
}

/**
 * A plane's middle slice as the viewers take the first slice of a file read slice by slice
 * (the others to come, unasked, once the whole is inflated); undefined where it is not the
 * slice its header places there.
 */
export async function embeddedMiddleSlice(
  fileName: string,
  middle: { index: number; npy: string },
): Promise<(ArrayContent & { kind: 'sliceFirst' }) | undefined> {
  try {
    const file = await inflate(fromBase64(middle.npy));
    // The whole array's size is its header's to say: only one slice of its data is here.
    const parsed = parseNpyHeader(file, Number.MAX_SAFE_INTEGER);
    const header = { ...parsed, fileSize: parsed.dataOffset + parsed.dataBytes };
    const { length } = sliceByteRange(header, middle.index);
    const isSlice = header.shape.length === 3 && !header.fortranOrder && middle.index < sliceCount(header);
    if (!isSlice || file.length !== header.dataOffset + length) return undefined;
    const data = file.buffer.slice(file.byteOffset + header.dataOffset, file.byteOffset + file.length);
    return { kind: 'sliceFirst', fileName, header, sliceFirst: { first: { index: middle.index, data }, whole: true } };
  } catch {
    return undefined; // the whole array, inflated, says what is wrong with it
  }
}

/** A `.npy` file's bytes as the viewers take a file read whole (its data copied out); throws what is wrong with it. */
export function npyFileContent(fileName: string, file: Uint8Array<ArrayBuffer>): ArrayContent & { kind: 'whole' } {
  const header = parseNpyHeader(file, file.length);
  if (file.length < header.dataOffset + header.dataBytes)
    throw new Error(
      `it holds ${file.length - header.dataOffset} of the ${header.dataBytes} data bytes its header says`,
    );
  const data = file.buffer.slice(
    file.byteOffset + header.dataOffset,
    file.byteOffset + header.dataOffset + header.dataBytes,
  );
  return { kind: 'whole', fileName, header, data };
}

/** What the case viewer's header says of an embedded case: its labels, and with probabilities the outcome at 0.5. */
export function embeddedCaseInfo(output: EmbeddedOutput, c: CaseLabels): CaseInfo {
  const tasks = [...MRNET_TASKS, ...Object.keys({ ...c.labels, ...c.predictions })].filter(
    (task, i, all) => all.indexOf(task) === i && (task in c.labels || task in c.predictions),
  );
  return {
    id: c.id,
    split: '',
    dataset: output.title,
    labels: tasks.map((task) => {
      const value = task in c.labels ? c.labels[task] : null;
      const probability = task in c.predictions ? c.predictions[task] : undefined;
      return {
        task,
        name: taskDisplayName(task),
        value,
        ...(probability === undefined ? {} : { probability }),
        ...(probability !== undefined && value !== null ? { outcome: outcomeOf(value, probability, 0.5) } : {}),
      };
    }),
  };
}
