import { formatBytes } from '../shared/format';
import { NpyHeader, npyHeaderLength, parseNpyHeader } from '../shared/npy/header';
import { middleSlice, sampleSlices, sampledStats, sliceByteRange, sliceCount, streamAxis } from '../shared/npy/streaming';
import { VolumeStats } from '../shared/windowing';
import { ArrayContent } from '../shared/protocol';

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
 * shown first are sent at once, the rest after (see SlicedFiles). Read, posted and analysed
 * whole, a 67 MB volume took 5.7 s to appear in code-server, against 1.4 s for its image preview.
 */
export const SLICE_FIRST_ABOVE = 16 * 2 ** 20;

/**
 * An array for a viewer. Small arrays are read whole. A 3-D array of a ranged source above
 * `sliceFirstAbove` bytes comes as its header and its middle slice alone; the other slices are
 * then sent unasked if it is at most `streamAbove` bytes (the webview then holds it whole), else
 * as they are shown. Never throws: an array that cannot be shown comes back with its reason.
 */
export async function readContent(source: ArraySource, streamAbove: number, sliceFirstAbove = streamAbove): Promise<ArrayContent> {
  const fileName = source.name;
  try {
    if (source.size > Math.min(streamAbove, sliceFirstAbove)) {
      const header = source.ranged ? await readHeader(source) : undefined;
      const axis = header && streamAxis(header);
      if (header && axis !== undefined) {
        const index = middleSlice(header.shape[axis]);
        return { fileName, header, sampled: { first: { index, data: await readSlice(source, header, index) }, whole: source.size <= streamAbove } };
      }
      if (source.size > streamAbove && source.size > WHOLE_READ_LIMIT) {
        const why = source.ranged ? 'only 3-D arrays are read slice by slice' : 'this file system has no ranged reads, so it can only be read whole';
        return { fileName, error: `the array is ${formatBytes(source.size)}, too large to read whole (limit ${formatBytes(WHOLE_READ_LIMIT)}), and ${why}` };
      }
    }
    const bytes = await source.read(0, source.size);
    const header = parseNpyHeader(bytes, bytes.length);
    // Copy exactly the data: a read can return a view on a larger shared buffer (a Node
    // Buffer's slice() is one), header and all.
    const data = new Uint8Array(header.dataBytes);
    data.set(bytes.subarray(header.dataOffset, header.dataOffset + header.dataBytes));
    return { fileName, header, data: data.buffer };
  } catch (e) {
    return { fileName, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The statistics of an array read slice by slice, from a sample of its slices (the middle one among them), read one after another. */
export async function sampleStatistics(source: ArraySource, header: NpyHeader): Promise<{ stats: VolumeStats; slices: number }> {
  const slices: Uint8Array[] = [];
  const indices = sampleSlices(sliceCount(header));
  for (const k of indices) slices.push(new Uint8Array(await readSlice(source, header, k)));
  return { stats: sampledStats(header, slices), slices: indices.length };
}

/** The bytes of slice `index` of an array read slice by slice (one ranged read), as a buffer of their own. */
export async function readSlice(source: ArraySource, header: NpyHeader, index: number): Promise<ArrayBuffer> {
  const { offset, length } = sliceByteRange(header, index);
  const bytes = await source.read(offset, length);
  if (bytes.length < length) throw new Error(`the array ends inside slice ${index}`);
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  const own = new Uint8Array(length);
  own.set(bytes.subarray(0, length));
  return own.buffer;
}
