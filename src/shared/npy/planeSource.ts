import { NpyArray, NumericArray, elementStrides } from './decode';
import { encodeNpy } from './encode';
import { formatElement } from './formatValue';

/**
 * What a plane viewer shows: a stack of `depth` images of `height` x `width` pixels, each
 * pixel one grey value or `channels` colour values. The viewer knows nothing of .npy files.
 */
export interface PlaneSource {
  depth: number;
  height: number;
  width: number;
  channels: 1 | 3 | 4;
  /** The image of slice k, row-major (a view into the data where the layout allows). */
  slice(k: number): NumericArray;
  /** The raw value at slice k, row y, column x, as NumPy prints it. */
  valueAt(k: number, y: number, x: number): string;
  /** The NumPy index of that element, e.g. "[3, 10, 20]". */
  indexAt(k: number, y: number, x: number): string;
  /** Why slice k cannot be shown (a slice of a large file that failed to read), if it cannot. */
  error?(k: number): string | undefined;
  /** Whether slice k is still being read (it is drawn blank meanwhile). */
  pending?(k: number): boolean;
  /** The NumPy index that selects slice k of the array (null for `:`): [12, null, null], [null, 40, null]. */
  sliceIndex(k: number): (number | null)[];
  /** Slice k as a `.npy` of its own: its elements in the array's dtype, rows × columns (× channels). */
  sliceNpy(k: number): Uint8Array;
}

/** How an array of this shape is shown as images, or why it is not. */
export type Layout =
  | { kind: 'values' } // 0-D and 1-D: a list of values
  | { kind: 'image' } // 2-D, and (H, W, 1)
  | { kind: 'colour'; channels: 3 | 4; first?: boolean } // (H, W, 3|4) uint8, or float with every value in [0, 1]; `first`: (3|4, H, W)
  | { kind: 'volume'; leadingAxes: number }; // the last three axes are a volume, any before are indexed

/**
 * The layout of an array: colour stays colour, as matplotlib's imshow shows it, unless
 * `asChannels` asks for the channels of an (H, W, 3|4) array as slices of a volume.
 */
export function layoutOf(array: NpyArray, asChannels = false, channelsFirst = false): Layout {
  const { shape } = array.header;
  if (shape.length < 2) return { kind: 'values' };
  if (shape.length === 2 || (shape.length === 3 && shape[2] === 1)) return { kind: 'image' };
  const first = channelsFirst ? colourChannels(array, true) : undefined;
  if (first) return { kind: 'colour', channels: first, first: true };
  const channels = colourChannels(array);
  if (channels && !asChannels) return { kind: 'colour', channels };
  return { kind: 'volume', leadingAxes: shape.length - 3 };
}

/**
 * 3 or 4 for an (H, W, 3|4) array that can be a colour image (uint8, or floats all in [0, 1]);
 * with `first`, for a (3|4, H, W) one, channels first as PyTorch stores images.
 */
export function colourChannels(array: NpyArray, first = false): 3 | 4 | undefined {
  const { shape, dtype } = array.header;
  const last = shape[first ? 0 : 2];
  if (shape.length !== 3 || (last !== 3 && last !== 4)) return undefined;
  if (dtype.code === 'u1') return last;
  if (dtype.kind !== 'float') return undefined;
  const values = array.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0 || v > 1) return undefined; // NaN passes: it paints in its own colour
  }
  return last;
}

/**
 * The values of the 3-D volume shown at leading index `leading` (all of them for arrays of
 * up to three axes): what the default contrast of a 4-D or larger array is computed from.
 */
export function subVolumeValues(array: NpyArray, leading: readonly number[]): NumericArray {
  const { shape, fortranOrder } = array.header;
  if (leading.length === 0) return array.values;
  const strides = elementStrides(shape, fortranOrder);
  const inner = shape.slice(leading.length);
  const size = inner.reduce((a, b) => a * b, 1);
  const base = leading.reduce((sum, i, a) => sum + i * strides[a], 0);
  if (!fortranOrder) return array.values.subarray(base, base + size);
  const ctor = array.values.constructor as new (n: number) => NumericArray;
  const out = new ctor(size);
  const innerStrides = strides.slice(leading.length);
  for (let i = 0; i < size; i++) {
    let rest = i;
    let at = base;
    for (let a = inner.length - 1; a >= 0; a--) {
      at += (rest % inner[a]) * innerStrides[a];
      rest = Math.floor(rest / inner[a]);
    }
    out[i] = array.values[at];
  }
  return out;
}

/**
 * The images of an array: along volume axis `axis` (0, 1 or 2 of the last three) with the
 * leading axes fixed at `leading`. 2-D arrays and colour images are one slice.
 */
export function planeSource(array: NpyArray, axis = 0, leading: readonly number[] = [], asChannels = false, channelsFirst = false): PlaneSource {
  const { shape, fortranOrder } = array.header;
  const layout = layoutOf(array, asChannels, channelsFirst);
  if (layout.kind === 'values') throw new Error('0-D and 1-D arrays have no planes');
  const strides = elementStrides(shape, fortranOrder);
  const nd = shape.length;
  // Axes of the full array: the slice axis (or none), then rows, then columns.
  let sliceAxis = -1;
  let rowAxis = 0;
  let colAxis = 1;
  let channelStride = 0;
  let channels: 1 | 3 | 4 = 1;
  if (layout.kind === 'colour') {
    channels = layout.channels;
    channelStride = strides[layout.first ? 0 : 2];
    if (layout.first) [rowAxis, colAxis] = [1, 2];
  } else if (layout.kind === 'volume') {
    const volumeAxes = [nd - 3, nd - 2, nd - 1];
    sliceAxis = volumeAxes[axis];
    [rowAxis, colAxis] = volumeAxes.filter((a) => a !== sliceAxis);
  }
  const height = shape[rowAxis];
  const width = shape[colAxis];
  const depth = sliceAxis < 0 ? 1 : shape[sliceAxis];
  const base = leading.reduce((sum, i, a) => sum + i * strides[a], 0);
  const rowStride = strides[rowAxis];
  const colStride = strides[colAxis];
  const sliceStride = sliceAxis < 0 ? 0 : strides[sliceAxis];
  const values = array.values;
  const pixels = height * width * channels;
  const contiguous = channels === 1 ? colStride === 1 && rowStride === width : channelStride === 1 && colStride === channels && rowStride === width * channels;
  let buffer: NumericArray | undefined;

  const offsetOf = (k: number, y: number, x: number) => base + k * sliceStride + y * rowStride + x * colStride;
  const fullIndex = (k: number, y: number, x: number): (number | string)[] => {
    const index = [...leading, ...shape.slice(leading.length).map(() => 0)];
    if (sliceAxis >= 0) index[sliceAxis] = k;
    index[rowAxis] = y;
    index[colAxis] = x;
    if (channels === 1) return index;
    return layout.kind === 'colour' && layout.first ? [':', y, x] : index.slice(0, 2);
  };

  return {
    depth,
    height,
    width,
    channels,
    slice(k) {
      const start = base + k * sliceStride;
      if (contiguous) return values.subarray(start, start + pixels);
      const ctor = values.constructor as new (n: number) => NumericArray;
      buffer ??= new ctor(pixels);
      let i = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const p = start + y * rowStride + x * colStride;
          for (let c = 0; c < channels; c++) buffer[i++] = values[p + c * channelStride];
        }
      }
      return buffer;
    },
    valueAt(k, y, x) {
      const at = offsetOf(k, y, x);
      if (channels === 1) return formatElement(array, at);
      return Array.from({ length: channels }, (_, c) => formatElement(array, at + c * channelStride)).join(', ');
    },
    indexAt(k, y, x) {
      return `[${fullIndex(k, y, x).join(', ')}]`;
    },
    sliceIndex(k) {
      const index: (number | null)[] = [...leading, ...shape.slice(leading.length).map(() => null)];
      if (sliceAxis >= 0) index[sliceAxis] = k;
      else if (channels === 1 && shape.length === 3) index[2] = 0; // (H, W, 1)
      return index;
    },
    sliceNpy(k) {
      const { dtype } = array.header;
      const parts = dtype.kind === 'complex' ? 2 : 1;
      const raw = array.raw;
      const ctor = raw.constructor as new (n: number) => typeof raw;
      const out = new ctor(pixels * parts);
      let i = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < channels; c++) {
            const at = (offsetOf(k, y, x) + c * channelStride) * parts;
            for (let p = 0; p < parts; p++) out[i++] = raw[at + p];
          }
        }
      }
      const order = dtype.itemSize === 1 ? '|' : '<';
      return encodeNpy(`${order}${dtype.code}`, channels === 1 ? [height, width] : [height, width, channels], new Uint8Array(out.buffer));
    },
  };
}

/**
 * A NumPy index as a researcher types it: `[12]` (trailing `:` dropped after leading
 * integers), `[:, 40, :]`, `[0, :, :, 7]`; empty for the whole array.
 */
export function numpyIndexText(index: readonly (number | null)[]): string {
  const firstColon = index.indexOf(null);
  const onlyTrailing = firstColon >= 0 && index.slice(firstColon).every((i) => i === null);
  const shown = onlyTrailing ? index.slice(0, firstColon) : index;
  return shown.length ? `[${shown.map((i) => (i === null ? ':' : String(i))).join(', ')}]` : '';
}

/**
 * The line a researcher pastes into a notebook to get exactly a slice:
 * `np.load("train/axial/0000.npy")[12]`, `np.load("cams.npz")["acl"][12]`. `member` is the
 * `.npz` member's name; NumPy's key for it drops `.npy`.
 */
export function numpyExpression(path: string, member: string | undefined, index: readonly (number | null)[]): string {
  const key = member === undefined ? '' : `[${pythonString(member.replace(/\.npy$/, ''))}]`;
  return `np.load(${pythonString(path)})${key}${numpyIndexText(index)}`;
}

/** A Python string literal: JSON's escapes are Python's too. */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** A 0-D or 1-D array as one slice of n rows and one column, for the values grid: cells `[i]` (`()` for 0-D). */
export function valuesSource(array: NpyArray): PlaneSource {
  const { shape, dtype } = array.header;
  const n = shape.length === 0 ? 1 : shape[0];
  return {
    depth: 1,
    height: n,
    width: 1,
    channels: 1,
    slice: () => array.values,
    valueAt: (_k, y) => formatElement(array, y),
    indexAt: (_k, y) => (shape.length === 0 ? '()' : `[${y}]`),
    sliceIndex: () => [],
    sliceNpy: () => encodeNpy(`${dtype.itemSize === 1 ? '|' : '<'}${dtype.code}`, shape, new Uint8Array(array.raw.buffer, array.raw.byteOffset, array.raw.byteLength)),
  };
}

/** A slice's values as CSV, as NumPy prints each (rows of the image; a colour pixel's channels quoted together). */
export function sliceCsv(source: PlaneSource, k: number): string {
  const lines: string[] = [];
  for (let y = 0; y < source.height; y++) {
    const cells: string[] = [];
    for (let x = 0; x < source.width; x++) {
      const v = source.valueAt(k, y, x);
      cells.push(source.channels > 1 ? `"${v}"` : v);
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
