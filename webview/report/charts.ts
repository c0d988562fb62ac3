import * as Plot from '@observablehq/plot';
import { CalibrationBin } from '../../src/shared/metrics/calibration';
import { RocCurve } from '../../src/shared/metrics/roc';
import { Chart, chart } from '../charts/plotChart';

/** VS Code's chart colours, so that the charts follow the theme. */
const COLOURS = ['var(--vscode-charts-blue)', 'var(--vscode-charts-orange)'];
const POSITIVE = 'var(--vscode-charts-red)';
const NEGATIVE = 'var(--vscode-charts-green)';
const SIZE = { width: 300, height: 260 };

/** ROC curves (one per model), the chance diagonal, and the operating point drawn by the caller. */
export function rocChart(curves: RocCurve[], models: string[], label: string): Chart {
  const rows = curves.flatMap((c, m) => c.fpr.map((fpr, i) => ({ fpr, tpr: c.tpr[i], model: models[m] })));
  return chart(
    Plot.plot({
      ...SIZE,
      x: { domain: [0, 1], label: '1 − specificity (FPR)' },
      y: { domain: [0, 1], label: 'Sensitivity (TPR)' },
      color: { domain: models, range: COLOURS },
      marks: [
        Plot.line(
          [
            [0, 0],
            [1, 1],
          ],
          { strokeDasharray: '3,3', strokeOpacity: 0.5 },
        ),
        // Straight segments between points, as the AUC's trapezoids (ties make diagonals).
        Plot.line(rows, { x: 'fpr', y: 'tpr', stroke: 'model', strokeWidth: 2 }),
      ],
    }),
    label,
  );
}

/** Bars of the probability distribution: positives above the axis, negatives below, bar by bar in `bars`' order. */
export function distributionChart(
  bars: { low: number; high: number; count: number; label: 0 | 1 }[],
  label: string,
): Chart {
  return chart(
    Plot.plot({
      ...SIZE,
      x: { domain: [0, 1], label: 'Probability' },
      // Counts: whole ticks only, negatives' counts written as positive numbers.
      y: {
        label: '↑ positives · negatives ↓',
        tickFormat: (v: number) => (Number.isInteger(v) ? String(Math.abs(v)) : ''),
      },
      marks: [
        Plot.rectY(bars, {
          x1: 'low',
          x2: 'high',
          y: (d: { count: number; label: number }) => (d.label ? d.count : -d.count),
          fill: (d: { label: number }) => (d.label ? POSITIVE : NEGATIVE),
          inset: 0.5,
        }),
        Plot.ruleY([0]),
      ],
    }),
    label,
  );
}

/** Observed frequency against mean predicted probability per bin, and the diagonal of perfect calibration. */
export function calibrationChart(curves: CalibrationBin[], label: string): Chart {
  return chart(
    Plot.plot({
      ...SIZE,
      x: { domain: [0, 1], label: 'Mean predicted probability' },
      y: { domain: [0, 1], label: 'Observed frequency' },
      marks: [
        Plot.line(
          [
            [0, 0],
            [1, 1],
          ],
          { strokeDasharray: '3,3', strokeOpacity: 0.5 },
        ),
        Plot.line(curves, { x: 'predicted', y: 'observed', stroke: COLOURS[0] }),
        Plot.dot(curves, { x: 'predicted', y: 'observed', r: 3, fill: COLOURS[0] }),
      ],
    }),
    label,
  );
}
