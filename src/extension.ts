import * as vscode from 'vscode';
import { CaseViewer } from './caseViewer/caseViewerPanel';
import { registerCaseCommands } from './commands/caseCommands';
import { registerDatasetCommands } from './commands/datasetCommands';
import { DatasetRegistry } from './dataset/datasetRegistry';
import { npyReads } from './dataset/rangedRead';
import { NPY_EDITOR_VIEW_TYPE, NpyEditorProvider } from './npyEditor/npyEditorProvider';
import { CasesTreeProvider, TreeNode } from './tree/casesTreeProvider';

/** What activate() returns: the pieces the extension-host tests look into. */
export interface MrnetViewerApi {
  registry: DatasetRegistry;
  tree: CasesTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  npyReads: typeof npyReads;
}

export function activate(context: vscode.ExtensionContext): MrnetViewerApi {
  const log = vscode.window.createOutputChannel('MRNet Viewer', { log: true });
  const registry = new DatasetRegistry(log);
  const tree = new CasesTreeProvider(registry);
  const treeView = vscode.window.createTreeView('mrnet.cases', { treeDataProvider: tree, showCollapseAll: true });
  const viewer = new CaseViewer(context.extensionUri, registry, { allCases: () => registry.allCases(), visibleCases: () => tree.visibleCases() }, log);
  context.subscriptions.push(
    log,
    registry,
    tree,
    treeView,
    viewer,
    registry.onDidChange(() => void vscode.commands.executeCommand('setContext', 'mrnet.datasetCount', registry.all.length)),
    viewer.onDidShowCase((ref) => {
      // A case hidden by the tree's filter cannot be revealed; nothing to do then.
      if (treeView.visible) treeView.reveal(tree.caseNode(ref), { select: true, focus: false }).then(undefined, () => undefined);
    }),
    vscode.window.registerCustomEditorProvider(NPY_EDITOR_VIEW_TYPE, new NpyEditorProvider(context.extensionUri, registry, viewer, log), {
      supportsMultipleEditorsPerDocument: true,
    }),
    ...registerCaseCommands(registry, tree, treeView, viewer),
    ...registerDatasetCommands(registry),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mrnet.datasetRoots')) void registry.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void registry.refresh()),
  );
  void registry.refresh();
  return { registry, tree, treeView, npyReads };
}

export function deactivate(): void {}
