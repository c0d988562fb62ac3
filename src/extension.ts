import * as vscode from 'vscode';
import { CaseViewer } from './caseViewer/caseViewerPanel';
import { registerCaseCommands } from './commands/caseCommands';
import { registerDatasetCommands } from './commands/datasetCommands';
import { DatasetRegistry } from './dataset/datasetRegistry';
import { NPY_EDITOR_VIEW_TYPE, NpyEditorProvider } from './npyEditor/npyEditorProvider';
import { SliceExporter } from './export/sliceExport';
import { NPZ_EDITOR_VIEW_TYPE, NpzEditorProvider } from './npzEditor/npzEditorProvider';
import { CasesTreeProvider, TreeNode, describeReview } from './tree/casesTreeProvider';
import { ViewDefaultsStore } from './settings/viewDefaults';
import { AddedOverlays } from './overlays/addedOverlays';
import { ModelReview } from './predictions/modelReview';
import { PredictionInputs } from './predictions/predictionInputs';
import { offerPredictionFixes, registerPredictionCommands } from './predictions/predictionCommands';
import { ModelReports } from './report/modelReportPanel';
import { registerExportCommands } from './export/exportCommands';
import { DatasetOverviews, registerOverviewCommand } from './overview/datasetOverviewPanel';
import { VolumeFacts } from './overview/volumeFacts';
import { DebugViews } from './debugger/debugViews';
import { NotebookOutputs } from './notebook/notebookOutputs';
import { registerDebugCommands } from './debugger/debugCommands';

/** What activate() returns: the pieces the extension-host tests look into. */
export interface MrnetViewerApi {
  registry: DatasetRegistry;
  tree: CasesTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  review: ModelReview;
  overviews: DatasetOverviews;
  volumeFacts: VolumeFacts;
}

export function activate(context: vscode.ExtensionContext): MrnetViewerApi {
  const log = vscode.window.createOutputChannel('MRNet Viewer', { log: true });
  const predictionInputs = new PredictionInputs(context.workspaceState);
  const registry = new DatasetRegistry(log, predictionInputs);
  const review = new ModelReview(registry);
  const tree = new CasesTreeProvider(registry, review);
  const treeView = vscode.window.createTreeView('mrnet.cases', { treeDataProvider: tree, showCollapseAll: true });
  // Saved slices never go into a dataset by default.
  const exporter = new SliceExporter(log, (uri) =>
    registry.all.some((d) => uri.toString() === d.uri.toString() || uri.toString().startsWith(`${d.uri.toString()}/`)),
  );
  const defaults = new ViewDefaultsStore(context.workspaceState);
  const overlays = new AddedOverlays(context.workspaceState, log);
  const viewer = new CaseViewer(
    context.extensionUri,
    registry,
    { allCases: () => tree.orderedCases(), visibleCases: () => tree.visibleCases() },
    log,
    exporter,
    defaults,
    overlays,
    review,
  );
  const services = { extensionUri: context.extensionUri, log, exporter, defaults, overlays };
  const debugViews = new DebugViews(services, viewer);
  const showCasesView = () => vscode.commands.executeCommand('mrnet.cases.focus');
  const reports = new ModelReports(context.extensionUri, registry, review, exporter, log, showCasesView);
  const volumeFacts = new VolumeFacts(context.globalStorageUri, log);
  // A click in the overview shows exactly its cases: it replaces the label filter and clears the outcome filter.
  const overviews = new DatasetOverviews(
    context.extensionUri,
    registry,
    volumeFacts,
    exporter,
    log,
    (set) => {
      // Cleared first, and only if set: one refresh of the tree, not two (a row clicked meanwhile would be redrawn under the pointer).
      if (review.filter) review.choose({ filter: null });
      tree.setFilter(set);
      return showCasesView();
    },
    (ref) => viewer.openCase(ref),
  );
  context.subscriptions.push(
    log,
    registry,
    tree,
    treeView,
    viewer,
    review,
    reports,
    volumeFacts,
    overviews,
    defaults,
    describeReview(treeView, review),
    offerPredictionFixes(registry),
    trackDatasetCount(registry),
    viewer.onDidShowCase((ref) => {
      // A case hidden by the tree's filter cannot be revealed; nothing to do then.
      if (treeView.visible)
        treeView.reveal(tree.caseNode(ref), { select: true, focus: false }).then(undefined, () => undefined);
    }),
    editor(
      NPY_EDITOR_VIEW_TYPE,
      new NpyEditorProvider(context.extensionUri, registry, viewer, log, exporter, defaults, overlays),
    ),
    editor(NPZ_EDITOR_VIEW_TYPE, new NpzEditorProvider(context.extensionUri, log, exporter, defaults, overlays)),
    ...registerCaseCommands(registry, tree, treeView, viewer),
    ...registerDatasetCommands(registry),
    ...registerPredictionCommands(registry, review, predictionInputs, reports),
    registerOverviewCommand(registry, overviews),
    debugViews,
    ...registerDebugCommands(debugViews),
    new NotebookOutputs(services, viewer),
    ...registerExportCommands(exporter),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mrnet.datasetRoots')) void registry.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void registry.refresh()),
  );
  void registry.refresh();
  return { registry, tree, treeView, review, overviews, volumeFacts };
}

/** The context key `mrnet.datasetCount`, by which the welcome views and menus know whether there are datasets. */
function trackDatasetCount(registry: DatasetRegistry): vscode.Disposable {
  return registry.onDidChange(
    () => void vscode.commands.executeCommand('setContext', 'mrnet.datasetCount', registry.all.length),
  );
}

/** A custom editor of arrays; several may show one file. */
function editor(viewType: string, provider: vscode.CustomReadonlyEditorProvider): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(viewType, provider, { supportsMultipleEditorsPerDocument: true });
}

export function deactivate(): void {}
