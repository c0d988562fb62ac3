/** The typed messages between the host and the model report's webview. */
import { Outcome, OUTCOMES } from './metrics/roc';
import { CHART_FORMATS, ChartFormat } from './chartFormats';
import { Check, Shape, bytes, integer, number, oneOf, parser, satisfying, tagged, text } from './schema';

/** One task's cases with a label and a score from the report's model (and the compared model). */
export interface ReportTask {
  task: string;
  name: string;
  /** The MRNet paper's validation AUC for this task, where it has one. */
  paperAuc?: number;
  threshold: number;
  caseIds: string[];
  /** Uint8Array of 0/1 labels, one per case id. */
  labels: ArrayBuffer;
  /** Float64Array per model (the report's first), one probability per case id: only cases every model scores. */
  scores: ArrayBuffer[];
}

export interface ReportData {
  dataset: string;
  split: string;
  /** The report's model, then the one it is compared with, if any. */
  models: string[];
  /** Models the report can be compared with. */
  others: string[];
  tasks: ReportTask[];
}

export type ReportHostMessage = { type: 'showReport'; report: ReportData };

/** A filter a click on the report sets on the Cases tree. */
export type ReportFilter =
  { kind: 'outcome'; outcome: Outcome } | { kind: 'probability'; label: 0 | 1; bin: number; bins: number };

export type ReportWebviewMessage =
  | { type: 'ready' }
  /** The threshold slider of a task settled: the Cases tree and case viewer follow it. */
  | { type: 'setThreshold'; task: string; value: number }
  | { type: 'filterCases'; task: string; filter: ReportFilter }
  /** Compare with another model ('' for none). */
  | { type: 'compare'; model: string }
  | { type: 'exportImage'; format: ChartFormat; data: ArrayBuffer | Uint8Array }
  | { type: 'exportOutcomes' };

const name = text(255);

const reportFilter: Check<ReportFilter> = tagged('kind', {
  outcome: { outcome: oneOf(OUTCOMES) },
  probability: { label: oneOf([0, 1]), bin: integer(0), bins: integer(1, 100) },
});

/** Every message type has its shape here: a type left out does not compile. */
const reportShapes = {
  ready: {},
  exportOutcomes: {},
  setThreshold: { task: name, value: number(0, 1) },
  filterCases: { task: name, filter: satisfying(reportFilter, (f) => f.kind !== 'probability' || f.bin < f.bins) },
  compare: { model: name },
  exportImage: { format: oneOf(CHART_FORMATS), data: bytes },
} satisfies Record<ReportWebviewMessage['type'], Shape>;
const reportMessage: Check<ReportWebviewMessage> = tagged('type', reportShapes);

/** The report message in `value`, or undefined for anything the protocol does not allow; the host checks names against its report. */
export const parseReportMessage = parser(reportMessage);
