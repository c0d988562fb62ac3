import { NumericArray, RawArray } from './npy/npyArray';
import { DType } from './npy/dtype';

/** 64-bit integers as stored: their float64 values (NumericArray) are rounded beyond 2^53. */
export type WideIntegers = BigInt64Array | BigUint64Array;

/** The elements as stored when they are 64-bit integers (their exact figures need them). */
export function wideOf(raw: RawArray): WideIntegers | undefined {
  return raw instanceof BigInt64Array || raw instanceof BigUint64Array ? raw : undefined;
}

/** Whether a dtype's elements are 64-bit integers, which wideOf gives as stored. */
export function holdsWideIntegers(dtype: DType): boolean {
  return dtype.itemSize === 8 && (dtype.kind === 'int' || dtype.kind === 'uint');
}
import { smallIntegerBins } from './windowing';

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
  /**
   * For 64-bit integers, exactly as decimal text: min and max (their positions above are the
   * exact ones), the percentiles (interpolated exactly, to six decimals where they fall between
   * two values). The float64 figures above stand for them in arithmetic.
   */
  exact?: { min: string; max: string; percentiles: Map<number, string> };
}

/** Buckets a pass over the values is split into before the few needed are sorted. */
const BUCKETS = 1 << 16;

/** The ranks (0 = smallest non-NaN) the percentiles of n values interpolate between. */
function percentileRanks(n: number): number[] {
  return [
    ...new Set(
      PERCENTILES.flatMap((q) => {
        const below = Math.floor((q / 100) * (n - 1));
        return [below, Math.min(below + 1, n - 1)];
      }),
    ),
  ];
}

/** NumPy's _lerp: from the nearer end, so that t = 0 and t = 1 give the ends exactly. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * NumPy's statistics of values that come in chunks (the slices of a file read slice by slice),
 * exactly: each pass sees every chunk once, in order, with its position in the array. One pass
 * for 8- and 16-bit integers (their counts give the percentiles); three for other dtypes: the
 * range, then bucket counts over it, then the values of the buckets that hold a wanted rank.
 */
export class StatisticsAccumulator {
  private count = 0;
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private min = Infinity;
  private max = -Infinity;
  private minAt = -1;
  private maxAt = -1;
  private sum = 0;
  /** Values that are not NaN, and the sum of their squared deviations (Chan's combination of each chunk's). */
  private n = 0;
  private m2 = 0;
  private finiteLow = Infinity;
  private finiteHigh = -Infinity;
  private finite = 0;
  private distinct?: Map<number, number> = new Map();
  private small?: { counts: Uint32Array; offset: number };
  private buckets?: Uint32Array;
  private wanted?: { rank: number; bucket: number; within: number }[];
  private gathered?: Map<number, number[]>;
  /** For 64-bit integers: the exact extremes, and the exact values of the wanted buckets. */
  private wide?: { min: bigint; max: bigint; minAt: number; maxAt: number; gathered: Map<number, bigint[]> };
  /** How many passes the figures need; known once the first chunk of the first pass is in. */
  passes = 1;

  /** @param cOrder for values stored in Fortran order: each position's place in C order (ties for min and max go where NumPy puts them). */
  constructor(private readonly cOrder?: (position: number) => number) {}

  /**
   * Takes a chunk of values at `offset` in the array, in pass 1, 2 or 3; for 64-bit integers
   * also `wide`, the same elements as stored, for the exact extremes and percentiles.
   */
  add(values: NumericArray, offset: number, pass: number, wide?: WideIntegers): void {
    if (pass === 1) {
      this.first(values, offset);
      if (wide) this.wideExtremes(wide, offset);
    } else if (pass === 2) this.bucketCounts(values);
    else this.gather(values, wide);
  }

  /** The exact extremes of 64-bit integers and their first positions in C order. */
  private wideExtremes(wide: WideIntegers, offset: number): void {
    const before = (i: number, j: number) => (this.cOrder ? this.cOrder(i) < this.cOrder(j) : i < j);
    const w = (this.wide ??= { min: wide[0], max: wide[0], minAt: offset, maxAt: offset, gathered: new Map() });
    for (let i = 0; i < wide.length; i++) {
      const v = wide[i];
      const at = offset + i;
      if (v < w.min || (v === w.min && before(at, w.minAt))) [w.min, w.minAt] = [v, at];
      if (v > w.max || (v === w.max && before(at, w.maxAt))) [w.max, w.maxAt] = [v, at];
    }
  }

  private first(values: NumericArray, offset: number): void {
    if (this.count === 0) {
      this.small = smallIntegerBins(values);
      this.passes = this.small ? 1 : 3;
    }
    const before = (i: number, j: number) => (this.cOrder ? this.cOrder(i) < this.cOrder(j) : i < j);
    let chunkSum = 0;
    let chunkN = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) {
        this.nan++;
        continue;
      }
      const at = offset + i;
      if (v === Infinity) this.posInf++;
      else if (v === -Infinity) this.negInf++;
      else {
        this.finite++;
        if (v < this.finiteLow) this.finiteLow = v;
        if (v > this.finiteHigh) this.finiteHigh = v;
      }
      if (v < this.min || this.minAt < 0 || (v === this.min && before(at, this.minAt))) {
        this.min = v;
        this.minAt = at;
      }
      if (v > this.max || this.maxAt < 0 || (v === this.max && before(at, this.maxAt))) {
        this.max = v;
        this.maxAt = at;
      }
      chunkSum += v;
      chunkN++;
      if (this.small) this.small.counts[v + this.small.offset]++;
      if (this.distinct) {
        const c = this.distinct.get(v);
        if (c === undefined && this.distinct.size === MAX_DISTINCT) this.distinct = undefined;
        else this.distinct.set(v, (c ?? 0) + 1);
      }
    }
    this.count += values.length;
    if (chunkN === 0) return;
    const chunkMean = chunkSum / chunkN;
    let chunkM2 = NaN;
    if (Number.isFinite(chunkMean)) {
      chunkM2 = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === v) chunkM2 += (v - chunkMean) * (v - chunkMean);
      }
    }
    if (this.n === 0) this.m2 = chunkM2;
    else {
      const delta = chunkMean - this.sum / this.n;
      this.m2 += chunkM2 + (delta * delta * this.n * chunkN) / (this.n + chunkN);
    }
    this.sum += chunkSum;
    this.n += chunkN;
  }

  /** A bucket of a finite value over the finite range; monotonic, so buckets keep the values' order. Scaled in halves, so that no range near the float64 limits overflows. */
  private bucketOf(v: number): number {
    if (this.finiteHigh === this.finiteLow) return 0;
    const scale = BUCKETS / (this.finiteHigh / 2 - this.finiteLow / 2) / 2;
    return Math.min(BUCKETS - 1, Math.floor((v / 2 - this.finiteLow / 2) * scale * 2));
  }

  private bucketCounts(values: NumericArray): void {
    this.buckets ??= new Uint32Array(BUCKETS);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v === 0) this.buckets[this.bucketOf(v)]++;
    }
  }

  private gather(values: NumericArray, wide?: WideIntegers): void {
    if (!this.wanted) {
      // Each wanted rank among the finite values: its bucket, and its rank inside it.
      const starts = new Float64Array(BUCKETS);
      for (let b = 1; b < BUCKETS; b++) starts[b] = starts[b - 1] + (this.buckets?.[b - 1] ?? 0);
      const ranks = this.n
        ? percentileRanks(this.n).filter((r) => r >= this.negInf && r < this.negInf + this.finite)
        : [];
      this.wanted = ranks.map((rank) => {
        const r = rank - this.negInf;
        let lo = 0;
        let hi = BUCKETS - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= r) lo = mid;
          else hi = mid - 1;
        }
        return { rank, bucket: lo, within: r - starts[lo] };
      });
      this.gathered = new Map(this.wanted.map((w) => [w.bucket, []]));
    }
    const gathered = this.gathered!;
    if (gathered.size === 0) return;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v - v === 0) gathered.get(this.bucketOf(v))?.push(v);
    }
    // Rounding to float64 keeps the order, so an exact value lies in its float64 value's bucket.
    if (wide && this.wide) {
      for (let i = 0; i < wide.length; i++) {
        const b = this.bucketOf(values[i]);
        if (!gathered.has(b)) continue;
        let list = this.wide.gathered.get(b);
        if (!list) this.wide.gathered.set(b, (list = []));
        list.push(wide[i]);
      }
    }
  }

  /** The exact texts of 64-bit integers' min, max and percentiles (see ArrayStatistics.exact). */
  private exactTexts(): ArrayStatistics['exact'] {
    const w = this.wide;
    if (!w) return undefined;
    for (const list of w.gathered.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const at = new Map((this.wanted ?? []).map((x) => [x.rank, w.gathered.get(x.bucket)![x.within]]));
    const percentiles = new Map(
      PERCENTILES.map((q) => {
        const virtual = (q / 100) * (this.n - 1);
        const below = Math.floor(virtual);
        return [q, exactLerp(at.get(below)!, at.get(Math.min(below + 1, this.n - 1))!, virtual - below)];
      }),
    );
    return { min: String(w.min), max: String(w.max), percentiles };
  }

  /** The value at each rank the percentiles need: -inf and +inf at the ends, finite ones from the counts or the gathered buckets. */
  private rankedValues(): Map<number, number> {
    const out = new Map<number, number>();
    if (this.small) {
      const wanted = percentileRanks(this.n).sort((a, b) => a - b);
      let seen = 0;
      let next = 0;
      const { counts, offset } = this.small;
      for (let bin = 0; bin < counts.length && next < wanted.length; bin++) {
        seen += counts[bin];
        while (next < wanted.length && wanted[next] < seen) out.set(wanted[next++], bin - offset);
      }
      return out;
    }
    for (const list of this.gathered?.values() ?? []) list.sort((a, b) => a - b);
    for (const r of percentileRanks(this.n)) {
      if (r < this.negInf) out.set(r, -Infinity);
      else if (r >= this.negInf + this.finite) out.set(r, Infinity);
    }
    for (const w of this.wanted ?? []) out.set(w.rank, this.gathered!.get(w.bucket)![w.within]);
    return out;
  }

  result(): ArrayStatistics {
    const { count, nan, posInf, negInf } = this;
    if (this.n === 0) return { count, nan, posInf, negInf };
    const mean = this.sum / this.n;
    const std = Number.isFinite(mean) ? Math.sqrt(this.m2 / this.n) : NaN;
    const ranked = this.rankedValues();
    const percentiles = new Map(
      PERCENTILES.map((q) => {
        const virtual = (q / 100) * (this.n - 1);
        const below = Math.floor(virtual);
        return [q, lerp(ranked.get(below)!, ranked.get(Math.min(below + 1, this.n - 1))!, virtual - below)];
      }),
    );
    const distinct =
      this.distinct && [...this.distinct].map(([value, c]) => ({ value, count: c })).sort((a, b) => a.value - b.value);
    const exact = this.exactTexts();
    const [minAt, maxAt] = this.wide ? [this.wide.minAt, this.wide.maxAt] : [this.minAt, this.maxAt];
    return {
      count,
      nan,
      posInf,
      negInf,
      min: this.min,
      max: this.max,
      minAt,
      maxAt,
      mean,
      std,
      percentiles,
      distinct,
      ...(exact && { exact }),
    };
  }
}

/**
 * a + (b - a) · t exactly, t a float64 in [0, 1) (a binary fraction): an integer as such, else
 * with six decimals, rounded half away from zero.
 */
export function exactLerp(a: bigint, b: bigint, t: number): string {
  if (t === 0 || a === b) return String(a);
  let numerator = t;
  let shift = 0n;
  while (!Number.isInteger(numerator)) {
    numerator *= 2;
    shift++;
  }
  const scale = 1n << shift;
  const value = a * scale + (b - a) * BigInt(numerator); // the result times 2^shift
  if (value % scale === 0n) return String(value / scale);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const millionths = (magnitude * 1_000_000n + scale / 2n) / scale;
  const whole = millionths / 1_000_000n;
  const fraction = String(millionths % 1_000_000n)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The statistics of `values` held whole. `cOrder`, for values stored in another order
 * (Fortran), gives each position's place in C order, so that ties for the extremes go where
 * NumPy puts them.
 */
export function arrayStatistics(
  values: NumericArray,
  cOrder?: (i: number) => number,
  wide?: WideIntegers,
): ArrayStatistics {
  const accumulator = new StatisticsAccumulator(cOrder);
  for (let pass = 1; pass <= accumulator.passes; pass++) accumulator.add(values, 0, pass, wide);
  return accumulator.result();
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
