/**
 * AUC with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988), computed with the
 * midrank algorithm of Sun & Xu (2014): O(n log n) for one model or several on the same cases.
 */
import { Z95, normalSf } from './normal';

/** 1-based ranks of `values`, ties given the mean of the ranks they span. */
function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

/** One model's AUC and its DeLong structural components (V10 over positives, V01 over negatives). */
interface Components {
  auc: number;
  v10: Float64Array;
  v01: Float64Array;
}

function components(positives: ArrayLike<number>, negatives: ArrayLike<number>): Components {
  const m = positives.length;
  const n = negatives.length;
  const tx = midranks(positives);
  const ty = midranks(negatives);
  const all = new Float64Array(m + n);
  all.set(Array.from(positives));
  all.set(Array.from(negatives), m);
  const tz = midranks(all);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    sum += tz[i];
    v10[i] = (tz[i] - tx[i]) / n;
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j] - ty[j]) / m;
  return { auc: (sum - (m * (m + 1)) / 2) / (m * n), v10, v01 };
}

/** Sample covariance (n - 1 in the denominator); NaN with fewer than two values. */
function covariance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (n - 1);
}

function delongCovariance(a: Components, b: Components): number {
  return covariance(a.v10, b.v10) / a.v10.length + covariance(a.v01, b.v01) / a.v01.length;
}

export interface AucResult {
  auc: number;
  /** DeLong's variance of the AUC; NaN with a single positive or negative case. */
  variance: number;
  /** The 95 % confidence interval, clipped to [0, 1]; undefined where the variance is. */
  low?: number;
  high?: number;
}

/** The AUC of scores for positive and negative cases (each at least one), with its 95 % DeLong interval. */
export function aucWithInterval(positives: ArrayLike<number>, negatives: ArrayLike<number>): AucResult {
  const c = components(positives, negatives);
  const variance = delongCovariance(c, c);
  if (!Number.isFinite(variance)) return { auc: c.auc, variance };
  const half = Z95 * Math.sqrt(variance);
  return { auc: c.auc, variance, low: Math.max(0, c.auc - half), high: Math.min(1, c.auc + half) };
}

export interface PairedTest {
  difference: number;
  z: number;
  /** Two-sided; NaN when the difference has no variance (identical or perfectly correlated models). */
  p: number;
}

/**
 * DeLong's paired test of two models' AUCs on the same cases: `a` and `b` hold each model's
 * scores for the same positives and negatives, in the same order.
 */
export function pairedDelong(
  a: { positives: ArrayLike<number>; negatives: ArrayLike<number> },
  b: { positives: ArrayLike<number>; negatives: ArrayLike<number> },
): PairedTest {
  const ca = components(a.positives, a.negatives);
  const cb = components(b.positives, b.negatives);
  const variance = delongCovariance(ca, ca) + delongCovariance(cb, cb) - 2 * delongCovariance(ca, cb);
  const difference = ca.auc - cb.auc;
  const z = variance > 0 ? difference / Math.sqrt(variance) : NaN;
  return { difference, z, p: Number.isNaN(z) ? NaN : 2 * normalSf(Math.abs(z)) };
}
