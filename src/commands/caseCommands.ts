import * as vscode from 'vscode';
import { CaseFilter, caseDescription, caseSearchWords, filterLabel, matchesQuery } from '../core/dataset/caseLabels';
import { planeDisplayName } from '../shared/datasetLayout';
import { CaseViewer, folderCase } from '../caseViewer/caseViewerPanel';
import { CaseRef, DatasetRegistry, planeUri } from '../dataset/datasetRegistry';
import { NPY_EDITOR_VIEW_TYPE } from '../npyEditor/npyEditorProvider';
import { CasesTreeProvider, TreeNode } from '../tree/casesTreeProvider';

/** The commands that open, walk through and act on cases. */
export function registerCaseCommands(
  registry: DatasetRegistry,
  tree: CasesTreeProvider,
  treeView: vscode.TreeView<TreeNode>,
  viewer: CaseViewer,
): vscode.Disposable[] {
  const caseOf = (arg: unknown): CaseRef | undefined => {
    const node = arg as TreeNode | undefined;
    return node?.kind === 'case' ? { dataset: node.dataset, case: node.case } : undefined;
  };
  return [
    vscode.commands.registerCommand('mrnet.openCase', async (arg?: unknown) => {
      await registry.ready();
      const ref = caseOf(arg) ?? (typeof arg === 'string' ? findById(registry, arg) : await pickCase(registry, tree));
      if (typeof arg === 'string' && !ref) void vscode.window.showErrorMessage(`No case ${arg} in the open datasets.`);
      if (!ref) return;
      await viewer.openCase(ref);
    }),
    vscode.commands.registerCommand('mrnet.nextCase', () => viewer.navigate('next')),
    vscode.commands.registerCommand('mrnet.previousCase', () => viewer.navigate('previous')),
    vscode.commands.registerCommand('mrnet.filterByLabel', async () => {
      const tasks = [...new Set(registry.all.flatMap((d) => d.index.tasks))];
      const filters: CaseFilter[] = tasks.flatMap((task) => [
        { task, value: 1 as const },
        { task, value: 0 as const },
      ]);
      const picked = await vscode.window.showQuickPick(
        filters.map((filter) => ({ label: filterLabel(filter), filter })),
        { title: 'Show only cases with', placeHolder: 'a label' },
      );
      if (picked) tree.setFilter(picked.filter);
    }),
    vscode.commands.registerCommand('mrnet.clearFilter', () => tree.clearFilters()),
    vscode.commands.registerCommand('mrnet.refresh', () => registry.refresh()),
    vscode.commands.registerCommand('mrnet.openPlaneFile', async (arg?: unknown) => {
      const ref = caseOf(arg);
      if (!ref) return;
      const planes = ref.dataset.index.planes.filter((p) => planeUri(ref, p));
      const plane =
        planes.length === 1
          ? planes[0]
          : (
              await vscode.window.showQuickPick(
                planes.map((p) => ({ label: planeDisplayName(p), plane: p })),
                { title: `Open a plane of case ${ref.case.id}` },
              )
            )?.plane;
      const uri = plane && planeUri(ref, plane);
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, NPY_EDITOR_VIEW_TYPE);
    }),
    vscode.commands.registerCommand('mrnet.revealCaseInExplorer', async (arg?: unknown) => {
      const ref = caseOf(arg);
      const uri = ref && ref.dataset.index.planes.map((p) => planeUri(ref, p)).find((u) => u);
      if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
    }),
    vscode.commands.registerCommand('mrnet.copyCaseId', async (arg?: unknown) => {
      const ref = caseOf(arg);
      if (ref) await vscode.env.clipboard.writeText(ref.case.id);
    }),
    vscode.commands.registerCommand('mrnet.openInViewer', (folder?: vscode.Uri) =>
      folder ? openFolder(folder, registry, treeView, viewer) : undefined,
    ),
  ];
}

/** "Open in MRNet Viewer" on a folder: a dataset or split is revealed in the tree, a folder of plane files opens as a case. */
async function openFolder(
  folder: vscode.Uri,
  registry: DatasetRegistry,
  treeView: vscode.TreeView<TreeNode>,
  viewer: CaseViewer,
): Promise<void> {
  await registry.ready();
  const dataset = registry.all.find((d) => d.uri.toString() === folder.toString());
  const split = registry.all
    .flatMap((d) => d.index.splits.map((s) => ({ d, s })))
    .find(({ d, s }) => vscode.Uri.joinPath(d.uri, s.name).toString() === folder.toString());
  if (dataset || split) {
    await vscode.commands.executeCommand('workbench.view.extension.mrnet');
    const node: TreeNode = dataset
      ? { kind: 'dataset', dataset }
      : { kind: 'split', dataset: split!.d, split: split!.s };
    await treeView.reveal(node, { select: true, expand: true, focus: true });
    return;
  }
  const c = await folderCase(folder);
  if (c) await viewer.open(c);
  else
    void vscode.window.showErrorMessage(
      `${folder.path.split('/').pop()} is neither a dataset nor a case folder (axial.npy, coronal.npy, sagittal.npy).`,
    );
}

function findById(registry: DatasetRegistry, id: string): CaseRef | undefined {
  for (const dataset of registry.all) {
    const ref = registry.findCase(dataset, id.trim());
    if (ref) return ref;
  }
  return undefined;
}

/**
 * A quick pick of the cases the tree shows: id, split and labels. Typing filters by words
 * (caseSearchWords), not by VS Code's substring match, so that "normal" finds no abnormal case.
 */
async function pickCase(registry: DatasetRegistry, tree: CasesTreeProvider): Promise<CaseRef | undefined> {
  const several = registry.all.length > 1;
  const items = tree.visibleCases().map((ref) => ({
    label: ref.case.id,
    description: `${ref.case.split} · ${caseDescription(ref.case, ref.dataset.index.tasks)}`,
    detail: several ? ref.dataset.name : undefined,
    alwaysShow: true,
    words: caseSearchWords(ref.case, ref.dataset.index.tasks, ref.dataset.name),
    ref,
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      'No MRNet dataset is open. Use "MRNet: Select Dataset Folder…" or "MRNet: Create Sample Dataset…".',
    );
    return undefined;
  }
  const pick = vscode.window.createQuickPick<(typeof items)[number]>();
  pick.title = 'MRNet: Open Case';
  pick.placeholder = 'Type a case id or a label (ACL, meniscus, abnormal, normal), a split or a dataset';
  pick.items = items;
  const subscriptions = [
    pick.onDidChangeValue((value) => (pick.items = items.filter((i) => matchesQuery(i.words, value)))),
  ];
  const picked = await new Promise<CaseRef | undefined>((resolve) => {
    subscriptions.push(
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.ref ?? pick.activeItems[0]?.ref)),
      pick.onDidHide(() => resolve(undefined)),
    );
    pick.show();
  });
  for (const s of subscriptions) s.dispose();
  pick.dispose();
  return picked;
}
