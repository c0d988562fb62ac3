/** How well probabilities match frequencies: the calibration curve, the Brier score, the distributions. */
import { numpyBin } from '../histogram';
import { TaskScores } from './roc';

export interface CalibrationBin {
  /** Mean predicted probability of the bin's cases. */
  predicted: number;
  /** Share of the bin's cases that are positive. */
  observed: number;
  count: number;
}

/**
 * scikit-learn's `calibration_curve(y, p, n_bins, strategy='uniform')`: bins of equal width
 * over [0, 1] with the edges NumPy's linspace gives (i * 1/n), a probability on an inner edge
 * counted in the bin below it; empty bins left out.
 */
export function calibrationCurve(data: TaskScores, bins = 10): CalibrationBin[] {
  const step = 1 / bins;
  const sums = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (let i = 0; i < data.scores.length; i++) {
    const p = data.scores[i];
    let b = 0;
    while (b < bins - 1 && (b + 1) * step < p) b++;
    sums[b] += p;
    positives[b] += data.labels[i];
    counts[b]++;
  }
  const curve: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++)
    if (counts[b]) curve.push({ predicted: sums[b] / counts[b], observed: positives[b] / counts[b], count: counts[b] });
  return curve;
}

/** The mean squared difference between probability and label (scikit-learn's brier_score_loss). */
export function brierScore(data: TaskScores): number {
  let sum = 0;
  for (let i = 0; i < data.scores.length; i++) sum += (data.scores[i] - data.labels[i]) ** 2;
  return sum / data.scores.length;
}

/**
 * Bars of the probability distributions: np.histogram's bins over [0, 1] (bin b holds
 * [b/bins, (b+1)/bins) with NumPy's edges, the last one 1 too); a score outside [0, 1] in the
 * nearest end bin.
 */
export function probabilityBin(p: number, bins: number): number {
  return p < 0 ? 0 : p > 1 ? bins - 1 : numpyBin(p, 0, 1, bins);
}

/** Counts of positive and negative cases in each probability bin. */
export function probabilityHistogram(data: TaskScores, bins = 20): { positive: number[]; negative: number[] } {
  const positive = new Array<number>(bins).fill(0);
  const negative = new Array<number>(bins).fill(0);
  for (let i = 0; i < data.scores.length; i++)
    (data.labels[i] ? positive : negative)[probabilityBin(data.scores[i], bins)]++;
  return { positive, negative };
}
