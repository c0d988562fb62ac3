/** The standard normal distribution, as far as confidence intervals and p-values need it. */

/** The 97.5th percentile: a 95 % two-sided interval is ±Z95 standard errors (scipy.stats.norm.ppf(0.975)). */
export const Z95 = 1.959963984540054;

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * P(Z > x), accurate to about 1e-14 relative in both tails: the Taylor series of the
 * cumulative distribution near 0 (Marsaglia 2004), a continued fraction for the Mills ratio
 * beyond |x| = 3, where subtracting from 1 would lose the tail's digits.
 */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const t = Math.abs(x);
  let upper: number;
  if (t < 3) {
    let term = t;
    let sum = t;
    for (let k = 3; term > 1e-17 * sum; k += 2) {
      term *= (t * t) / k;
      sum += term;
    }
    upper = 0.5 - INV_SQRT_2PI * Math.exp(-0.5 * t * t) * sum;
  } else {
    // Lentz's method for φ(t) / (t + 1/(t + 2/(t + 3/(t + …)))).
    const tiny = 1e-300;
    let f = t;
    let c = t;
    let d = 0;
    for (let k = 1; k < 500; k++) {
      d = t + k * d;
      d = d === 0 ? tiny : d;
      c = t + k / c;
      c = c === 0 ? tiny : c;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    upper = (INV_SQRT_2PI * Math.exp(-0.5 * t * t)) / f;
  }
  return x >= 0 ? upper : 1 - upper;
}
