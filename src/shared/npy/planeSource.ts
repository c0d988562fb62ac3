import { elementStrides } from './decode';
import { NpyArray, NumericArray } from './npyArray';
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
  /**
   * Where the image's rows, columns (and channels) come in what `sliceIndex` selects, when
   * not in that order (an image turned by the choice of axes): [1, 0] is `.T`.
   */
  sliceOrder?: number[];
}

/**
 * Which axes of an array are shown how: one runs down the image (`rows`), one across
 * (`cols`), the plane's slider moves along `slice` (-1: the image is all there is), `channel`
 * holds a colour image's 3 or 4 channels (-1: grey); every other axis stays at its `index`.
 */
export interface ArrayView {
  rows: number;
  cols: number;
  slice: number;
  channel: number;
  /** An index for every axis of the array; only those of the axes held still count. */
  index: number[];
}

/**
 * The colour axis of an array that can be a stack of colour images (uint8, or floats all in
 * [0, 1]), else -1: its last axis, of 3 or 4 (`(…, H, W, 3|4)`, as matplotlib's imshow takes
 * them), or with `first` the axis before the image (`(…, 3|4, H, W)`, as PyTorch stores them).
 */
export function colourAxis(array: NpyArray, first = false): number {
  const { shape, dtype } = array.header;
  const axis = shape.length - (first ? 3 : 1);
  if (shape.length < 3 || (shape[axis] !== 3 && shape[axis] !== 4)) return -1;
  if (dtype.code === 'u1') return axis;
  if (dtype.kind !== 'float') return -1;
  return inUnitRange(array) ? axis : -1;
}

/** Whether every value of a float array is in [0, 1]; scanned once per array, however often asked. */
function inUnitRange(array: NpyArray): boolean {
  let known = unitRange.get(array);
  if (known === undefined) {
    known = true;
    const values = array.values;
    for (let i = 0; i < values.length && known; i++) known = !(values[i] < 0 || values[i] > 1); // NaN passes: it paints in its own colour
    unitRange.set(array, known);
  }
  return known;
}
const unitRange = new WeakMap<NpyArray, boolean>();

/**
 * How an array is first shown, NumPy's way: the last two axes are the image and the one
 * before them the slices, any before that held at 0; a colour stack is colour images, its
 * channels the last axis (with `channelsFirst`, the one before the image; with `asChannels`,
 * slices of grey); a trailing axis of 1 (`(…, H, W, 1)`) is held. Undefined for 0-D and 1-D
 * arrays, which are lists of values.
 */
export function defaultView(
  array: NpyArray,
  options: { asChannels?: boolean; channelsFirst?: boolean } = {},
): ArrayView | undefined {
  const { shape } = array.header;
  const nd = shape.length;
  if (nd < 2) return undefined;
  const index = shape.map(() => 0);
  const first = options.channelsFirst ? colourAxis(array, true) : -1;
  if (first >= 0) return { rows: nd - 2, cols: nd - 1, slice: nd - 4, channel: first, index };
  const last = colourAxis(array);
  if (last >= 0 && options.asChannels) return { rows: nd - 3, cols: nd - 2, slice: last, channel: -1, index };
  if (last >= 0) return { rows: nd - 3, cols: nd - 2, slice: nd - 4, channel: last, index };
  const image = nd >= 3 && shape[nd - 1] === 1 ? nd - 1 : nd;
  return { rows: image - 2, cols: image - 1, slice: image - 3, channel: -1, index };
}

/** Whether a view shows the slices of axis 0 as a 3-D file holds them (rows axis 1, columns axis 2), as an array sent slice first does. */
export function alongFirstAxis(view: ArrayView): boolean {
  return view.slice === 0 && view.rows === 1 && view.cols === 2 && view.channel < 0;
}

/** The axes held at their index: neither image, slice nor channel. */
export function heldAxes(view: ArrayView): number[] {
  return view.index
    .map((_, axis) => axis)
    .filter((axis) => axis !== view.rows && axis !== view.cols && axis !== view.slice && axis !== view.channel);
}

/**
 * The view with `axis` as the image's rows, columns or the slice axis. Rows and columns trade
 * places with whatever held the axis before (the image turns, or slice and image trade); a
 * new slice axis taken from the image leaves the other two of the three as NumPy orders them
 * (`a[:, k]` shows axes 0 and 2); an axis that was held lets go of the old one, which is held.
 */
export function withAxis(view: ArrayView, role: 'rows' | 'cols' | 'slice', axis: number): ArrayView {
  const next = { ...view, index: [...view.index] };
  const old = view[role];
  if (old === axis) return next;
  if (role === 'slice' && old >= 0 && (axis === view.rows || axis === view.cols)) {
    [next.rows, next.cols] = [old, view.rows, view.cols].filter((a) => a !== axis).sort((a, b) => a - b);
  } else {
    for (const other of ['rows', 'cols', 'slice'] as const) if (view[other] === axis) next[other] = old;
  }
  next[role] = axis;
  return next;
}

/**
 * A view that was saved (for this file, maybe before it changed), if it still fits the array:
 * distinct axes in range, a channel axis the array can be colour on, indices clamped.
 */
export function checkedView(array: NpyArray, saved: unknown): ArrayView | undefined {
  const { shape } = array.header;
  const nd = shape.length;
  if (typeof saved !== 'object' || saved === null || nd < 2) return undefined;
  const v = saved as Partial<Record<keyof ArrayView, unknown>>;
  const axisOrNone = (a: unknown, none: boolean) =>
    Number.isInteger(a) && (a as number) >= (none ? -1 : 0) && (a as number) < nd;
  if (
    !axisOrNone(v.rows, false) ||
    !axisOrNone(v.cols, false) ||
    !axisOrNone(v.slice, true) ||
    !axisOrNone(v.channel, true)
  )
    return undefined;
  const view = {
    rows: v.rows as number,
    cols: v.cols as number,
    slice: v.slice as number,
    channel: v.channel as number,
  };
  const used = Object.values(view).filter((a) => a >= 0);
  if (new Set(used).size !== used.length) return undefined;
  if (view.channel >= 0 && view.channel !== colourAxis(array) && view.channel !== colourAxis(array, true))
    return undefined;
  const index = shape.map((n, axis) => {
    const i = Array.isArray(v.index) ? (v.index[axis] as unknown) : 0;
    return Number.isInteger(i) ? Math.max(0, Math.min(n - 1, i as number)) : 0;
  });
  return { ...view, index };
}

/**
 * The values of what a view can show at its held indices (every slice of the volume or stack
 * shown; the whole array when nothing is held): what a 4-D array's default contrast is of.
 */
export function viewValues(array: NpyArray, view: ArrayView): NumericArray {
  const held = heldAxes(view);
  const { shape, fortranOrder } = array.header;
  if (held.length === 0) return array.values;
  const strides = elementStrides(shape, fortranOrder);
  const free = shape.map((_, axis) => axis).filter((axis) => !held.includes(axis));
  const base = held.reduce((sum, axis) => sum + view.index[axis] * strides[axis], 0);
  const size = free.reduce((n, axis) => n * shape[axis], 1);
  // Held axes that lead a C-order array leave a run of elements.
  if (!fortranOrder && held.every((axis, i) => axis === i)) return array.values.subarray(base, base + size);
  const ctor = array.values.constructor as new (n: number) => NumericArray;
  const out = new ctor(size);
  for (let i = 0; i < size; i++) {
    let rest = i;
    let at = base;
    for (let f = free.length - 1; f >= 0; f--) {
      const axis = free[f];
      at += (rest % shape[axis]) * strides[axis];
      rest = Math.floor(rest / shape[axis]);
    }
    out[i] = array.values[at];
  }
  return out;
}

/** The images of an array as `view` shows them (NumPy's way by default). */
export function planeSource(array: NpyArray, view: ArrayView | undefined = defaultView(array)): PlaneSource {
  if (!view) throw new Error('0-D and 1-D arrays have no planes');
  const { shape, fortranOrder } = array.header;
  const strides = elementStrides(shape, fortranOrder);
  const { rows: rowAxis, cols: colAxis, slice: sliceAxis, channel: channelAxis } = view;
  const channels = (channelAxis < 0 ? 1 : shape[channelAxis]) as 1 | 3 | 4;
  const channelStride = channelAxis < 0 ? 0 : strides[channelAxis];
  const height = shape[rowAxis];
  const width = shape[colAxis];
  const depth = sliceAxis < 0 ? 1 : shape[sliceAxis];
  const held = heldAxes(view);
  const base = held.reduce((sum, axis) => sum + view.index[axis] * strides[axis], 0);
  const rowStride = strides[rowAxis];
  const colStride = strides[colAxis];
  const sliceStride = sliceAxis < 0 ? 0 : strides[sliceAxis];
  const values = array.values;
  const pixels = height * width * channels;
  const contiguous =
    channels === 1
      ? colStride === 1 && rowStride === width
      : channelStride === 1 && colStride === channels && rowStride === width * channels;
  let buffer: NumericArray | undefined;

  const offsetOf = (k: number, y: number, x: number) => base + k * sliceStride + y * rowStride + x * colStride;

  const shownAxes = [rowAxis, colAxis, ...(channelAxis < 0 ? [] : [channelAxis])];
  const numpyAxes = [...shownAxes].sort((a, b) => a - b);
  const order = shownAxes.map((axis) => numpyAxes.indexOf(axis));

  return {
    depth,
    height,
    width,
    channels,
    ...(order.some((o, i) => o !== i) && { sliceOrder: order }),
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
      return `[${pixelIndex(view, shape.length, k, y, x).join(', ')}]`;
    },
    sliceIndex(k) {
      const index: (number | null)[] = [...view.index];
      for (const axis of [rowAxis, colAxis, channelAxis]) if (axis >= 0) index[axis] = null;
      if (sliceAxis >= 0) index[sliceAxis] = k;
      return index;
    },
    sliceNpy(k) {
      return sliceAsNpy(array, { height, width, channels, channelStride }, (y, x) => offsetOf(k, y, x));
    },
  };
}

/** The index NumPy selects a pixel by: a colour pixel's channels are `:`, or left out when last. */
function pixelIndex(view: ArrayView, axes: number, k: number, y: number, x: number): (number | string)[] {
  const index: (number | string)[] = [...view.index];
  if (view.slice >= 0) index[view.slice] = k;
  index[view.rows] = y;
  index[view.cols] = x;
  if (view.channel < 0) return index;
  index[view.channel] = ':';
  return view.channel === axes - 1 ? index.slice(0, -1) : index;
}

/** A slice's elements as stored (complex as two parts each), as a little-endian .npy of its image's shape. */
function sliceAsNpy(
  array: NpyArray,
  {
    height,
    width,
    channels,
    channelStride,
  }: { height: number; width: number; channels: number; channelStride: number },
  offsetOf: (y: number, x: number) => number,
): Uint8Array {
  const { dtype } = array.header;
  const parts = dtype.kind === 'complex' ? 2 : 1;
  const raw = array.raw;
  const ctor = raw.constructor as new (n: number) => typeof raw;
  const out = new ctor(height * width * channels * parts);
  let i = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const at = (offsetOf(y, x) + c * channelStride) * parts;
        for (let p = 0; p < parts; p++) out[i++] = raw[at + p];
      }
    }
  }
  const order = dtype.itemSize === 1 ? '|' : '<';
  return encodeNpy(
    `${order}${dtype.code}`,
    channels === 1 ? [height, width] : [height, width, channels],
    new Uint8Array(out.buffer),
  );
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
 * `np.load("train/axial/0000.npy")[12]`, `np.load("cams.npz")["acl"][12]`, and `.T` or
 * `.transpose(…)` when the image shows the axes in another `order`. `member` is the `.npz`
 * member's name; NumPy's key for it drops `.npy`.
 */
export function numpyExpression(
  path: string,
  member: string | undefined,
  index: readonly (number | null)[],
  order?: readonly number[],
): string {
  const key = member === undefined ? '' : `[${pythonString(member.replace(/\.npy$/, ''))}]`;
  const turned =
    !order || order.every((o, i) => o === i) ? '' : order.length === 2 ? '.T' : `.transpose(${order.join(', ')})`;
  return `np.load(${pythonString(path)})${key}${numpyIndexText(index)}${turned}`;
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
    sliceNpy: () =>
      encodeNpy(
        `${dtype.itemSize === 1 ? '|' : '<'}${dtype.code}`,
        shape,
        new Uint8Array(array.raw.buffer, array.raw.byteOffset, array.raw.byteLength),
      ),
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
