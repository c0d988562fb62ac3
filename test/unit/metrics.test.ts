import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brierScore, calibrationCurve } from '../../src/shared/metrics/calibration';
import { aucWithInterval, pairedDelong } from '../../src/shared/metrics/delong';
import { normalSf } from '../../src/shared/metrics/normal';
import { OperatingPoints, rocCurve, splitByLabel, youdenThreshold } from '../../src/shared/metrics/roc';

interface MetricCase {
  name: string;
  labels: number[];
  scores: number[];
  second?: number[];
  auc: number | null;
  variance?: number | null;
  low?: number | null;
  high?: number | null;
  youden?: number;
  roc?: { fpr: number[]; tpr: number[]; thresholds: (number | null)[] };
  paired?: { difference: number; z: number | null; p: number | null };
  brier: number;
  calibration: { observed: number[]; predicted: number[] };
  thresholds: Record<string, number | null>[];
}
/** scikit-learn 1.2 and a textbook DeLong, from test/fixtures/make_metric_fixtures.py. */
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'metrics', 'metrics.json'), 'utf8')) as {
  cases: MetricCase[];
  normal: { x: number; sf: number }[];
};

function close(actual: number | undefined, expected: number | null | undefined, what: string, rtol = 1e-12): void {
  if (expected === null || expected === undefined) {
    assert.ok(actual === undefined || Number.isNaN(actual), `${what}: expected none, got ${actual}`);
    return;
  }
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= rtol * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} != ${expected}`,
  );
}

describe('model metrics against scikit-learn and a reference DeLong', () => {
  for (const c of fixture.cases) {
    describe(c.name, () => {
      const data = { labels: c.labels, scores: c.scores };
      // A one-class task has no AUC: the report says why (test/webview/report.test.ts).
      if (c.auc !== null) {
        it('AUC, DeLong variance and 95 % interval', () => {
          const { positives, negatives } = splitByLabel(data);
          const r = aucWithInterval(positives, negatives);
          close(r.auc, c.auc, 'auc');
          close(r.variance, c.variance, 'variance', 1e-9);
          close(r.low, c.low, 'low', 1e-9);
          close(r.high, c.high, 'high', 1e-9);
        });
        it('ROC curve (every distinct score) and the Youden threshold', () => {
          const curve = rocCurve(data);
          assert.deepEqual(
            curve.thresholds.map((t) => (Number.isFinite(t) ? t : null)),
            c.roc!.thresholds,
          );
          curve.fpr.forEach((v, i) => close(v, c.roc!.fpr[i], `fpr[${i}]`));
          curve.tpr.forEach((v, i) => close(v, c.roc!.tpr[i], `tpr[${i}]`));
          assert.equal(youdenThreshold(curve), c.youden);
        });
      }
      if (c.paired) {
        it("DeLong's paired test of two models", () => {
          // The paired test needs each model's scores for the same cases in the same order.
          const pos = c.labels.map((l, i) => (l ? i : -1)).filter((i) => i >= 0);
          const neg = c.labels.map((l, i) => (l ? -1 : i)).filter((i) => i >= 0);
          const t = pairedDelong(
            { positives: pos.map((i) => c.scores[i]), negatives: neg.map((i) => c.scores[i]) },
            { positives: pos.map((i) => c.second![i]), negatives: neg.map((i) => c.second![i]) },
          );
          close(t.difference, c.paired!.difference, 'difference');
          close(t.z, c.paired!.z, 'z', 1e-9);
          close(t.p, c.paired!.p, 'p', 1e-9);
        });
      }
      it('confusion matrix and threshold metrics (score >= threshold is positive)', () => {
        const points = new OperatingPoints(data);
        for (const expected of c.thresholds) {
          const m = points.at(expected.threshold!) as unknown as Record<string, number | undefined>;
          for (const key of ['TP', 'FP', 'FN', 'TN'])
            assert.equal(m[key], expected[key], `${key} at ${expected.threshold}`);
          for (const key of ['sensitivity', 'specificity', 'ppv', 'npv', 'accuracy', 'f1'])
            close(m[key], expected[key], `${key} at ${expected.threshold}`);
        }
      });
      it('calibration curve (10 uniform bins) and Brier score', () => {
        const curve = calibrationCurve(data, 10);
        assert.equal(curve.length, c.calibration.observed.length);
        curve.forEach((b, i) => {
          close(b.observed, c.calibration.observed[i], `observed[${i}]`);
          close(b.predicted, c.calibration.predicted[i], `predicted[${i}]`);
        });
        close(brierScore(data), c.brier, 'brier');
      });
    });
  }
  it('the normal upper tail matches scipy in both tails', () => {
    for (const { x, sf } of fixture.normal)
      assert.ok(Math.abs(normalSf(x) - sf) <= 1e-13 * sf, `sf(${x}): ${normalSf(x)} != ${sf}`);
  });
});
