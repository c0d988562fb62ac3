import * as vscode from 'vscode';
import { SUBMISSION_ORDER, taskDisplayName } from '../shared/datasetLayout';
import { OUTCOMES, OUTCOME_NAMES } from '../shared/metrics/roc';
import { DatasetRegistry, LoadedDataset } from '../dataset/datasetRegistry';
import { ModelReports } from '../report/modelReportPanel';
import { ModelReview, ReviewSort } from './modelReview';
import { PredictionInputs } from './predictionInputs';
import { SplitPredictions, permutations } from '../core/predictions/predictionFile';

/** The model review's commands: choose model and task, filter by outcome, sort, load predictions, open the report. */
export function registerPredictionCommands(
  registry: DatasetRegistry,
  review: ModelReview,
  inputs: PredictionInputs,
  reports: ModelReports,
): vscode.Disposable[] {
  const commands = new PredictionCommands(registry, review, inputs, reports);
  const register = (id: string, run: (arg?: unknown) => Promise<void>) => vscode.commands.registerCommand(id, run);
  return [
    register('mrnet.chooseModel', () => commands.chooseModel()),
    register('mrnet.chooseTask', () => commands.chooseTask()),
    register('mrnet.filterByOutcome', () => commands.filterByOutcome()),
    register('mrnet.sortCases', () => commands.sortCases()),
    register('mrnet.modelReport', (arg) => commands.modelReport(arg)),
    register('mrnet.loadPredictions', () => commands.loadPredictions()),
    register('mrnet.applyLogistic', () => commands.applyLogistic()),
    register('mrnet.setColumnOrder', () => commands.setColumnOrder()),
  ];
}

const NO_PREDICTIONS =
  'put them in predictions/{model}/{split}.csv beside the splits, or use MRNet: Load Predictions….';

class PredictionCommands {
  constructor(
    private readonly registry: DatasetRegistry,
    private readonly review: ModelReview,
    private readonly inputs: PredictionInputs,
    private readonly reports: ModelReports,
  ) {}

  async chooseModel(): Promise<void> {
    const { review } = this;
    const models = review.models();
    if (!models.length)
      return void vscode.window.showInformationMessage(`No model predictions found: ${NO_PREDICTIONS}`);
    const picked = await vscode.window.showQuickPick(
      models.map((m) => ({ label: m, picked: m === review.model })),
      { title: 'Show the probabilities of model' },
    );
    if (picked) review.choose({ model: picked.label });
  }

  async chooseTask(): Promise<void> {
    const tasks = [...new Set(this.registry.all.flatMap((d) => d.index.tasks))];
    const picked = await vscode.window.showQuickPick(
      tasks.map((t) => ({ label: taskDisplayName(t), task: t })),
      { title: 'Show probabilities and outcomes for task' },
    );
    if (picked) this.review.choose({ task: picked.task });
  }

  async filterByOutcome(): Promise<void> {
    const { review } = this;
    const picked = await vscode.window.showQuickPick(
      OUTCOMES.map((o) => ({ label: OUTCOME_NAMES[o], description: o, outcome: o })),
      { title: `Show only the ${review.model ?? 'model'}'s ${taskDisplayName(review.task ?? '')} cases that are` },
    );
    if (picked) review.choose({ filter: { kind: 'outcome', outcome: picked.outcome } });
  }

  async sortCases(): Promise<void> {
    const sorts: { label: string; sort: ReviewSort }[] = [
      { label: 'By case id', sort: 'id' },
      { label: 'By probability (highest first)', sort: 'probability' },
      { label: 'By error |label − p| (largest first)', sort: 'error' },
    ];
    const picked = await vscode.window.showQuickPick(
      sorts.map((s) => ({ ...s, picked: s.sort === this.review.sort })),
      { title: 'Sort cases' },
    );
    if (picked) this.review.choose({ sort: picked.sort });
  }

  /** The report of a model (its row in the tree, else picked) on a split. */
  async modelReport(arg?: unknown): Promise<void> {
    const node = arg as { kind?: string; dataset?: LoadedDataset; model?: string } | undefined;
    const target =
      node?.kind === 'model' && node.dataset && node.model
        ? { dataset: node.dataset, model: node.model, split: '' }
        : await this.pickModelSplit('Model report for');
    if (!target) return;
    // A model row opens its validation split where it has one, as the paper reports.
    const splits = target.dataset.index.models.find((m) => m.name === target.model)?.splits.map((s) => s.split) ?? [];
    const split = target.split || (splits.includes('valid') ? 'valid' : splits[0]);
    if (split) this.reports.open({ dataset: target.dataset, model: target.model, split });
  }

  /** A prediction file from anywhere, for a split of a dataset, under a model name (kept for the workspace). */
  async loadPredictions(): Promise<void> {
    const dataset = await this.pickDataset('Load predictions for dataset');
    if (!dataset) return void vscode.window.showInformationMessage('Open a folder with an MRNet dataset first.');
    const file = (
      await vscode.window.showOpenDialog({
        title: 'Load Predictions',
        canSelectMany: false,
        filters: { CSV: ['csv', 'txt'] },
      })
    )?.[0];
    if (!file) return;
    const split = await vscode.window.showQuickPick(
      dataset.index.splits.map((s) => s.name),
      { title: 'The split these predictions are for', placeHolder: 'a split' },
    );
    if (!split) return;
    const model = await vscode.window.showInputBox({
      title: 'Model name',
      value: file.path.split('/').slice(-2, -1)[0] ?? 'model',
      validateInput: (v) => (v.trim() ? undefined : 'A model needs a name'),
    });
    if (!model) return;
    await this.inputs.load(dataset.uri, model.trim(), split, file);
    await this.registry.refresh();
    this.review.choose({ model: model.trim() });
  }

  async applyLogistic(): Promise<void> {
    const picked = await this.pickModelSplit(
      'Apply the logistic function to the logits of',
      (s) => s.logitColumns.length > 0 && !s.logistic,
    );
    if (!picked) return;
    await this.inputs.choose(picked.dataset.uri, picked.model, picked.split, { logistic: true });
    await this.registry.refresh();
  }

  /** The order of a headerless file's three columns, the one that fits the labels best said so. */
  async setColumnOrder(): Promise<void> {
    const picked = await this.pickModelSplit('Set the column order of', (s) => s.order !== undefined);
    if (!picked) return;
    const read = picked.dataset.index.models
      .find((m) => m.name === picked.model)
      ?.splits.find((s) => s.split === picked.split);
    const orders = permutations(SUBMISSION_ORDER).map((o) => ({
      label: o.map(taskDisplayName).join(', '),
      description:
        o.join() === read?.betterOrder?.order.join()
          ? `fits the labels best (mean AUC ${read.betterOrder.meanAuc.toFixed(2)})`
          : o.join() === read?.order?.join()
            ? 'current'
            : undefined,
      order: o,
    }));
    const order = await vscode.window.showQuickPick(orders, {
      title: `Columns of ${picked.model} · ${picked.split}, first to third`,
      placeHolder: 'the tasks of the three columns',
    });
    if (!order) return;
    await this.inputs.choose(picked.dataset.uri, picked.model, picked.split, { order: order.order });
    await this.registry.refresh();
  }

  private async pickDataset(title: string): Promise<LoadedDataset | undefined> {
    const { registry } = this;
    await registry.ready();
    if (registry.all.length <= 1) return registry.all[0];
    return (
      await vscode.window.showQuickPick(
        registry.all.map((d) => ({ label: d.name, d })),
        { title },
      )
    )?.d;
  }

  /** A model's file for one split, picked among those the datasets hold (`only` narrows to files needing a choice). */
  private async pickModelSplit(
    title: string,
    only: (s: SplitPredictions) => boolean = () => true,
  ): Promise<{ dataset: LoadedDataset; model: string; split: string } | undefined> {
    const { registry } = this;
    await registry.ready();
    const items = registry.all.flatMap((dataset) =>
      dataset.index.models.flatMap((m) =>
        m.splits.filter(only).map((s) => ({
          label: `${m.name} · ${s.split}`,
          description: registry.all.length > 1 ? dataset.name : undefined,
          dataset,
          model: m.name,
          split: s.split,
        })),
      ),
    );
    if (!items.length) {
      void vscode.window.showInformationMessage(
        `No model predictions here need that. Put a model's predictions in predictions/{model}/{split}.csv beside the splits, or use MRNet: Load Predictions….`,
      );
      return undefined;
    }
    return items.length === 1
      ? items[0]
      : vscode.window.showQuickPick(items, { title, placeHolder: 'a model and split' });
  }
}

/**
 * Offers, once per file and session, what a prediction file needs: the logistic function for
 * logits, another column order where the labels fit it clearly better. Nothing changes unless
 * the user clicks.
 */
export function offerPredictionFixes(registry: DatasetRegistry): vscode.Disposable {
  const offered = new Set<string>();
  return registry.onDidChange(() => {
    for (const dataset of registry.all) {
      for (const model of dataset.index.models) {
        for (const s of model.splits) {
          if (s.logitColumns.length && !s.logistic && !offered.has(`logit:${s.file}`)) {
            offered.add(`logit:${s.file}`);
            void vscode.window
              .showWarningMessage(
                `${s.file}: ${s.logitColumns.join(', ')} look like logits (values outside [0, 1]), not probabilities.`,
                'Apply Logistic Function',
              )
              .then((a) => a && vscode.commands.executeCommand('mrnet.applyLogistic'));
          }
          if (s.betterOrder && !offered.has(`order:${s.file}`)) {
            offered.add(`order:${s.file}`);
            const names = s.betterOrder.order.map(taskDisplayName).join(', ');
            void vscode.window
              .showWarningMessage(
                `${s.file}: its columns fit the labels far better as ${names} (mean AUC ${s.betterOrder.meanAuc.toFixed(2)} against ${s.betterOrder.currentMeanAuc.toFixed(2)}). Nothing was switched.`,
                'Set Column Order…',
              )
              .then((a) => a && vscode.commands.executeCommand('mrnet.setColumnOrder'));
          }
        }
      }
    }
  });
}
