import * as Plot from '@observablehq/plot';
import { Chart, chart } from '../charts/plotChart';

/** VS Code's chart colours, so that the charts follow the theme; a split keeps its colour in every chart. */
const SPLIT_COLOURS = [
  'var(--vscode-charts-blue)',
  'var(--vscode-charts-orange)',
  'var(--vscode-charts-purple)',
  'var(--vscode-charts-green)',
  'var(--vscode-charts-yellow)',
];
export const splitColour = (split: number) => SPLIT_COLOURS[split % SPLIT_COLOURS.length];

/** A bar per split: its count, written on it. */
export interface SplitBar {
  split: string;
  splitIndex: number;
  value: number;
  text: string;
}

/** A chart's title, written above it (so that it stays with the chart when exported). */
const title = (text: string) => Plot.text([text], { frameAnchor: 'top', dy: -24, fontWeight: 'bold', fontSize: 11 });

export function splitBarChart(
  bars: SplitBar[],
  heading: string,
  yLabel: string,
  label: string,
  yDomain?: [number, number],
): Chart {
  return chart(
    Plot.plot({
      width: 220,
      height: 210,
      marginLeft: 48,
      marginTop: 36,
      x: { label: null, domain: bars.map((b) => b.split) },
      y: { label: yLabel, grid: true, ...(yDomain ? { domain: yDomain } : {}) },
      marks: [
        Plot.barY(bars, { x: 'split', y: 'value', fill: (b: SplitBar) => splitColour(b.splitIndex), inset: 4 }),
        Plot.text(bars, { x: 'split', y: 'value', text: 'text', dy: -7 }),
        Plot.ruleY([0]),
        title(heading),
      ],
    }),
    label,
  );
}

/** A histogram bar: [low, high) on the x axis, its count of volumes. */
export interface HistogramBar {
  low: number;
  high: number;
  count: number;
}

/** One split's histogram of a plane's values (slice counts, intensities), on the x range the plane's splits share. */
export function histogramChart(
  bars: HistogramBar[],
  domain: [number, number],
  colour: string,
  heading: string,
  xLabel: string,
  label: string,
): Chart {
  return chart(
    Plot.plot({
      width: 300,
      height: 160,
      marginLeft: 40,
      marginTop: 34,
      x: { domain, label: xLabel },
      y: { label: 'volumes', grid: true, tickFormat: (v: number) => (Number.isInteger(v) ? String(v) : '') },
      marks: [
        Plot.rectY(bars, { x1: 'low', x2: 'high', y: 'count', fill: colour, inset: 0.5 }),
        Plot.ruleY([0]),
        title(heading),
      ],
    }),
    label,
  );
}
