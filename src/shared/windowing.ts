import { Histogram, constantHalfWidth, histogramFromCounts, histogramOf } from './histogram';
import { NumericArray } from './npy/npyArray';

/** Display window: values at or below `low` are black, at or above `high` white. */
export interface Window {
  low: number;
  high: number;
}

/** The contrast presets, in the toolbar's order. */
export const WINDOW_PRESETS = ['auto', 'full', 'slice'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export function isWindowPreset(value: unknown): value is WindowPreset {
  return WINDOW_PRESETS.includes(value as WindowPreset);
}

export interface VolumeStats {
  min: number;
  max: number;
  mean: number;
  /** NaN and infinities, counted apart and left out of the other figures. */
  nan: number;
  posInf: number;
  negInf: number;
  /** The 0.5th and 99.5th percentiles: the default window; undefined when no value is finite. */
  auto?: Window;
  /** Of the finite values; undefined when none is. */
  histogram?: Histogram;
}

/** Values sampled at most for percentiles of wide dtypes: plenty for a 0.5% quantile. */
const PERCENTILE_SAMPLE = 1 << 20;

export function volumeStats(values: NumericArray): VolumeStats {
  const bins = smallIntegerBins(values);
  if (bins && values.length > 0) return smallIntegerStats(values as SmallInteger, bins);
  const { min, max, sum, finite } = range(values, 0, values.length);
  const empty = finite === 0;
  let nan = 0;
  let posInf = 0;
  if (finite < values.length) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) nan++;
      else if (v === Infinity) posInf++;
    }
  }
  return {
    min: empty ? NaN : min,
    max: empty ? NaN : max,
    // Summing halves keeps the mean of values near the float64 limits finite.
    mean: empty ? NaN : Number.isFinite(sum) ? sum / finite : 2 * halfMean(values, finite),
    nan,
    posInf,
    negInf: values.length - finite - nan - posInf,
    auto: empty ? undefined : percentileWindow(values, finite, 0.005, 0.995),
    histogram: empty ? undefined : histogramOf(values, min, max),
  };
}

type SmallInteger = Uint8Array | Int8Array | Uint16Array | Int16Array;

/**
 * For 8- and 16-bit integers: a zero count for every value the dtype holds, value v's in bin
 * v + offset (one counting pass then gives exact percentiles); undefined for other dtypes.
 */
export function smallIntegerBins(values: NumericArray): { counts: Uint32Array; offset: number } | undefined {
  if (values instanceof Uint8Array || values instanceof Int8Array)
    return { counts: new Uint32Array(256), offset: values instanceof Int8Array ? 128 : 0 };
  if (values instanceof Uint16Array || values instanceof Int16Array)
    return { counts: new Uint32Array(65536), offset: values instanceof Int16Array ? 32768 : 0 };
  return undefined;
}

/** 8- and 16-bit integers: one counting pass gives the range, the mean, exact percentiles and the histogram. */
function smallIntegerStats(
  values: SmallInteger,
  { counts, offset }: { counts: Uint32Array; offset: number },
): VolumeStats {
  for (let i = 0; i < values.length; i++) counts[values[i] + offset]++;
  let low = 0;
  while (counts[low] === 0) low++;
  let high = counts.length - 1;
  while (counts[high] === 0) high--;
  let sum = 0;
  for (let bin = low; bin <= high; bin++) sum += counts[bin] * (bin - offset);
  return {
    min: low - offset,
    max: high - offset,
    mean: sum / values.length,
    nan: 0,
    posInf: 0,
    negInf: 0,
    auto: countedPercentiles(counts, offset, values.length, 0.005, 0.995),
    histogram: histogramFromCounts(counts, offset, low - offset, high - offset),
  };
}

function halfMean(values: NumericArray, finite: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) sum += v / 2 / finite;
  }
  return sum;
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

/** Percentiles of the `finite` finite values: every one when few, else an even sample of them (never of the NaN around them). */
function percentileWindow(values: NumericArray, finite: number, lowQ: number, highQ: number): Window {
  const step = Math.max(1, Math.floor(finite / PERCENTILE_SAMPLE));
  const sample = new Float64Array(Math.ceil(finite / step));
  let n = 0;
  let seen = 0;
  for (let i = 0; i < values.length && n < sample.length; i++) {
    const v = values[i];
    if (v - v === 0 && seen++ % step === 0) sample[n++] = v;
  }
  const sorted = sample.subarray(0, n).sort();
  return { low: sorted[Math.floor(lowQ * (n - 1))], high: sorted[Math.ceil(highQ * (n - 1))] };
}

/** Exact percentiles of `total` integers from their counts (bin b holds the value b - offset). */
function countedPercentiles(counts: Uint32Array, offset: number, total: number, lowQ: number, highQ: number): Window {
  const lowRank = Math.floor(lowQ * (total - 1));
  const highRank = Math.ceil(highQ * (total - 1));
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

/**
 * The window a preset gives; 'slice' needs the slice's own values. Statistics with no finite
 * value (a sample of an almost-all-NaN array) fall back to the slice's own range, and a slice
 * with none to [0, 1]: always a finite window.
 */
export function presetWindow(preset: WindowPreset, stats: VolumeStats, slice: NumericArray): Window {
  if (preset === 'auto' && stats.auto) return widen(stats.auto);
  if (preset === 'full' && Number.isFinite(stats.min)) return widen({ low: stats.min, high: stats.max });
  const { min, max, finite } = range(slice, 0, slice.length);
  return widen(finite ? { low: min, high: max } : (stats.auto ?? { low: 0, high: 1 }));
}

/**
 * Constant images get a width of one around their value (or of their own scale, where one is
 * lost in rounding), so that they paint the middle grey. Where no finite window has the value
 * exactly in its middle (at the float64 limits, or where an end rounds), the window is the
 * value alone (zero wide), which paints it in the same middle grey (see index).
 */
function widen(w: Window): Window {
  if (!Number.isFinite(w.low) || !Number.isFinite(w.high)) return { low: 0, high: 1 };
  if (w.high > w.low) return w;
  const v = w.low;
  const half = constantHalfWidth(v);
  const widened = { low: v - half, high: v + half };
  // Differences of such close values are exact: this compares the two halves as they are.
  const centred = Number.isFinite(widened.low) && Number.isFinite(widened.high) && widened.high - v === v - widened.low;
  return centred ? widened : { low: v, high: v };
}

/** Width and level (centre), the way radiology viewers speak of a window; the width may exceed the float64 range. */
export function widthLevel(w: Window): { width: number; level: number } {
  return { width: w.high - w.low, level: w.high / 2 + w.low / 2 };
}

export function fromWidthLevel(width: number, level: number): Window {
  const half = Math.max(width, Number.EPSILON) / 2;
  return { low: level - half, high: level + half };
}

/** Colours of their own for values no window can place (little-endian ABGR): NaN magenta, +inf orange, -inf cyan. */
export const NAN_COLOUR = 0xffff00ff;
export const POS_INF_COLOUR = 0xff0080ff;
export const NEG_INF_COLOUR = 0xffffc000;

function special(v: number): number {
  return v !== v ? NAN_COLOUR : v > 0 ? POS_INF_COLOUR : NEG_INF_COLOUR;
}

/**
 * Paints one-channel values through a colour map's 256 colours (one Uint32 per pixel,
 * little-endian ABGR as ImageData holds them), the way matplotlib does: the value's place in
 * the window, (v - low) / (high - low), times 256, picks the colour, clamped at both ends.
 * 8-bit data goes through a 256-entry table of its own; NaN and infinities get their own colours.
 */
export function paintMapped(
  values: NumericArray,
  w: Window,
  colours: Uint32Array,
  out: Uint32Array,
  scale: ColourScale = 'linear',
): void {
  if (scale !== 'linear') return paintScaled(values, scaleTransform(scale, w), colours, out);
  // A window wider than the float64 range (values near its limits) is worked in halves.
  const halves = !Number.isFinite(w.high - w.low);
  const low = halves ? w.low / 2 : w.low;
  const span = halves ? w.high / 2 - w.low / 2 : w.high - w.low;
  const factor = halves ? 0.5 : 1;
  if (values instanceof Uint8Array || values instanceof Int8Array) {
    const lut = new Uint32Array(256);
    const offset = values instanceof Int8Array ? -128 : 0;
    for (let i = 0; i < 256; i++) lut[i] = colours[index((i + offset) * factor, low, span)];
    const shift = values instanceof Int8Array ? 128 : 0;
    for (let i = 0; i < out.length; i++) out[i] = lut[(values[i] + shift) & 255];
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    out[i] = v - v === 0 ? colours[index(v * factor, low, span)] : special(v);
  }
}

/** How values are placed between the window's ends: matplotlib's Normalize, LogNorm, SymLogNorm. */
export type ColourScale = 'linear' | 'log' | 'symlog';
export const COLOUR_SCALES: readonly ColourScale[] = ['linear', 'log', 'symlog'];

/**
 * The window a log scale works in: its own where both ends are positive; a low end at or
 * below 0 becomes high / 10^6 (six decades), as a log scale cannot start at 0.
 */
function logWindow(w: Window): Window {
  const high = w.high > 0 ? w.high : 1;
  return { low: w.low > 0 && w.low < high ? w.low : high / 1e6, high };
}

/** The symmetric log scale's linear range around 0: a thousandth of the window's larger end (three decades of log beyond it). */
function symlogThreshold(w: Window): number {
  return Math.max(Math.abs(w.low), Math.abs(w.high)) / 1000 || 1;
}

/** matplotlib's SymmetricalLogTransform (base 10, linscale 1) with threshold `t`. */
function symlog(v: number, t: number): number {
  const adj = 1 / (1 - 1 / 10);
  const a = Math.abs(v);
  return a <= t ? v * adj : Math.sign(v) * t * (adj + Math.log(a / t) / Math.log(10));
}

/** A value's place in the window under a scale: 0 at the low end, 1 at the high end (beyond them outside [0, 1]). */
export function scaleTransform(scale: ColourScale, w: Window): (v: number) => number {
  if (scale === 'log') {
    const { low, high } = logWindow(w);
    const lo = Math.log10(low);
    const span = Math.log10(high) - lo;
    return (v) => (v > 0 ? (Math.log10(v) - lo) / span : -Infinity);
  }
  if (scale === 'symlog') {
    const t = symlogThreshold(w);
    const lo = symlog(w.low, t);
    const span = symlog(w.high, t) - lo;
    return (v) => (symlog(v, t) - lo) / span;
  }
  const span = w.high - w.low;
  return (v) => (v - w.low) / span;
}

/** The value at place `t` of the window under a scale (the colour bar's middle label). */
export function scaleValueAt(scale: ColourScale, w: Window, t: number): number {
  if (scale === 'log') {
    const { low, high } = logWindow(w);
    return 10 ** (Math.log10(low) + t * (Math.log10(high) - Math.log10(low)));
  }
  if (scale === 'symlog') {
    const th = symlogThreshold(w);
    const place = scaleTransform('symlog', w);
    // The transform is monotonic: bisect for the value at t.
    let lo = w.low;
    let hi = w.high;
    for (let i = 0; i < 200 && lo < hi; i++) {
      const mid = lo / 2 + hi / 2;
      if (place(mid) < t) lo = mid;
      else hi = mid;
    }
    return Math.abs(lo) < th * 1e-12 ? 0 : lo;
  }
  return w.low + t * (w.high - w.low);
}

/** Painting through a log or symmetric log scale: 8-bit data by a table, like the linear scale. */
function paintScaled(values: NumericArray, place: (v: number) => number, colours: Uint32Array, out: Uint32Array): void {
  const colourAt = (v: number) => colours[placeIndex(place(v))];
  if (values instanceof Uint8Array || values instanceof Int8Array) {
    const offset = values instanceof Int8Array ? 128 : 0;
    const lut = Uint32Array.from({ length: 256 }, (_, i) => colourAt(i - offset));
    for (let i = 0; i < out.length; i++) out[i] = lut[(values[i] + offset) & 255];
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    out[i] = v - v === 0 ? colourAt(v) : special(v);
  }
}

/** matplotlib's colour index of a place in the window: 256 bins, the ends clamped. */
function placeIndex(t: number): number {
  const x = t * 256;
  return x >= 0 ? (x >= 255 ? 255 : x | 0) : 0;
}

function index(v: number, low: number, span: number): number {
  // A zero-wide window (a constant at the float64 limits): its value is the middle grey.
  if (span === 0) return v < low ? 0 : v > low ? 255 : 128;
  const x = ((v - low) / span) * 256;
  return x < 0 ? 0 : x >= 255 ? 255 : x | 0;
}

/**
 * Paints interleaved RGB or RGBA pixels: 8-bit values as they are, floats in [0, 1] as
 * matplotlib's imshow does (times 255, truncated); a pixel with a NaN paints the NaN colour.
 */
export function paintColour(values: NumericArray, channels: number, invert: boolean, out: Uint32Array): void {
  const scale = values instanceof Float32Array || values instanceof Float64Array ? 255 : 1;
  for (let i = 0; i < out.length; i++) {
    const p = i * channels;
    let r = values[p] * scale;
    let g = values[p + 1] * scale;
    let b = values[p + 2] * scale;
    const a = channels === 4 ? values[p + 3] * scale : 255;
    if (r !== r || g !== g || b !== b || a !== a) {
      out[i] = NAN_COLOUR;
      continue;
    }
    if (invert) [r, g, b] = [255 - r, 255 - g, 255 - b];
    out[i] = (((a & 255) << 24) | ((b & 255) << 16) | ((g & 255) << 8) | (r & 255)) >>> 0;
  }
}
