import * as vscode from 'vscode';
import { Disposable } from '../shared/dispose';
import { DatasetCase } from '../core/dataset/datasetCase';
import { SplitPredictions } from '../core/predictions/predictionFile';
import { OUTCOME_NAMES, Outcome, outcomeOf } from '../shared/metrics/roc';
import { ReportFilter } from '../shared/reportProtocol';
import { probabilityBin } from '../shared/metrics/calibration';
import { CaseRef, DatasetRegistry, LoadedDataset } from '../dataset/datasetRegistry';

/** What the Cases tree shows of a model: which one, for which task, at which thresholds, filtered and sorted how. */
type ReviewFilter = ReportFilter & {
  /** Only this split's cases: a report's click is about the split it reports on. */
  split?: string;
};
export type ReviewSort = 'id' | 'probability' | 'error';

const DEFAULT_THRESHOLD = 0.5;

/** A case's score for a task: its probability, its label and its outcome at the threshold. */
export interface CaseScore {
  probability: number;
  label?: 0 | 1;
  outcome?: Outcome;
  /** Per-plane probabilities, where the file has them. */
  planes: { plane: string; probability: number }[];
}

/**
 * The model review's state: the model and task chosen in the Cases view's title bar, each
 * task's threshold (0.5 until the report sets another), the outcome filter and the sort order.
 */
export class ModelReview extends Disposable {
  private modelName?: string;
  private taskName?: string;
  /** The model and task shown, derived on each change (rows read them once per case). */
  private shown: { model?: string; task?: string } = {};
  private readonly thresholds = new Map<string, number>();
  filter?: ReviewFilter;
  sort: ReviewSort = 'id';
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly registry: DatasetRegistry) {
    super();
    this.own(registry.onDidChange(() => this.update()));
  }

  /** Every model of the open datasets, by name. */
  models(): string[] {
    return [...new Set(this.registry.all.flatMap((d) => d.index.models.map((m) => m.name)))].sort();
  }

  /** The chosen model: the one picked, else the first there is. */
  get model(): string | undefined {
    return this.shown.model;
  }

  /** The chosen task: the one picked, else ACL (the seed's task), else the first. */
  get task(): string | undefined {
    return this.shown.task;
  }

  threshold(model: string, task: string): number {
    return this.thresholds.get(`${model}\n${task}`) ?? DEFAULT_THRESHOLD;
  }

  choose(change: {
    model?: string;
    task?: string;
    filter?: ReviewFilter | null;
    sort?: ReviewSort;
    threshold?: { model: string; task: string; value: number };
  }): void {
    if (change.model !== undefined) this.modelName = change.model;
    if (change.task !== undefined) this.taskName = change.task;
    if (change.filter !== undefined) this.filter = change.filter ?? undefined;
    if (change.sort !== undefined) this.sort = change.sort;
    if (change.threshold)
      this.thresholds.set(`${change.threshold.model}\n${change.threshold.task}`, change.threshold.value);
    this.update();
  }

  /** The chosen model's predictions for a dataset split. */
  predictions(dataset: LoadedDataset, split: string, model = this.model): SplitPredictions | undefined {
    return dataset.index.models.find((m) => m.name === model)?.splits.find((s) => s.split === split);
  }

  /** A case's score for a task (the chosen one by default) under the chosen model, if it has one. */
  score(ref: CaseRef, task = this.task, model = this.model): CaseScore | undefined {
    if (!task || !model) return undefined;
    const read = this.predictions(ref.dataset, ref.case.split, model);
    const probability = read?.tasks.get(task)?.get(ref.case.key);
    if (probability === undefined) return undefined;
    const label = ref.case.labels.get(task);
    const planes = [...(read!.planes.get(task) ?? [])].flatMap(([plane, byCase]) => {
      const p = byCase.get(ref.case.key);
      return p === undefined ? [] : [{ plane, probability: p }];
    });
    return {
      probability,
      label,
      outcome: label === undefined ? undefined : outcomeOf(label, probability, this.threshold(model, task)),
      planes,
    };
  }

  /** Whether a case passes the outcome or probability filter. */
  matches(ref: CaseRef): boolean {
    const f = this.filter;
    if (!f) return true;
    if (f.split !== undefined && ref.case.split !== f.split) return false;
    const s = this.score(ref);
    if (!s) return false;
    return f.kind === 'outcome'
      ? s.outcome === f.outcome
      : s.label === f.label && probabilityBin(s.probability, f.bins) === f.bin;
  }

  /** Cases in the chosen order: by id (as listed), by probability (highest first) or by error |label − p| (largest first). */
  sorted(dataset: LoadedDataset, cases: readonly DatasetCase[]): DatasetCase[] {
    if (this.sort === 'id') return [...cases];
    const key = (c: DatasetCase) => {
      const s = this.score({ dataset, case: c });
      if (!s) return -Infinity;
      return this.sort === 'probability'
        ? s.probability
        : s.label === undefined
          ? -Infinity
          : Math.abs(s.label - s.probability);
    };
    const keys = new Map(cases.map((c) => [c, key(c)]));
    return [...cases].sort((a, b) => keys.get(b)! - keys.get(a)!);
  }

  private update(): void {
    const models = this.models();
    const tasks = [...new Set(this.registry.all.flatMap((d) => d.index.tasks))];
    this.shown = {
      model: this.modelName && models.includes(this.modelName) ? this.modelName : models[0],
      task: this.taskName && tasks.includes(this.taskName) ? this.taskName : tasks.includes('acl') ? 'acl' : tasks[0],
    };
    void vscode.commands.executeCommand('setContext', 'mrnet.modelCount', models.length);
    void vscode.commands.executeCommand('setContext', 'mrnet.reviewFilterActive', this.filter !== undefined);
    this.changed.fire();
  }
}

/** How a filter reads in the tree: "false negatives", "ACL positives with p in [0.80, 0.85)". */
export function reviewFilterLabel(filter: ReviewFilter, task: string): string {
  const where = filter.split === undefined ? '' : ` in ${filter.split}/`;
  if (filter.kind === 'outcome') return `${OUTCOME_NAMES[filter.outcome]}${where}`;
  const low = filter.bin / filter.bins;
  const high = (filter.bin + 1) / filter.bins;
  return `${task} ${filter.label ? 'positives' : 'negatives'}${where} with p in [${low.toFixed(2)}, ${high.toFixed(2)}${filter.bin === filter.bins - 1 ? ']' : ')'}`;
}
