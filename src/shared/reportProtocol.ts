/** The typed messages between the host and the model report's webview. */
import { Outcome, OUTCOMES } from './metrics/roc';

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
  | { type: 'exportImage'; format: 'png' | 'svg'; data: ArrayBuffer | Uint8Array }
  | { type: 'exportOutcomes' };

const NAME = (v: unknown): v is string => typeof v === 'string' && v.length <= 255;

/** The report message in `value`, or undefined for anything the protocol does not allow; the host checks names against its report. */
export function parseReportMessage(value: unknown): ReportWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const n = Object.keys(m).length;
  switch (m.type) {
    case 'ready':
    case 'exportOutcomes':
      return n === 1 ? { type: m.type } : undefined;
    case 'setThreshold':
      return NAME(m.task) && typeof m.value === 'number' && m.value >= 0 && m.value <= 1 && n === 3
        ? { type: 'setThreshold', task: m.task, value: m.value }
        : undefined;
    case 'compare':
      return NAME(m.model) && n === 2 ? { type: 'compare', model: m.model } : undefined;
    case 'exportImage':
      return (m.format === 'png' || m.format === 'svg') &&
        (m.data instanceof ArrayBuffer || m.data instanceof Uint8Array) &&
        n === 3
        ? { type: 'exportImage', format: m.format, data: m.data }
        : undefined;
    case 'filterCases': {
      const f = m.filter as Record<string, unknown> | null;
      if (!NAME(m.task) || n !== 3 || typeof f !== 'object' || f === null) return undefined;
      if (f.kind === 'outcome' && OUTCOMES.includes(f.outcome as Outcome) && Object.keys(f).length === 2)
        return { type: 'filterCases', task: m.task, filter: { kind: 'outcome', outcome: f.outcome as Outcome } };
      const bins = f.bins as number;
      const bin = f.bin as number;
      if (
        f.kind === 'probability' &&
        (f.label === 0 || f.label === 1) &&
        Number.isSafeInteger(bins) &&
        bins > 0 &&
        bins <= 100 &&
        Number.isSafeInteger(bin) &&
        bin >= 0 &&
        bin < bins &&
        Object.keys(f).length === 4
      ) {
        return { type: 'filterCases', task: m.task, filter: { kind: 'probability', label: f.label, bin, bins } };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
