import { NumericArray } from './npy/npyArray';

/** Counts of finite values in equal bins from `low` to `high` (the last bin includes `high`). */
export interface Histogram {
  low: number;
  high: number;
  counts: number[];
}

const HISTOGRAM_BINS = 256;

/** Edge i of n equal bins over [first, last], as np.linspace(first, last, n + 1) gives it. */
export function binEdge(i: number, first: number, last: number, n: number): number {
  return i === n ? last : i * ((last - first) / n) + first;
}

/**
 * The bin np.histogram(…, bins=n, range=(first, last)) counts `v` in, or -1 outside the range:
 * the index from the value's place, then moved by one where that disagrees with the linspace
 * edges (bins are [edge i, edge i+1), the last one closed). A probability of exactly 0.30 with
 * 20 bins is in [0.25, 0.30): 6 · 0.05 is 0.30000000000000004.
 */
export function numpyBin(v: number, first: number, last: number, n: number): number {
  if (!(v >= first && v <= last)) return -1;
  let k = Math.trunc(((v - first) / (last - first)) * n);
  if (k === n) k--;
  if (v < binEdge(k, first, last, n)) k--;
  else if (k !== n - 1 && v >= binEdge(k + 1, first, last, n)) k++;
  return k;
}

/**
 * Half the width of a range around a constant `v`: 0.5, or as wide as its scale where 0.5 is
 * lost in rounding; a power of two at least one unit in the last place, so `v ± half` are exact
 * short of an exponent's edge. The window and the histogram of a constant array both use it.
 */
export function constantHalfWidth(v: number): number {
  return Math.max(0.5, 2 ** Math.floor(Math.log2(Math.abs(v) * Number.EPSILON * 4)));
}

/** A range of some width holding a constant float `v`, inside the float64 range. */
function aroundConstant(v: number): [number, number] {
  const half = constantHalfWidth(v);
  if (!Number.isFinite(v + half)) return [v - 2 * half, v];
  if (!Number.isFinite(v - half)) return [v, v + 2 * half];
  return [v - half, v + half];
}

/**
 * The histogram of the finite values between `min` and `max` (the array's own). Integers of a
 * range of at most HISTOGRAM_BINS values get one bin per value, centred on it.
 */
export function histogramOf(values: NumericArray, min: number, max: number): Histogram | undefined {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  const integers = !(values instanceof Float32Array || values instanceof Float64Array);
  const perValue = integers && max - min + 1 <= HISTOGRAM_BINS;
  const bins = perValue ? max - min + 1 : HISTOGRAM_BINS;
  const [low, high] = perValue ? [min - 0.5, max + 0.5] : max > min ? [min, max] : aroundConstant(min);
  const counts = new Array<number>(bins).fill(0);
  if (perValue) {
    for (let i = 0; i < values.length; i++) counts[values[i] - min]++;
    return { low, high, counts };
  }
  if (Number.isFinite(high - low)) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v === 0) counts[numpyBin(v, low, high, bins)]++;
    }
    return { low, high, counts };
  }
  // Values near the float64 limits: their range is wider than a float64, worked in halves.
  const scale = bins / (high / 2 - low / 2);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    const bin = Math.floor((v / 2 - low / 2) * scale);
    counts[bin < 0 ? 0 : bin >= bins ? bins - 1 : bin]++;
  }
  return { low, high, counts };
}

/**
 * The histogram of integers already counted (bin b of `counts` holds the value b - offset),
 * between their `min` and `max`: as histogramOf would count them, without another pass.
 */
export function histogramFromCounts(counts: Uint32Array, offset: number, min: number, max: number): Histogram {
  if (max - min + 1 <= HISTOGRAM_BINS)
    return { low: min - 0.5, high: max + 0.5, counts: Array.from(counts.subarray(min + offset, max + offset + 1)) };
  const out = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (let v = min; v <= max; v++) out[numpyBin(v, min, max, HISTOGRAM_BINS)] += counts[v + offset];
  return { low: min, high: max, counts: out };
}
