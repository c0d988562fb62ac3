import { NumericArray } from './npy/decode';

/** The percentiles the statistics panel lists (NumPy's q, in percent). */
export const PERCENTILES = [0.5, 1, 5, 25, 50, 75, 95, 99, 99.5] as const;
/** Distinct values are listed, with their counts, when there are at most this many (masks, labels). */
export const MAX_DISTINCT = 32;

/**
 * NumPy's statistics of an array, in float64: NaN is left out (np.nanmin, np.nanargmin,
 * np.nanmean, np.nanstd, np.nanpercentile with its default linear method), infinities are
 * values like any other (as NumPy counts them).
 */
export interface ArrayStatistics {
  count: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** Undefined when every element is NaN (or there is none). */
  min?: number;
  max?: number;
  /** Positions in the values given (the first in C order where several hold the extreme). */
  minAt?: number;
  maxAt?: number;
  mean?: number;
  std?: number;
  /** By q in PERCENTILES; q = 50 is the median. */
  percentiles?: Map<number, number>;
  /** Each distinct value and how many elements hold it, ascending; when there are at most MAX_DISTINCT. */
  distinct?: { value: number; count: number }[];
}

type SmallInteger = Uint8Array | Int8Array | Uint16Array | Int16Array;

function isSmallInteger(values: NumericArray): values is SmallInteger {
  return values instanceof Uint8Array || values instanceof Int8Array || values instanceof Uint16Array || values instanceof Int16Array;
}

/**
 * The statistics of `values`. `cOrder`, for values stored in another order (Fortran), gives
 * each position's place in C order, so that ties for the extremes go where NumPy puts them.
 */
export function arrayStatistics(values: NumericArray, cOrder?: (i: number) => number): ArrayStatistics {
  const count = values.length;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  let min = Infinity;
  let max = -Infinity;
  let minAt = -1;
  let maxAt = -1;
  let sum = 0;
  const before = (i: number, j: number) => (cOrder ? cOrder(i) < cOrder(j) : i < j);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v !== v) {
      nan++;
      continue;
    }
    if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    if (v < min || minAt < 0 || (v === min && before(i, minAt))) {
      min = v;
      minAt = i;
    }
    if (v > max || maxAt < 0 || (v === max && before(i, maxAt))) {
      max = v;
      maxAt = i;
    }
    sum += v;
  }
  const n = count - nan;
  if (n === 0) return { count, nan, posInf, negInf };
  const mean = sum / n;
  let squares = 0;
  if (Number.isFinite(mean)) {
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (v === v) squares += (v - mean) * (v - mean);
    }
  }
  const std = Number.isFinite(mean) ? Math.sqrt(squares / n) : NaN;
  const ranks = PERCENTILES.flatMap((q) => {
    const virtual = (q / 100) * (n - 1);
    const below = Math.floor(virtual);
    return [below, Math.min(below + 1, n - 1)];
  });
  const ranked = isSmallInteger(values) ? countedRanks(values, ranks) : selectedRanks(values, ranks);
  const percentiles = new Map(PERCENTILES.map((q) => {
    const virtual = (q / 100) * (n - 1);
    const below = Math.floor(virtual);
    return [q, lerp(ranked.get(below)!, ranked.get(Math.min(below + 1, n - 1))!, virtual - below)];
  }));
  return { count, nan, posInf, negInf, min, max, minAt, maxAt, mean, std, percentiles, distinct: distinctValues(values) };
}

/** NumPy's _lerp: from the nearer end, so that t = 0 and t = 1 give the ends exactly. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The values at the given ranks (0 = smallest non-NaN) of 8- and 16-bit integers, from their counts. */
function countedRanks(values: SmallInteger, ranks: number[]): Map<number, number> {
  const offset = values instanceof Int8Array ? 128 : values instanceof Int16Array ? 32768 : 0;
  const counts = new Uint32Array(values instanceof Uint8Array || values instanceof Int8Array ? 256 : 65536);
  for (let i = 0; i < values.length; i++) counts[values[i] + offset]++;
  const out = new Map<number, number>();
  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  let seen = 0;
  let next = 0;
  for (let bin = 0; bin < counts.length && next < wanted.length; bin++) {
    seen += counts[bin];
    while (next < wanted.length && wanted[next] < seen) out.set(wanted[next++], bin - offset);
  }
  return out;
}

/** Buckets a pass over the values is split into before the few needed are sorted. */
const BUCKETS = 1 << 16;

/**
 * The values at the given ranks of any numbers, exactly, without sorting them all: one pass
 * counts them into buckets over [min, max], a second gathers the buckets that hold a wanted
 * rank, and only those are sorted. Infinities sit at either end.
 */
function selectedRanks(values: NumericArray, ranks: number[]): Map<number, number> {
  let low = Infinity;
  let high = -Infinity;
  let below = 0; // -inf
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) {
      if (v === -Infinity) below++;
      continue;
    }
    finite++;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const out = new Map<number, number>();
  const inside: number[] = [];
  for (const r of new Set(ranks)) {
    if (r < below) out.set(r, -Infinity);
    else if (r >= below + finite) out.set(r, Infinity);
    else inside.push(r - below);
  }
  if (!inside.length) return out;
  // Scaled so that no bucket index overflows, even for a range near the float64 limits.
  const scale = BUCKETS / (high / 2 - low / 2) / 2;
  const bucketOf = (v: number) => (high === low ? 0 : Math.min(BUCKETS - 1, Math.floor((v / 2 - low / 2) * scale * 2)));
  const counts = new Uint32Array(BUCKETS);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) counts[bucketOf(v)]++;
  }
  // For each wanted rank among the finite values: its bucket and its rank inside it.
  const starts = new Float64Array(BUCKETS);
  for (let b = 1; b < BUCKETS; b++) starts[b] = starts[b - 1] + counts[b - 1];
  const where = inside.map((r) => {
    let lo = 0;
    let hi = BUCKETS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    return { r, bucket: lo, within: r - starts[lo] };
  });
  const gathered = new Map<number, number[]>(where.map((w) => [w.bucket, []]));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) gathered.get(bucketOf(v))?.push(v);
  }
  for (const list of gathered.values()) list.sort((a, b) => a - b);
  for (const w of where) out.set(w.r + below, gathered.get(w.bucket)![w.within]);
  return out;
}

/** Each distinct non-NaN value with its count, when there are at most MAX_DISTINCT. */
function distinctValues(values: NumericArray): { value: number; count: number }[] | undefined {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const c = counts.get(v);
    if (c === undefined && counts.size === MAX_DISTINCT) return undefined;
    counts.set(v, (c ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

/** The NumPy index of the element at `position` of an array's values (stored in C or Fortran order). */
export function elementIndex(position: number, shape: readonly number[], fortranOrder: boolean): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = position;
  const axes = shape.map((_, a) => a);
  for (const a of fortranOrder ? axes : axes.reverse()) {
    index[a] = rest % shape[a];
    rest = Math.floor(rest / shape[a]);
  }
  return index;
}

/** For Fortran-order values: each position's place in C order (what NumPy's argmin counts in). */
export function cOrderOf(shape: readonly number[], fortranOrder: boolean): ((i: number) => number) | undefined {
  if (!fortranOrder || shape.length < 2) return undefined;
  return (i) => elementIndex(i, shape, true).reduce((flat, v, a) => flat * shape[a] + v, 0);
}
