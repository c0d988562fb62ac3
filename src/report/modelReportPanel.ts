import * as vscode from 'vscode';
import { NOT_TAKEN, reportChannel } from '../webviews/webviewChannel';
import { Disposable, disposeAll } from '../shared/dispose';
import { PAPER_AUC, taskDisplayName } from '../shared/datasetLayout';
import { outcomeOf } from '../shared/metrics/roc';
import { ReportData, ReportTask } from '../shared/reportProtocol';
import { DatasetRegistry, LoadedDataset } from '../dataset/datasetRegistry';
import { SliceExporter, safeFileName } from '../export/sliceExport';
import { ModelReview } from '../predictions/modelReview';
import { loadWebview } from '../webviews/webviewContent';

const REPORT_VIEW_TYPE = 'mrnetViewer.report';

/** What a report shows: one model (and one to compare with) on one split of a dataset. */
interface ReportTarget {
  dataset: LoadedDataset;
  split: string;
  model: string;
  compare?: string;
}

/** "MRNet: Model Report": a panel per model and split, kept up to date as files and thresholds change. */
export class ModelReports extends Disposable {
  private readonly panels = new Set<{
    panel: vscode.WebviewPanel;
    target: ReportTarget;
    send: () => Thenable<boolean>;
  }>();
  constructor(
    private readonly extensionUri: vscode.Uri,
    registry: DatasetRegistry,
    private readonly review: ModelReview,
    private readonly exporter: SliceExporter,
    private readonly log: vscode.LogOutputChannel,
    private readonly showCases: () => Thenable<unknown>,
  ) {
    super();
    this.own({ dispose: () => disposeAll([...this.panels].map((open) => open.panel)) });
    // A re-indexed dataset (a prediction file changed) is a new object: reports follow it by its URI.
    this.own(
      registry.onDidChange(() => {
        for (const open of this.panels) {
          const dataset = registry.all.find((d) => d.uri.toString() === open.target.dataset.uri.toString());
          if (dataset) open.target.dataset = dataset;
          void open.send();
        }
      }),
    );
  }

  /** Opens (or reveals) the report of a model on a split. */
  open(target: ReportTarget): void {
    const existing = [...this.panels].find(
      (p) =>
        p.target.dataset.uri.toString() === target.dataset.uri.toString() &&
        p.target.model === target.model &&
        p.target.split === target.split,
    );
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      `Report: ${target.model} · ${target.split}`,
      vscode.ViewColumn.Active,
      { retainContextWhenHidden: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'mrnet.svg');
    loadWebview(panel.webview, this.extensionUri, 'report', `Model report: ${target.model}`);
    const channel = reportChannel(panel, this.log);
    const open = {
      panel,
      target,
      send: () => channel.post({ type: 'showReport', report: this.reportData(open.target) }),
    };
    this.panels.add(open);
    channel.own({ dispose: () => this.panels.delete(open) });
    /** Only the tasks of the report's dataset. */
    const known = (task: string) => open.target.dataset.index.tasks.includes(task);
    channel.listen({
      ready: () => open.send(),
      setThreshold: ({ task, value }) => {
        if (!known(task)) return NOT_TAKEN;
        this.review.choose({ threshold: { model: open.target.model, task, value } });
      },
      filterCases: async ({ task, filter }) => {
        if (!known(task)) return NOT_TAKEN;
        this.review.choose({ model: open.target.model, task, filter: { ...filter, split: open.target.split } });
        await this.showCases();
      },
      compare: async ({ model }) => {
        if (model && !this.modelsOf(open.target).includes(model)) {
          this.log.warn(`Refused a comparison with a model the report does not offer: ${model.slice(0, 100)}`);
          return;
        }
        open.target.compare = model || undefined;
        await open.send();
      },
      exportImage: ({ format, data }) =>
        this.exporter.saveChart(`report_${open.target.model}_${open.target.split}`, 'Save Model Report', format, data),
      exportOutcomes: () =>
        this.exporter.saveAs(
          safeFileName(`outcomes_${open.target.model}_${open.target.split}.csv`),
          'Save Per-Case Outcomes',
          { CSV: ['csv'] },
          new TextEncoder().encode(this.outcomesCsv(open.target)),
        ),
    });
  }

  /** The other models with predictions for the report's split. */
  private modelsOf(target: ReportTarget): string[] {
    return target.dataset.index.models
      .filter((m) => m.name !== target.model && m.splits.some((s) => s.split === target.split))
      .map((m) => m.name);
  }

  /** For each task, the cases that have a label and a probability from every model shown, as typed arrays. */
  reportData(target: ReportTarget): ReportData {
    const split = target.dataset.index.splits.find((s) => s.name === target.split);
    const models = [target.model, ...(target.compare ? [target.compare] : [])];
    const predictions = models.map((m) => this.review.predictions(target.dataset, target.split, m));
    const tasks: ReportTask[] = [];
    for (const task of target.dataset.index.tasks) {
      const byModel = predictions.map((p) => p?.tasks.get(task));
      if (!byModel[0]) continue;
      const cases = (split?.cases ?? []).filter((c) => c.labels.has(task) && byModel.every((m) => m?.has(c.key)));
      tasks.push({
        task,
        name: taskDisplayName(task),
        paperAuc: PAPER_AUC.get(task),
        threshold: this.review.threshold(target.model, task),
        caseIds: cases.map((c) => c.id),
        labels: Uint8Array.from(cases, (c) => c.labels.get(task)!).buffer,
        scores: byModel.map((m) => Float64Array.from(cases, (c) => m!.get(c.key)!).buffer),
      });
    }
    return { dataset: target.dataset.name, split: target.split, models, others: this.modelsOf(target), tasks };
  }

  /** Every case's label, probability and outcome at the task's threshold, one row per case and task. */
  private outcomesCsv(target: ReportTarget): string {
    const rows = ['case,split,task,label,probability,threshold,outcome'];
    const read = this.review.predictions(target.dataset, target.split, target.model);
    const split = target.dataset.index.splits.find((s) => s.name === target.split);
    for (const task of target.dataset.index.tasks) {
      const threshold = this.review.threshold(target.model, task);
      for (const c of split?.cases ?? []) {
        const p = read?.tasks.get(task)?.get(c.key);
        if (p === undefined) continue;
        const label = c.labels.get(task);
        rows.push(
          [
            c.id,
            target.split,
            task,
            label ?? '',
            p,
            threshold,
            label === undefined ? '' : outcomeOf(label, p, threshold),
          ].join(','),
        );
      }
    }
    return `${rows.join('\n')}\n`;
  }
}
