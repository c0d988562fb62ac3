import * as vscode from 'vscode';
import { Disposable } from '../shared/dispose';
import { CaseFilter, caseDescription, filterLabel, matchesFilter, splitSummary } from '../core/dataset/caseLabels';
import { DatasetSplit } from '../core/dataset/datasetIndex';
import { DatasetCase } from '../core/dataset/datasetCase';
import { planeDisplayName, taskDisplayName } from '../shared/datasetLayout';
import { DatasetProblem, formatProblem } from '../core/dataset/problems';
import { CaseRef, DatasetRegistry, LoadedDataset, caseKey, planeUri } from '../dataset/datasetRegistry';
import { readFileHeader } from '../arrays/readArray';
import { CaseScore, ModelReview, reviewFilterLabel } from '../predictions/modelReview';
import { Outcome } from '../shared/metrics/roc';
import { errorMessage } from '../shared/errorMessage';

export type TreeNode =
  | { kind: 'dataset'; dataset: LoadedDataset }
  | { kind: 'split'; dataset: LoadedDataset; split: DatasetSplit }
  | ({ kind: 'case' } & CaseRef)
  | { kind: 'model'; dataset: LoadedDataset; model: string }
  | { kind: 'problems'; dataset: LoadedDataset }
  | { kind: 'problem'; dataset: LoadedDataset; problem: DatasetProblem };

/** A set of cases picked in a panel, named for the view: what a click on a bar of the dataset overview filters the tree to. */
export interface CaseSet {
  label: string;
  /** caseKey() of each case. */
  keys: ReadonlySet<string>;
}

/** The "Cases" view: dataset -> split -> case, with labels, filtered by one task's label. */
export class CasesTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.own(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private filterValue?: CaseFilter | CaseSet;
  /** Case nodes are kept per case so that reveal() finds the node the tree holds. */
  private caseNodes = new Map<string, TreeNode>();

  constructor(
    private readonly registry: DatasetRegistry,
    private readonly review: ModelReview,
  ) {
    super();
    this.own(
      registry.onDidChange(() => {
        this.caseNodes.clear();
        this.changed.fire(undefined);
      }),
    );
    this.own(review.onDidChange(() => this.changed.fire(undefined)));
  }

  /** A label filter ("Filter by Label…"), or a set of cases picked in the dataset overview. */
  setFilter(filter: CaseFilter | CaseSet | undefined): void {
    this.filterValue = filter;
    void vscode.commands.executeCommand('setContext', 'mrnet.filterActive', filter !== undefined);
    this.changed.fire(undefined);
  }

  /** Clears the label filter and the review's outcome filter. */
  clearFilters(): void {
    this.setFilter(undefined);
    this.review.choose({ filter: null });
  }

  /** Every case in the tree's order (the review's sort within each split), filters ignored. */
  orderedCases(): CaseRef[] {
    return this.registry.all.flatMap((dataset) =>
      dataset.index.splits.flatMap((s) => this.review.sorted(dataset, s.cases).map((c) => ({ dataset, case: c }))),
    );
  }

  /** The cases the tree shows, in its order: what next/previous walk through. */
  visibleCases(): CaseRef[] {
    return this.orderedCases().filter((ref) => this.matches(ref));
  }

  /** Whether a case passes the label filter and the model review's outcome filter. */
  private matches(ref: CaseRef): boolean {
    const f = this.filterValue;
    return (f && 'keys' in f ? f.keys.has(caseKey(ref)) : matchesFilter(ref.case, f)) && this.review.matches(ref);
  }

  private get filtered(): boolean {
    return this.filterValue !== undefined || this.review.filter !== undefined;
  }

  /** What the dataset row says of the filters: "filter: ACL tear · false negatives (ACL, t=0.50)". */
  private filterText(): string {
    const parts = [];
    const f = this.filterValue;
    if (f) parts.push('keys' in f ? f.label : filterLabel(f));
    const task = this.review.task;
    if (this.review.filter && task)
      parts.push(
        `${reviewFilterLabel(this.review.filter, taskDisplayName(task))} (${this.review.model ?? ''} ${taskDisplayName(task)}, t=${this.review.threshold(this.review.model ?? '', task).toFixed(2)})`,
      );
    return `filter: ${parts.join(' · ')}`;
  }

  caseNode(ref: CaseRef): TreeNode {
    const key = caseKey(ref);
    let node = this.caseNodes.get(key);
    if (!node) {
      node = { kind: 'case', ...ref };
      this.caseNodes.set(key, node);
    }
    return node;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.registry.all.map((dataset) => ({ kind: 'dataset', dataset }));
    switch (node.kind) {
      case 'dataset': {
        const { dataset } = node;
        const children: TreeNode[] = dataset.index.splits.map((split) => ({ kind: 'split', dataset, split }));
        children.push(...dataset.index.models.map((m): TreeNode => ({ kind: 'model', dataset, model: m.name })));
        if (dataset.index.problems.length) children.push({ kind: 'problems', dataset });
        return children;
      }
      case 'split':
        return this.review
          .sorted(node.dataset, node.split.cases)
          .filter((c) => this.matches({ dataset: node.dataset, case: c }))
          .map((c) => this.caseNode({ dataset: node.dataset, case: c }));
      case 'problems':
        return node.dataset.index.problems.map((problem) => ({ kind: 'problem', dataset: node.dataset, problem }));
      default:
        return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'case') {
      const split = node.dataset.index.splits.find((s) => s.name === node.case.split);
      return split && { kind: 'split', dataset: node.dataset, split };
    }
    if (node.kind === 'split' || node.kind === 'problems' || node.kind === 'model')
      return { kind: 'dataset', dataset: node.dataset };
    if (node.kind === 'problem') return { kind: 'problems', dataset: node.dataset };
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'dataset': {
        const item = new vscode.TreeItem(node.dataset.name, Collapsed.Expanded);
        item.id = node.dataset.uri.toString();
        item.description = this.filtered ? this.filterText() : vscode.workspace.asRelativePath(node.dataset.uri);
        item.tooltip = node.dataset.uri.fsPath;
        item.resourceUri = node.dataset.uri;
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'dataset';
        // Screen readers (and tests) hear the name and the filter, not the folder's path.
        item.accessibilityInformation = { label: `Dataset ${node.dataset.name}, ${item.description}` };
        return item;
      }
      case 'split': {
        // Under a filter, a split with no match is collapsed; the id changes with the filter so
        // that VS Code applies the new state rather than the one it remembers.
        const matches = (c: DatasetCase) => this.matches({ dataset: node.dataset, case: c });
        const none = this.filtered && !node.split.cases.some(matches);
        const item = new vscode.TreeItem(node.split.name, none ? Collapsed.Collapsed : Collapsed.Expanded);
        item.id = `${node.dataset.uri.toString()}#${node.split.name}${this.filtered ? `?${this.filterText()}` : ''}`;
        item.description = splitSummary(node.split, node.dataset.index.tasks, this.filtered ? matches : undefined);
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'split';
        return item;
      }
      case 'case': {
        const { case: c, dataset } = node;
        const item = new vscode.TreeItem(c.id, Collapsed.None);
        item.id = caseKey(node);
        const score = this.review.score(node);
        const labels = caseDescription(c, dataset.index.tasks);
        item.description = score ? `${scoreText(score)} · ${labels}` : labels;
        item.iconPath = score?.outcome ? outcomeIcon(score.outcome) : aclIcon(c.labels.get('acl'));
        item.contextValue = 'case';
        item.accessibilityInformation = { label: `Case ${c.id}, ${item.description}` };
        item.command = { command: 'mrnet.openCase', title: 'Open Case', arguments: [node] };
        return item;
      }
      case 'model': {
        const model = node.dataset.index.models.find((m) => m.name === node.model);
        const item = new vscode.TreeItem(node.model, Collapsed.None);
        item.id = `${node.dataset.uri.toString()}#model/${node.model}`;
        item.description = `model · ${model?.splits.map((s) => s.split).join(', ') ?? ''}${this.review.model === node.model ? ' · shown' : ''}`;
        item.tooltip = `Predictions of ${node.model}: ${model?.splits.map((s) => s.file).join(', ') ?? ''}. Click for its report.`;
        item.iconPath = new vscode.ThemeIcon('graph');
        item.contextValue = 'model';
        item.command = { command: 'mrnet.modelReport', title: 'Model Report', arguments: [node] };
        return item;
      }
      case 'problems': {
        const item = new vscode.TreeItem(
          `Dataset problems (${node.dataset.index.problemCount.toLocaleString('en-US')})`,
          Collapsed.Collapsed,
        );
        item.id = `${node.dataset.uri.toString()}#problems`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(formatProblem(node.problem), Collapsed.None);
        item.tooltip = formatProblem(node.problem);
        item.iconPath = new vscode.ThemeIcon('warning');
        const file = node.problem.file.replace(/\/$/, '');
        if (!node.problem.file.endsWith('/')) {
          const line = Math.max(0, (node.problem.line ?? 1) - 1);
          item.command = {
            command: 'vscode.open',
            title: 'Open File',
            arguments: [problemFileUri(node.dataset.uri, file), { selection: new vscode.Range(line, 0, line, 0) }],
          };
        }
        return item;
      }
    }
  }

  /** The tooltip of a case lists every label and each plane's slice count, read from the headers only when asked. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'case') return item;
    const lines = [`**Case ${node.case.id}** (${node.case.split})`, ''];
    for (const task of node.dataset.index.tasks) {
      const v = node.case.labels.get(task);
      lines.push(`- ${taskDisplayName(task)}: ${v === undefined ? 'no label' : v ? 'positive (1)' : 'negative (0)'}`);
    }
    lines.push('');
    for (const plane of node.dataset.index.planes) {
      const uri = planeUri(node, plane);
      let text = 'missing';
      if (uri) {
        try {
          const header = await readFileHeader(uri);
          text = `${header.shape[0] ?? 1} slices ${header.shapeText}`;
        } catch (e) {
          text = `unreadable: ${errorMessage(e)}`;
        }
      }
      lines.push(`- ${planeDisplayName(plane)}: ${text}`);
    }
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    return item;
  }
}

/** A problem's file: relative to the dataset root, or (a prediction file loaded by hand) a path or URI of its own. */
function problemFileUri(root: vscode.Uri, file: string): vscode.Uri {
  if (file.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(file)) return vscode.Uri.file(file);
  if (/^[a-z][a-z0-9+.-]+:/i.test(file)) return vscode.Uri.parse(file);
  return vscode.Uri.joinPath(root, ...file.split('/'));
}

/** `p=0.87 · TP`: the chosen task's probability and its outcome at the threshold. */
function scoreText(score: CaseScore): string {
  return `p=${score.probability.toFixed(2)}${score.outcome ? ` · ${score.outcome}` : ''}`;
}

/** Right calls in green, wrong ones in red (misses) and orange (false alarms). */
function outcomeIcon(outcome: Outcome): vscode.ThemeIcon {
  const icons: Record<Outcome, [string, string]> = {
    TP: ['pass-filled', 'charts.green'],
    TN: ['pass', 'charts.green'],
    FN: ['error', 'charts.red'],
    FP: ['warning', 'charts.orange'],
  };
  return new vscode.ThemeIcon(icons[outcome][0], new vscode.ThemeColor(icons[outcome][1]));
}

function aclIcon(acl: 0 | 1 | undefined): vscode.ThemeIcon {
  if (acl === 1) return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('charts.red'));
  if (acl === 0) return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('charts.green'));
  return new vscode.ThemeIcon('circle-slash');
}

/** The Cases view's title says which model, task and threshold its rows show, as the review changes. */
export function describeReview(treeView: vscode.TreeView<TreeNode>, review: ModelReview): vscode.Disposable {
  return review.onDidChange(() => {
    const { model, task } = review;
    treeView.description =
      model && task
        ? `${model} · ${taskDisplayName(task)} · t=${review.threshold(model, task).toFixed(2)}${review.sort === 'id' ? '' : ` · by ${review.sort}`}`
        : undefined;
  });
}
