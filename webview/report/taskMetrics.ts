import {
  probabilityHistogram,
  brierScore,
  calibrationCurve,
  CalibrationBin,
} from '../../src/shared/metrics/calibration';
import { AucResult, PairedTest, aucWithInterval, pairedDelong } from '../../src/shared/metrics/delong';
import { OperatingPoints, RocCurve, rocCurve, splitByLabel, youdenThreshold } from '../../src/shared/metrics/roc';
import { ReportTask } from '../../src/shared/reportProtocol';

/** The probability distribution's bars: 20 of width 0.05. */
export const DISTRIBUTION_BINS = 20;

/** Everything the report shows of one task, computed once when the report arrives; thresholds cost two binary searches each. */
export interface TaskMetrics {
  task: ReportTask;
  labels: Uint8Array;
  /** One array per model, the report's model first. */
  scores: Float64Array[];
  positives: number;
  negatives: number;
  /** Per model; undefined for a task with one class only. */
  auc?: AucResult[];
  roc?: RocCurve[];
  youden?: number;
  /** The report's model against the compared one, on the same cases. */
  paired?: PairedTest;
  points: OperatingPoints;
  brier: number;
  calibration: CalibrationBin[];
  distribution: { positive: number[]; negative: number[] };
}

export function taskMetrics(task: ReportTask): TaskMetrics {
  const labels = new Uint8Array(task.labels);
  const scores = task.scores.map((s) => new Float64Array(s));
  const data = { labels, scores: scores[0] };
  const split = scores.map((s) => splitByLabel({ labels, scores: s }));
  const positives = split[0].positives.length;
  const negatives = split[0].negatives.length;
  const both = positives > 0 && negatives > 0;
  const roc = both ? scores.map((s) => rocCurve({ labels, scores: s })) : undefined;
  let paired: PairedTest | undefined;
  if (both && scores.length === 2) {
    // Same cases, same order: each model's scores of the positives, then of the negatives.
    const pick = (s: Float64Array, label: number) => s.filter((_, i) => labels[i] === label);
    paired = pairedDelong(
      { positives: pick(scores[0], 1), negatives: pick(scores[0], 0) },
      { positives: pick(scores[1], 1), negatives: pick(scores[1], 0) },
    );
  }
  return {
    task,
    labels,
    scores,
    positives,
    negatives,
    roc,
    paired,
    auc: both ? split.map((s) => aucWithInterval(s.positives, s.negatives)) : undefined,
    youden: roc ? youdenThreshold(roc[0]) : undefined,
    points: new OperatingPoints(data),
    brier: labels.length ? brierScore(data) : NaN,
    calibration: calibrationCurve(data, 10),
    distribution: probabilityHistogram(data, DISTRIBUTION_BINS),
  };
}
