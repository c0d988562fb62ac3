import { NumericArray } from './npy/decode';

/** Display window: values at or below `low` are black, at or above `high` white. */
export interface Window {
  low: number;
  high: number;
}

export type WindowPreset = 'auto' | 'full' | 'slice';

export interface VolumeStats {
  min: number;
  max: number;
  mean: number;
  /** NaN and infinities, left out of the other figures. */
  nonFinite: number;
  /** The 0.5th and 99.5th percentiles: the default window. */
  auto: Window;
}

/** Values sampled at most for percentiles of wide dtypes: plenty for a 0.5% quantile. */
const PERCENTILE_SAMPLE = 1 << 20;

export function volumeStats(values: NumericArray): VolumeStats {
  const { min, max, sum, finite } = range(values, 0, values.length);
  const empty = finite === 0;
  return {
    min: empty ? NaN : min,
    max: empty ? NaN : max,
    mean: empty ? NaN : sum / finite,
    nonFinite: values.length - finite,
    auto: empty ? { low: 0, high: 1 } : percentileWindow(values, 0.005, 0.995),
  };
}

/** Min and max of part of an array, finite values only. */
export function range(values: NumericArray, start: number, end: number) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or +-Infinity
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    finite++;
  }
  return { min, max, sum, finite };
}

function percentileWindow(values: NumericArray, lowQ: number, highQ: number): Window {
  if (values instanceof Uint8Array || values instanceof Int8Array || values instanceof Uint16Array || values instanceof Int16Array) {
    return histogramPercentiles(values, lowQ, highQ);
  }
  const step = Math.max(1, Math.floor(values.length / PERCENTILE_SAMPLE));
  const sample = new Float64Array(Math.ceil(values.length / step));
  let n = 0;
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (v - v === 0) sample[n++] = v;
  }
  const sorted = sample.subarray(0, n).sort();
  return { low: sorted[Math.floor(lowQ * (n - 1))], high: sorted[Math.ceil(highQ * (n - 1))] };
}

/** Exact percentiles of 8- and 16-bit integers by counting every value. */
function histogramPercentiles(values: Uint8Array | Int8Array | Uint16Array | Int16Array, lowQ: number, highQ: number): Window {
  const offset = values instanceof Int8Array ? 128 : values instanceof Int16Array ? 32768 : 0;
  const counts = new Uint32Array(values instanceof Uint8Array || values instanceof Int8Array ? 256 : 65536);
  for (let i = 0; i < values.length; i++) counts[values[i] + offset]++;
  const lowRank = Math.floor(lowQ * (values.length - 1));
  const highRank = Math.ceil(highQ * (values.length - 1));
  let low = 0;
  let high = 0;
  let seen = 0;
  for (let bin = 0; bin < counts.length; bin++) {
    if (seen <= lowRank && seen + counts[bin] > lowRank) low = bin - offset;
    if (seen <= highRank && seen + counts[bin] > highRank) high = bin - offset;
    seen += counts[bin];
  }
  return { low, high };
}

/** The window a preset gives; 'slice' needs the slice's own values. */
export function presetWindow(preset: WindowPreset, stats: VolumeStats, slice: NumericArray): Window {
  if (preset === 'auto') return widen(stats.auto);
  if (preset === 'full') return widen({ low: stats.min, high: stats.max });
  const { min, max, finite } = range(slice, 0, slice.length);
  return widen(finite ? { low: min, high: max } : stats.auto);
}

/** A window of zero width would divide by zero; give constant images a width of one. */
function widen(w: Window): Window {
  if (!Number.isFinite(w.low) || !Number.isFinite(w.high)) return { low: 0, high: 1 };
  return w.high > w.low ? w : { low: w.low - 0.5, high: w.low + 0.5 };
}

/** Width and level (centre), the way radiology viewers speak of a window. */
export function widthLevel(w: Window): { width: number; level: number } {
  return { width: w.high - w.low, level: (w.high + w.low) / 2 };
}

export function fromWidthLevel(width: number, level: number): Window {
  const half = Math.max(width, Number.EPSILON) / 2;
  return { low: level - half, high: level + half };
}

const OPAQUE = 0xff000000;

function grey(g: number): number {
  return (OPAQUE | (g << 16) | (g << 8) | g) >>> 0;
}

/**
 * Paints grey values into RGBA pixels (one Uint32 per pixel, little-endian ABGR as ImageData
 * holds them). 8-bit data goes through a 256-entry lookup table; other data through one
 * multiply-add per pixel. NaN paints black.
 */
export function paintGrey(values: NumericArray, w: Window, invert: boolean, out: Uint32Array): void {
  const scale = 255 / (w.high - w.low);
  const low = w.low;
  if (values instanceof Uint8Array || values instanceof Int8Array) {
    const lut = new Uint32Array(256);
    const offset = values instanceof Int8Array ? -128 : 0;
    for (let i = 0; i < 256; i++) lut[i] = grey(level(i + offset, low, scale, invert));
    const shift = values instanceof Int8Array ? 128 : 0;
    for (let i = 0; i < out.length; i++) out[i] = lut[(values[i] + shift) & 255];
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    out[i] = v === v ? grey(level(v, low, scale, invert)) : OPAQUE;
  }
}

function level(v: number, low: number, scale: number, invert: boolean): number {
  let g = (v - low) * scale;
  g = g < 0 ? 0 : g > 255 ? 255 : g | 0;
  return invert ? 255 - g : g;
}

/** Paints interleaved 8-bit RGB or RGBA pixels. */
export function paintColour(values: NumericArray, channels: number, invert: boolean, out: Uint32Array): void {
  for (let i = 0; i < out.length; i++) {
    const p = i * channels;
    let r = values[p];
    let g = values[p + 1];
    let b = values[p + 2];
    if (invert) [r, g, b] = [255 - r, 255 - g, 255 - b];
    const a = channels === 4 ? values[p + 3] : 255;
    out[i] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
}
