/** ROC curves and operating points of one task's scores: what a threshold does to them. */

/** One task's cases that have both a label and a score, in one order. */
export interface TaskScores {
  labels: ArrayLike<number>;
  scores: ArrayLike<number>;
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** The score from which cases count as positive (score >= threshold); Infinity first, for (0, 0). */
  thresholds: number[];
}

/** Splits the scores by label: positives and negatives, each sorted ascending. */
export function splitByLabel(data: TaskScores): { positives: Float64Array; negatives: Float64Array } {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < data.labels.length; i++) (data.labels[i] ? pos : neg).push(data.scores[i]);
  return { positives: Float64Array.from(pos).sort(), negatives: Float64Array.from(neg).sort() };
}

/**
 * The ROC curve with a point at every distinct score, as scikit-learn's
 * `roc_curve(..., drop_intermediate=False)`: cases whose score is >= the threshold are called positive.
 */
export function rocCurve(data: TaskScores): RocCurve {
  const { positives, negatives } = splitByLabel(data);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let i = positives.length;
  let j = negatives.length;
  while (i > 0 || j > 0) {
    const t = Math.max(i > 0 ? positives[i - 1] : -Infinity, j > 0 ? negatives[j - 1] : -Infinity);
    while (i > 0 && positives[i - 1] === t) i--;
    while (j > 0 && negatives[j - 1] === t) j--;
    thresholds.push(t);
    tpr.push((positives.length - i) / positives.length);
    fpr.push((negatives.length - j) / negatives.length);
  }
  return { fpr, tpr, thresholds };
}

/** The threshold that maximises Youden's J (sensitivity + specificity − 1); the highest such on a tie. */
export function youdenThreshold(curve: RocCurve): number {
  let best = 1;
  for (let k = 2; k < curve.thresholds.length; k++) {
    if (curve.tpr[k] - curve.fpr[k] > curve.tpr[best] - curve.fpr[best]) best = k;
  }
  return curve.thresholds[best];
}

export type Outcome = 'TP' | 'FP' | 'FN' | 'TN';
export const OUTCOMES: readonly Outcome[] = ['TP', 'FP', 'FN', 'TN'];
/** How outcomes read in filters and the report: "false negatives". */
export const OUTCOME_NAMES: Record<Outcome, string> = {
  TP: 'true positives',
  FP: 'false positives',
  FN: 'false negatives',
  TN: 'true negatives',
};

/** A case's outcome at a threshold: positive when its score is >= the threshold. */
export function outcomeOf(label: number, score: number, threshold: number): Outcome {
  return score >= threshold ? (label ? 'TP' : 'FP') : label ? 'FN' : 'TN';
}

export interface ThresholdMetrics {
  threshold: number;
  TP: number;
  FP: number;
  FN: number;
  TN: number;
  /** Each undefined where its denominator is 0 (shown as —, where scikit-learn warns and gives 0). */
  sensitivity?: number;
  specificity?: number;
  ppv?: number;
  npv?: number;
  accuracy?: number;
  f1?: number;
}

/** Scores sorted once, so that every threshold costs two binary searches: what a slider drag needs. */
export class OperatingPoints {
  private readonly positives: Float64Array;
  private readonly negatives: Float64Array;

  constructor(data: TaskScores) {
    ({ positives: this.positives, negatives: this.negatives } = splitByLabel(data));
  }

  at(threshold: number): ThresholdMetrics {
    const P = this.positives.length;
    const N = this.negatives.length;
    const TP = P - lowerBound(this.positives, threshold);
    const FP = N - lowerBound(this.negatives, threshold);
    const FN = P - TP;
    const TN = N - FP;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : undefined);
    return {
      threshold,
      TP,
      FP,
      FN,
      TN,
      sensitivity: ratio(TP, P),
      specificity: ratio(TN, N),
      ppv: ratio(TP, TP + FP),
      npv: ratio(TN, TN + FN),
      accuracy: ratio(TP + TN, P + N),
      f1: ratio(2 * TP, 2 * TP + FP + FN),
    };
  }
}

/** The number of values below `x` in a sorted array. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
