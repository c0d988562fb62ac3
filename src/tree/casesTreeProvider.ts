import * as vscode from 'vscode';
import { CaseFilter, caseDescription, filterLabel, matchesFilter, splitSummary } from '../core/dataset/caseLabels';
import { DatasetSplit } from '../core/dataset/datasetIndex';
import { planeDisplayName, taskDisplayName } from '../shared/datasetLayout';
import { DatasetProblem, formatProblem } from '../core/dataset/problems';
import { CaseRef, DatasetRegistry, LoadedDataset, caseKey, planeUri } from '../dataset/datasetRegistry';
import { readFileHeader } from '../arrays/readArray';

export type TreeNode =
  | { kind: 'dataset'; dataset: LoadedDataset }
  | { kind: 'split'; dataset: LoadedDataset; split: DatasetSplit }
  | ({ kind: 'case' } & CaseRef)
  | { kind: 'problems'; dataset: LoadedDataset }
  | { kind: 'problem'; dataset: LoadedDataset; problem: DatasetProblem };

/** The "Cases" view: dataset -> split -> case, with labels, filtered by one task's label. */
export class CasesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterValue?: CaseFilter;
  /** Case nodes are kept per case so that reveal() finds the node the tree holds. */
  private caseNodes = new Map<string, TreeNode>();

  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: DatasetRegistry) {
    this.subscription = registry.onDidChange(() => {
      this.caseNodes.clear();
      this.changed.fire(undefined);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  setFilter(filter: CaseFilter | undefined): void {
    this.filterValue = filter;
    void vscode.commands.executeCommand('setContext', 'mrnet.filterActive', filter !== undefined);
    this.changed.fire(undefined);
  }

  /** The cases the tree shows, in its order: what next/previous walk through. */
  visibleCases(): CaseRef[] {
    return this.registry.allCases().filter((ref) => matchesFilter(ref.case, this.filterValue));
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
        if (dataset.index.problems.length) children.push({ kind: 'problems', dataset });
        return children;
      }
      case 'split':
        return node.split.cases.filter((c) => matchesFilter(c, this.filterValue)).map((c) => this.caseNode({ dataset: node.dataset, case: c }));
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
    if (node.kind === 'split' || node.kind === 'problems') return { kind: 'dataset', dataset: node.dataset };
    if (node.kind === 'problem') return { kind: 'problems', dataset: node.dataset };
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'dataset': {
        const item = new vscode.TreeItem(node.dataset.name, Collapsed.Expanded);
        item.id = node.dataset.uri.toString();
        item.description = this.filterValue ? `filter: ${filterLabel(this.filterValue)}` : vscode.workspace.asRelativePath(node.dataset.uri);
        item.tooltip = node.dataset.uri.fsPath;
        item.resourceUri = node.dataset.uri;
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'dataset';
        return item;
      }
      case 'split': {
        // Under a filter, a split with no match is collapsed; the id changes with the filter so
        // that VS Code applies the new state rather than the one it remembers.
        const filter = this.filterValue;
        const none = filter !== undefined && !node.split.cases.some((c) => matchesFilter(c, filter));
        const item = new vscode.TreeItem(node.split.name, none ? Collapsed.Collapsed : Collapsed.Expanded);
        item.id = `${node.dataset.uri.toString()}#${node.split.name}${filter ? `?${filter.task}=${filter.value}` : ''}`;
        item.description = splitSummary(node.split, node.dataset.index.tasks, filter);
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'split';
        return item;
      }
      case 'case': {
        const { case: c, dataset } = node;
        const item = new vscode.TreeItem(c.id, Collapsed.None);
        item.id = caseKey(node);
        item.description = caseDescription(c, dataset.index.tasks);
        item.iconPath = aclIcon(c.labels.get('acl'));
        item.contextValue = 'case';
        item.accessibilityInformation = { label: `Case ${c.id}, ${item.description}` };
        item.command = { command: 'mrnet.openCase', title: 'Open Case', arguments: [node] };
        return item;
      }
      case 'problems': {
        const item = new vscode.TreeItem(`Dataset problems (${node.dataset.index.problemCount.toLocaleString('en-US')})`, Collapsed.Collapsed);
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
            arguments: [vscode.Uri.joinPath(node.dataset.uri, file), { selection: new vscode.Range(line, 0, line, 0) }],
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
          text = `unreadable: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      lines.push(`- ${planeDisplayName(plane)}: ${text}`);
    }
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    return item;
  }
}

function aclIcon(acl: 0 | 1 | undefined): vscode.ThemeIcon {
  if (acl === 1) return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('charts.red'));
  if (acl === 0) return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('charts.green'));
  return new vscode.ThemeIcon('circle-slash');
}
