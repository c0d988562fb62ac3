import * as vscode from 'vscode';
import {
  SnapshotAnswer,
  SnapshotRequest,
  parseChunk,
  parseSnapshotAnswer,
  previewStride,
  snapshotExpression,
} from '../core/debug/snapshotAnswer';
import { formatBytes } from '../shared/format';
import { errorMessage } from '../shared/errorMessage';
import { PausedFrame, evaluateIn } from './pausedFrame';
import { TemporaryFolder } from '../arrayPanels/temporaryFolder';
import type { TemporaryFile } from '../arrayPanels/temporaryArrayView';
import HELPER from './snapshot.py';

/** A value of the paused program, written to files a viewer reads like any other (each with what was changed on the way: bfloat16 as float32…). */
export type Snapshot =
  | { kind: 'array'; file: TemporaryFile }
  | { kind: 'case'; planes: (TemporaryFile & { plane: string })[] }
  | { kind: 'cases'; ids: string[]; index: number; planes: (TemporaryFile & { plane: string })[] }
  /** Python's words; `missing` when the expression names nothing any more. */
  | { kind: 'error'; message: string; missing?: boolean };

/** Bytes of a file on the program's machine fetched per evaluation (base64 makes it a third more). */
const CHUNK_BYTES = 4 * 2 ** 20;

/**
 * Writes the value of `expression` in `frame` to files of `folder`: with np.save, by the program,
 * into the folder when the program sees it, else on its own machine, fetched here in chunks
 * through the debugger (with progress and cancel; above the setting's limit only a strided
 * preview, if the user takes it).
 */
export async function takeSnapshot(
  frame: PausedFrame,
  expression: string,
  folder: TemporaryFolder,
  caseIndex?: number,
): Promise<Snapshot> {
  const settings = vscode.workspace.getConfiguration('mrnet.debugger');
  const limit = settings.get<number>('transferLimitMB', 512) * 2 ** 20;
  const fetch = settings.get<string>('transfer', 'auto') === 'debugger';
  const ask = (more: Partial<Extract<SnapshotRequest, { op: 'snapshot' }>>) =>
    request(frame, expression, {
      op: 'snapshot',
      folder: folder.path,
      token: folder.token,
      prefix: folder.nextPrefix(),
      limit,
      ...(fetch ? { fetch } : {}),
      ...(caseIndex === undefined ? {} : { case: caseIndex }),
      ...more,
    });
  let answer = await ask({});
  const over = filesOf(answer).filter((f) => f.path === undefined);
  if (over.length) {
    const stride = Math.max(...over.map((f) => previewStride(f.shape, itemSize(f.dtype), limit)));
    const sizes = over.map((f) => `(${f.shape.join(', ')}) ${formatBytes(f.bytes)}`).join(', ');
    const preview = `Show every ${ordinal(stride)} element`;
    const chosen = await vscode.window.showWarningMessage(
      `${expression} is ${sizes}: the program runs where the extension cannot read its files, and the debugger would carry more than mrnet.debugger.transferLimitMB (${formatBytes(limit)}).`,
      preview,
    );
    if (chosen !== preview)
      return { kind: 'error', message: `${expression} was not fetched: ${sizes} is above the limit` };
    answer = await ask({ stride });
  }
  if (answer.kind === 'error' || answer.kind === 'removed') return answer.kind === 'error' ? answer : unexpected();
  const fetched = await fetchAll(frame, filesOf(answer), folder, expression);
  if (!fetched) return { kind: 'error', message: `fetching ${expression} was cancelled` };
  const [first] = fetched;
  if (answer.kind === 'array') return { kind: 'array', file: first };
  const planes = answer.planes.map((p, i) => ({ ...fetched[i], plane: p.plane }));
  return answer.kind === 'case'
    ? { kind: 'case', planes }
    : { kind: 'cases', ids: answer.ids, index: answer.index, planes };
}

type Written = Extract<SnapshotAnswer, { kind: 'array' }>['file'] & { note?: string };

function filesOf(answer: SnapshotAnswer): Written[] {
  if (answer.kind === 'array') return [{ ...answer.file, note: answer.note }];
  return answer.kind === 'case' || answer.kind === 'cases' ? answer.planes : [];
}

function unexpected(): never {
  throw new Error('the helper answered a snapshot with a removal');
}

async function request(frame: PausedFrame, expression: string, req: SnapshotRequest): Promise<SnapshotAnswer> {
  try {
    return parseSnapshotAnswer(await evaluateIn(frame, snapshotExpression(HELPER, expression, req)));
  } catch (e) {
    // The debugger refused (the thread runs again, the session ended): its words.
    return { kind: 'error', message: errorMessage(e) };
  }
}

/** The files here: those the program wrote into the folder as they are, the others fetched chunk by chunk; undefined if cancelled. */
async function fetchAll(
  frame: PausedFrame,
  files: Written[],
  folder: TemporaryFolder,
  expression: string,
): Promise<TemporaryFile[] | undefined> {
  const away = files.filter((f) => !f.local);
  const total = away.reduce((n, f) => n + f.bytes, 0);
  const local = (f: Written, path: string): TemporaryFile => ({ uri: vscode.Uri.file(path), note: f.note });
  if (away.length === 0) return files.map((f) => local(f, f.path!));
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Fetching ${expression} (${formatBytes(total)}) through the debugger`,
      cancellable: true,
    },
    async (progress, cancel) => {
      const out: TemporaryFile[] = [];
      try {
        for (const [i, f] of files.entries()) {
          if (f.local) {
            out.push(local(f, f.path!));
            continue;
          }
          const path = folder.pathOf(`${folder.nextPrefix()}-fetched-${i}.npy`);
          const ok = await fetchFile(frame, f, folder, path, cancel, (n) =>
            progress.report({ increment: (100 * n) / total }),
          );
          if (!ok) return undefined;
          out.push(local(f, path));
        }
        return out;
      } finally {
        for (const f of away) await request(frame, '0', { op: 'remove', path: f.path! });
      }
    },
  );
}

/** One file of the program's machine, chunk by chunk, into `path`; false if cancelled. */
async function fetchFile(
  frame: PausedFrame,
  file: Written,
  folder: TemporaryFolder,
  path: string,
  cancel: vscode.CancellationToken,
  advanced: (bytes: number) => void,
): Promise<boolean> {
  const out = await folder.create(path);
  try {
    for (let offset = 0; offset < file.bytes; offset += CHUNK_BYTES) {
      if (cancel.isCancellationRequested) return false;
      const length = Math.min(CHUNK_BYTES, file.bytes - offset);
      const chunk = parseChunk(
        await evaluateIn(frame, snapshotExpression(HELPER, '0', { op: 'chunk', path: file.path!, offset, length })),
      );
      if (chunk.length !== length)
        throw new Error(`the program sent ${chunk.length} bytes at ${offset}, not ${length}`);
      await out.write(chunk, 0, length, offset);
      advanced(length);
    }
    return true;
  } finally {
    await out.close();
  }
}

/** Bytes per element of a NumPy dtype string (`<f4`, `|u1`, `<c16`). */
function itemSize(dtype: string): number {
  return Number(/\d+$/.exec(dtype)?.[0] ?? 1);
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}
