import { NumericArray } from './npy/decode';

/** Counts of finite values in equal bins from `low` to `high` (the last bin includes `high`). */
export interface Histogram {
  low: number;
  high: number;
  counts: number[];
}

const HISTOGRAM_BINS = 256;

/**
 * The histogram of the finite values between `min` and `max` (the array's own). Integers of a
 * range of at most HISTOGRAM_BINS values get one bin per value, centred on it.
 */
export function histogramOf(values: NumericArray, min: number, max: number): Histogram | undefined {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  const integers = !(values instanceof Float32Array || values instanceof Float64Array);
  const perValue = integers && max - min + 1 <= HISTOGRAM_BINS;
  const bins = perValue ? max - min + 1 : HISTOGRAM_BINS;
  const low = perValue ? min - 0.5 : min;
  const high = perValue ? max + 0.5 : max > min ? max : min + 1;
  const counts = new Array<number>(bins).fill(0);
  if (perValue) {
    for (let i = 0; i < values.length; i++) counts[values[i] - min]++;
    return { low, high, counts };
  }
  // Halves keep the width finite for values near the float64 limits.
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
  if (max - min + 1 <= HISTOGRAM_BINS) return { low: min - 0.5, high: max + 0.5, counts: Array.from(counts.subarray(min + offset, max + offset + 1)) };
  const out = new Array<number>(HISTOGRAM_BINS).fill(0);
  const scale = HISTOGRAM_BINS / (max - min);
  for (let v = min; v <= max; v++) out[Math.min(Math.floor((v - min) * scale), HISTOGRAM_BINS - 1)] += counts[v + offset];
  return { low: min, high: max, counts: out };
}
