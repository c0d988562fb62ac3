import { formatBytes } from '../shared/format';
import { NpyHeader, npyHeaderLength, parseNpyHeader } from '../shared/npy/header';
import {
  gatherFortranSlices,
  middleSlice,
  readsSliceBySlice,
  sampleSlices,
  sampledStats,
  sliceByteRange,
  sliceCount,
  sliceHeader,
} from '../shared/npy/streaming';
import { VolumeStats } from '../shared/windowing';
import { Region, imageShape, isOneImage, overviewLines, overviewStep } from '../shared/npy/overview';
import { ArrayContent } from '../shared/protocol';
import { errorMessage } from '../shared/errorMessage';

/**
 * The bytes of one `.npy` array, wherever they are: a local file (ranged reads), a file of
 * any other VS Code file system (whole reads), a member of an `.npz` archive. Every read of
 * array bytes goes through one of these.
 */
export interface ArraySource {
  /** How messages name the array: `0000.npy`, `cams.npz: acl.npy`. */
  readonly name: string;
  /** Bytes of the `.npy` stream (header and data). */
  readonly size: number;
  /** Whether a byte range costs only its own bytes (local files, stored members of local archives). */
  readonly ranged: boolean;
  /** `length` bytes at `offset`; fails if the source ends before them. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Bytes read first for a header: enough for any header NumPy writes for up to a few hundred axes. */
export const HEADER_READ = 4096;
/** Above this, sources without ranged reads refuse an array rather than read it whole. */
export const WHOLE_READ_LIMIT = 2 ** 31;

/**
 * The checked header, from the first bytes of the array: a ranged source reads only those, a
 * deflated member inflates only its first compressed bytes, a remote file is read whole (once).
 */
export async function readHeader(source: ArraySource): Promise<NpyHeader> {
  let head = await source.read(0, Math.min(HEADER_READ, source.size));
  const length = npyHeaderLength(head);
  if (length > head.length && length <= source.size) head = await source.read(0, length);
  return parseNpyHeader(head, source.size);
}

/**
 * Above this, a 3-D array of a ranged source is shown slice first: its header and the slice
 * shown first are sent at once, the rest after (see SliceFirstFiles). Read, posted and analysed
 * whole, a 67 MB volume took 5.7 s to appear in code-server, against 1.4 s for its image preview.
 */
export const SLICE_FIRST_ABOVE = 16 * 2 ** 20;

/**
 * An array for a viewer. Small arrays are read whole. A 3-D array of a ranged source above
 * `sliceFirstAbove` bytes comes as its header and its middle slice alone; the other slices are
 * then sent unasked if it is at most `sliceBySliceAbove` bytes (the webview then holds it whole), else
 * as they are shown. A Fortran-order array is read whole up to `sliceBySliceAbove` (its slices are not
 * runs of bytes, each costs a pass over the file). Never throws: an array that cannot be shown
 * comes back with its reason.
 */
export async function readContent(
  source: ArraySource,
  sliceBySliceAbove: number,
  sliceFirstAbove = sliceBySliceAbove,
): Promise<ArrayContent> {
  const fileName = source.name;
  try {
    if (source.size > Math.min(sliceBySliceAbove, sliceFirstAbove)) {
      const header = source.ranged ? await readHeader(source) : undefined;
      const whole = source.size <= sliceBySliceAbove;
      if (header && readsSliceBySlice(header) && !(header.fortranOrder && whole)) {
        const index = middleSlice(sliceCount(header));
        return {
          kind: 'sliceFirst',
          fileName,
          header,
          sliceFirst: { first: { index, data: await readSlice(source, header, index) }, whole },
        };
      }
      if (header && isOneImage(header) && !whole) {
        const step = overviewStep(header);
        const { height, width } = imageShape(header);
        return {
          kind: 'overview',
          fileName,
          header,
          overview: {
            step,
            data: await readImagePart(source, header, overviewLines(height, step), overviewLines(width, step)),
          },
        };
      }
      if (source.size > sliceBySliceAbove && source.size > WHOLE_READ_LIMIT) {
        const why = source.ranged
          ? 'it is neither one image nor a stack of images (3-D)'
          : 'this file system has no ranged reads, so it can only be read whole';
        return {
          kind: 'error',
          fileName,
          error: `the array is ${formatBytes(source.size)}, too large to read whole (limit ${formatBytes(WHOLE_READ_LIMIT)}), and ${why}`,
        };
      }
    }
    const bytes = await source.read(0, source.size);
    const header = parseNpyHeader(bytes, bytes.length);
    // Copy exactly the data: a read can return a view on a larger shared buffer (a Node
    // Buffer's slice() is one), header and all.
    const data = new Uint8Array(header.dataBytes);
    data.set(bytes.subarray(header.dataOffset, header.dataOffset + header.dataBytes));
    return { kind: 'whole', fileName, header, data: data.buffer };
  } catch (e) {
    return { kind: 'error', fileName, error: errorMessage(e) };
  }
}

/** Bytes read at once along one line of an image (a row in C order, a column of one channel in Fortran order). */
const LINE_READ_BYTES = 8 * 2 ** 20;

/**
 * Pixels `rows` x `cols` (each ascending) of one image (2-D, or (H, W, C)), in C order as a
 * buffer of their own: an overview (every n-th row and column) or a region (runs of both).
 * Each line of the file that holds wanted pixels is read from its first to its last wanted
 * pixel, in runs of at most 8 MB: rows in C order, one channel's columns in Fortran order.
 */
export async function readImagePart(
  source: ArraySource,
  header: NpyHeader,
  rows: readonly number[],
  cols: readonly number[],
): Promise<ArrayBuffer> {
  const { height, width, channels } = imageShape(header);
  const item = header.dtype.itemSize;
  const out = new Uint8Array(rows.length * cols.length * channels * item);
  // One line of the file holds wanted positions `along` it, `apart` elements apart, `run` elements each.
  const lines = header.fortranOrder
    ? cols.flatMap((x, j) =>
        Array.from({ length: channels }, (_, c) => ({
          start: (c * width + x) * height,
          along: rows,
          apart: 1,
          run: 1,
          put: (i: number) => ((i * cols.length + j) * channels + c) * item,
        })),
      )
    : rows.map((y, i) => ({
        start: y * width * channels,
        along: cols,
        apart: channels,
        run: channels,
        put: (j: number) => (i * cols.length + j) * channels * item,
      }));
  for (const line of lines) {
    const { run } = line; // elements per wanted position: a pixel's channels lie together in C order
    const last = line.along[line.along.length - 1] * line.apart + run;
    const perRead = Math.max(run, Math.floor(LINE_READ_BYTES / item));
    // Each read starts at the first wanted position not yet copied and holds at least that one.
    for (let p = 0; p < line.along.length;) {
      const from = line.along[p] * line.apart;
      const to = Math.min(last, from + perRead);
      const bytes = await source.read(header.dataOffset + (line.start + from) * item, (to - from) * item);
      if (bytes.length < (to - from) * item) throw new Error(`the array ends before element ${line.start + to}`);
      for (; p < line.along.length && line.along[p] * line.apart + run <= to; p++) {
        const at = (line.along[p] * line.apart - from) * item;
        out.set(bytes.subarray(at, at + run * item), line.put(p));
      }
    }
  }
  return out.buffer;
}

/** A region of an image at full resolution (see readImagePart). */
export function readRegion(source: ArraySource, header: NpyHeader, region: Region): Promise<ArrayBuffer> {
  const span = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  return readImagePart(source, header, span(region.y0, region.height), span(region.x0, region.width));
}

/** The statistics of an array read slice by slice, from a sample of its slices (the middle one among them). */
export async function sampleStatistics(
  source: ArraySource,
  header: NpyHeader,
): Promise<{ stats: VolumeStats; slices: number }> {
  const indices = sampleSlices(sliceCount(header));
  const slices = (await readSlices(source, header, indices)).map((data) => new Uint8Array(data));
  return { stats: sampledStats(header, slices), slices: indices.length };
}

/** The bytes of slice `index` (along axis 0, in C order) of an array read slice by slice, as a buffer of their own. */
export async function readSlice(source: ArraySource, header: NpyHeader, index: number): Promise<ArrayBuffer> {
  return (await readSlices(source, header, [index]))[0];
}

/** Bytes read at once while gathering the slices of a Fortran-order array. */
const GATHER_READ_BYTES = 8 * 2 ** 20;

/**
 * Slices along axis 0, each in C order as a buffer of its own: one ranged read each in C order;
 * in Fortran order one pass over the file in runs of whole columns, for all of them at once.
 */
export async function readSlices(
  source: ArraySource,
  header: NpyHeader,
  indices: readonly number[],
): Promise<ArrayBuffer[]> {
  const length = sliceHeader(header).dataBytes;
  if (!header.fortranOrder) {
    const out: ArrayBuffer[] = [];
    for (const index of indices) {
      const { offset } = sliceByteRange(header, index);
      const bytes = await source.read(offset, length);
      if (bytes.length < length) throw new Error(`the array ends inside slice ${index}`);
      if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) out.push(bytes.buffer as ArrayBuffer);
      else out.push(new Uint8Array(bytes.subarray(0, length)).buffer); // a copy: a Node Buffer's slice() is a view
    }
    return out;
  }
  const [n, h, w] = header.shape;
  const columnBytes = n * h * header.dtype.itemSize;
  const perRead = Math.max(1, Math.floor(GATHER_READ_BYTES / columnBytes));
  const out = indices.map(() => new Uint8Array(length));
  for (let x0 = 0; x0 < w; x0 += perRead) {
    const want = Math.min(perRead, w - x0) * columnBytes;
    const bytes = await source.read(header.dataOffset + x0 * columnBytes, want);
    if (bytes.length < want)
      throw new Error(
        `the array ends inside column ${x0 + Math.floor(bytes.length / columnBytes)} (Fortran order: every slice needs every column)`,
      );
    gatherFortranSlices(header, indices, out, { x0, bytes });
  }
  return out.map((bytes) => bytes.buffer);
}
