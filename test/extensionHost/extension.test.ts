import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MrnetViewerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/casesTreeProvider';
import { OverviewState } from '../../src/overview/overviewState';

const COMMANDS = [
  'mrnet.openCase',
  'mrnet.nextCase',
  'mrnet.previousCase',
  'mrnet.selectDatasetFolder',
  'mrnet.createSampleDataset',
  'mrnet.filterByLabel',
  'mrnet.clearFilter',
  'mrnet.refresh',
  'mrnet.openPlaneFile',
  'mrnet.revealCaseInExplorer',
  'mrnet.copyCaseId',
  'mrnet.openInViewer',
  'mrnet.chooseModel',
  'mrnet.chooseTask',
  'mrnet.filterByOutcome',
  'mrnet.sortCases',
  'mrnet.modelReport',
  'mrnet.loadPredictions',
  'mrnet.applyLogistic',
  'mrnet.setColumnOrder',
  'mrnet.datasetOverview',
];

function workspaceUri(...path: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...path);
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

describe('MRNet Viewer in the extension host', () => {
  let api: MrnetViewerApi;

  before(async () => {
    const extension = vscode.extensions.all.find((e) => (e.packageJSON as { name?: string }).name === 'mrnet-viewer');
    assert.ok(extension, 'the extension is installed');
    api = (await extension.activate()) as MrnetViewerApi;
    await api.registry.ready();
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of COMMANDS) assert.ok(commands.includes(command), command);
  });

  it("the cases tree lists the sample's splits and cases with their CSV labels", async () => {
    const [dataset] = api.tree.getChildren();
    assert.equal(dataset.kind, 'dataset');
    const splits = api.tree.getChildren(dataset).filter((n) => n.kind === 'split');
    assert.deepEqual(
      splits.map((s) => api.tree.getTreeItem(s).label),
      ['train', 'valid'],
    );
    for (const split of splits) {
      const name = api.tree.getTreeItem(split).label as string;
      const csv = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(workspaceUri('MRNet-v1.0', `${name}-acl.csv`)),
      );
      const acl = new Map(
        csv
          .trim()
          .split('\n')
          .map((line) => line.split(',') as [string, string]),
      );
      const cases = api.tree.getChildren(split) as Extract<TreeNode, { kind: 'case' }>[];
      assert.deepEqual(
        cases.map((c) => c.case.id),
        [...acl.keys()],
      );
      for (const c of cases) {
        assert.equal(String(c.case.labels.get('acl')), acl.get(c.case.id), `case ${c.case.id}`);
        const description = api.tree.getTreeItem(c).description as string;
        assert.equal(description.includes('ACL'), acl.get(c.case.id) === '1', `${c.case.id}: ${description}`);
      }
    }
  });

  it('vscode.openWith opens a .npy file in our custom editor', async () => {
    const uri = workspaceUri('MRNet-v1.0', 'train', 'axial', '0000.npy');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'mrnetViewer.npy');
    const tab = await until('the .npy editor tab', () => {
      const t = activeTab();
      return t?.input instanceof vscode.TabInputCustom ? t : undefined;
    });
    const input = tab.input as vscode.TabInputCustom;
    assert.equal(input.viewType, 'mrnetViewer.npy');
    assert.equal(input.uri.toString(), uri.toString());
  });

  it('"MRNet: Open Case" with an id opens a case panel titled with the id', async () => {
    await vscode.commands.executeCommand('mrnet.openCase', '0003');
    const tab = await until('the case tab', () => (activeTab()?.label === 'Case 0003' ? activeTab() : undefined));
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    assert.match(tab.input.viewType, /mrnetViewer\.case/);
  });

  it('next and previous case follow the tree order and filter', async () => {
    await vscode.commands.executeCommand('mrnet.openCase', '0001');
    await until('case 0001', () => activeTab()?.label === 'Case 0001');
    await vscode.commands.executeCommand('mrnet.nextCase');
    await until('case 0002', () => activeTab()?.label === 'Case 0002');
    const aclPositive = api.registry
      .allCases()
      .filter((c) => c.case.labels.get('acl') === 1)
      .map((c) => c.case.id);
    api.tree.setFilter({ task: 'acl', value: 1 });
    try {
      await vscode.commands.executeCommand('mrnet.openCase', aclPositive[0]);
      await vscode.commands.executeCommand('mrnet.nextCase');
      await until(`case ${aclPositive[1]}`, () => activeTab()?.label === `Case ${aclPositive[1]}`);
      await vscode.commands.executeCommand('mrnet.previousCase');
      await until(`case ${aclPositive[0]}`, () => activeTab()?.label === `Case ${aclPositive[0]}`);
    } finally {
      api.tree.setFilter(undefined);
    }
  });

  it('as Next walks through cases, the tree selects and reveals the case shown', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.mrnet');
    await until('the Cases view', () => api.treeView.visible);
    await vscode.commands.executeCommand('mrnet.openCase', '0001');
    await until(
      'case 0001 selected',
      () => api.treeView.selection[0]?.kind === 'case' && api.treeView.selection[0].case.id === '0001',
    );
    await vscode.commands.executeCommand('mrnet.nextCase');
    await until(
      'case 0002 selected',
      () => api.treeView.selection[0]?.kind === 'case' && api.treeView.selection[0].case.id === '0002',
    );
  });

  it('refreshes asked for while one is queued are merged into one', () => {
    const asked = [api.registry.refresh(), api.registry.refresh(), api.registry.refresh()];
    assert.equal(asked[1], asked[0]);
    assert.equal(asked[2], asked[0]);
    return asked[0];
  });

  it('two datasets with the same folder name are told apart by their path', async () => {
    const made = ['site-a', 'site-b'].map((site) => workspaceUri(site));
    try {
      for (const site of made)
        await vscode.workspace.fs.writeFile(
          vscode.Uri.joinPath(site, 'knees', 'train', 'axial', '0000.npy'),
          new Uint8Array(0),
        );
      await api.registry.refresh();
      const names = api.registry.all
        .map((d) => d.name)
        .filter((n) => n.endsWith('knees'))
        .sort();
      assert.deepEqual(names, ['site-a/knees', 'site-b/knees']);
      assert.deepEqual(
        api.tree
          .getChildren()
          .filter((n) => n.kind === 'dataset' && n.dataset.name.endsWith('knees'))
          .map((n) => api.tree.getTreeItem(n).label)
          .sort(),
        names,
      );
    } finally {
      for (const site of made) await vscode.workspace.fs.delete(site, { recursive: true });
      await api.registry.refresh();
    }
  });

  it('the case of a plane file is found for the .npy editor', () => {
    const ref = api.registry.caseOfFile(workspaceUri('MRNet-v1.0', 'valid', 'coronal', '0009.npy'));
    assert.equal(ref?.case.id, '0009');
    assert.equal(ref?.case.split, 'valid');
    assert.equal(api.registry.caseOfFile(workspaceUri('broken', 'valid_f4.npy')), undefined);
  });

  it('"Copy Case Id" on a case row puts its id on the clipboard', async () => {
    const ref = api.registry.allCases().find((c) => c.case.id === '0006')!;
    await vscode.commands.executeCommand('mrnet.copyCaseId', api.tree.caseNode(ref));
    assert.equal(await vscode.env.clipboard.readText(), '0006');
  });

  it('a folder of plane files opens as a case from "Open in MRNet Viewer"', async () => {
    await vscode.commands.executeCommand('mrnet.openInViewer', workspaceUri('case-folder'));
    await until('the case-folder tab', () => activeTab()?.label === 'Case case-folder');
  });

  it('a changed label CSV updates the tree', async () => {
    const csv = workspaceUri('MRNet-v1.0', 'valid-acl.csv');
    const original = await vscode.workspace.fs.readFile(csv);
    const label = () =>
      api.registry
        .allCases()
        .find((c) => c.case.id === '0008')
        ?.case.labels.get('acl');
    const before = label();
    const flipped = new TextDecoder().decode(original).replace(/^0008,(\d)$/m, (_, v) => `0008,${v === '1' ? 0 : 1}`);
    try {
      await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(flipped));
      await until('the re-indexed label', () => label() !== undefined && label() !== before);
    } finally {
      await vscode.workspace.fs.writeFile(csv, original);
      await until('the restored label', () => label() === before);
    }
  });

  it('"MRNet: Create Sample Dataset…" writes into an empty folder only, and the new dataset is indexed', async () => {
    const target = workspaceUri('new-sample');
    await vscode.workspace.fs.createDirectory(target);
    await vscode.commands.executeCommand('mrnet.createSampleDataset', target);
    const entries = (await vscode.workspace.fs.readDirectory(target)).map(([name]) => name).sort();
    assert.deepEqual(entries, [
      'overlays',
      'predictions',
      'train',
      'train-abnormal.csv',
      'train-acl.csv',
      'train-meniscus.csv',
      'valid',
      'valid-abnormal.csv',
      'valid-acl.csv',
      'valid-meniscus.csv',
      'valid-paths.csv',
    ]);
    await until('the new dataset in the tree', () => api.registry.all.some((d) => d.name === 'new-sample'));
    const broken = workspaceUri('broken');
    const before = (await vscode.workspace.fs.readDirectory(broken)).length;
    await vscode.commands.executeCommand('mrnet.createSampleDataset', broken);
    assert.equal(
      (await vscode.workspace.fs.readDirectory(broken)).length,
      before,
      'nothing written into a folder that is not empty',
    );
  });

  it('a dataset with every quirk, added with "Select Dataset Folder…", indexes with its problems listed in the tree', async () => {
    const folder = vscode.Uri.file(`${vscode.workspace.workspaceFolders![0].uri.fsPath}-broken-dataset`);
    await vscode.commands.executeCommand('mrnet.selectDatasetFolder', folder);
    const dataset = await until('the broken dataset', () =>
      api.registry.all.find((d) => d.uri.fsPath === folder.fsPath),
    );
    const node = api.tree.getChildren().find((n) => n.kind === 'dataset' && n.dataset === dataset)!;
    const problemsNode = api.tree.getChildren(node).find((n) => n.kind === 'problems')!;
    assert.equal(api.tree.getTreeItem(problemsNode).label, `Dataset problems (${dataset.index.problemCount})`);
    const problems = api.tree.getChildren(problemsNode).map((n) => api.tree.getTreeItem(n).label as string);
    assert.ok(problems.includes('train-acl.csv:11: case 0999 has no .npy file in train/'), problems.join('\n'));
    assert.ok(
      problems.some((p) => p.startsWith('valid-meniscus.csv: cannot be read')),
      problems.join('\n'),
    );
    assert.deepEqual(
      dataset.index.splits.map((s) => [s.name, s.cases.length]),
      [
        ['train', 9],
        ['valid', 4],
        ['test', 0],
      ],
    );
    // A case whose sagittal file is truncated and coronal file a broken link still opens.
    const ref = api.registry.findCase(dataset, '0005')!;
    await vscode.commands.executeCommand('mrnet.openCase', api.tree.caseNode(ref));
    await until('the case tab', () => activeTab()?.label === 'Case 0005');
    // Its overview lists the truncated file and the broken link as problems, and shows every other volume.
    const overview = new OverviewState(dataset, api.volumeFacts);
    await overview.readHeaders();
    const data = overview.data();
    assert.equal(data.headers.state, 'done');
    assert.deepEqual(data.problems.map((p) => p.file).sort(), ['train/coronal/0004.npy', 'train/sagittal/0005.npy']);
    assert.match(data.problems.find((p) => p.file === 'train/sagittal/0005.npy')!.message, /truncated/);
    const read = new Int32Array(data.slices[data.planes.indexOf('axial')]).filter((n) => n > 0).length;
    assert.equal(
      read,
      dataset.index.splits.reduce((n, s) => n + s.cases.filter((c) => c.files.has('axial')).length, 0),
    );
  });

  it('a filtered tree counts the matching cases of each split and collapses splits with no match', () => {
    api.tree.setFilter({ task: 'acl', value: 1 });
    try {
      let collapsed = 0;
      for (const dataset of api.tree.getChildren()) {
        for (const split of api.tree.getChildren(dataset).filter((n) => n.kind === 'split')) {
          if (split.kind !== 'split') continue;
          const matching = split.split.cases.filter((c) => c.labels.get('acl') === 1).length;
          const item = api.tree.getTreeItem(split);
          assert.match(
            item.description as string,
            new RegExp(`^${matching} of ${split.split.cases.length} cases match`),
          );
          assert.equal(
            item.collapsibleState,
            matching ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
          );
          if (!matching) collapsed++;
        }
      }
      assert.ok(collapsed > 0, "the broken dataset's empty test split has no match");
    } finally {
      api.tree.setFilter(undefined);
    }
  });

  it('the model review: rows sorted by probability or by error, an outcome filter, Next following that order', () => {
    const sample = api.registry.all.find((d) => d.name === 'MRNet-v1.0')!;
    const valid = () =>
      api.tree
        .getChildren(api.tree.getChildren().find((n) => n.kind === 'dataset' && n.dataset === sample))
        .find((n) => n.kind === 'split' && n.split.name === 'valid')!;
    const rows = () => api.tree.getChildren(valid()) as Extract<TreeNode, { kind: 'case' }>[];
    const p = (node: Extract<TreeNode, { kind: 'case' }>) => api.review.score(node)!.probability;
    try {
      assert.equal(api.review.model, 'mrnet-baseline');
      assert.equal(api.review.task, 'acl');
      api.review.choose({ sort: 'probability' });
      const byProbability = rows().map(p);
      assert.deepEqual(
        byProbability,
        [...byProbability].sort((a, b) => b - a),
      );
      api.review.choose({ sort: 'error' });
      const errors = rows().map((n) => Math.abs(n.case.labels.get('acl')! - p(n)));
      assert.deepEqual(
        errors,
        [...errors].sort((a, b) => b - a),
      );
      for (const n of rows())
        assert.match(api.tree.getTreeItem(n).description as string, /^p=\d\.\d\d · (TP|FP|FN|TN) · /);
      // Next walks the tree's order: the sorted one.
      const order = api.tree
        .visibleCases()
        .filter((c) => c.case.split === 'valid' && c.dataset === sample)
        .map((c) => c.case.id);
      assert.deepEqual(
        order,
        rows().map((n) => n.case.id),
      );
      api.review.choose({ filter: { kind: 'outcome', outcome: 'TN' } });
      const negatives = rows();
      assert.ok(negatives.every((n) => api.review.score(n)!.outcome === 'TN'));
      assert.equal(
        negatives.length,
        sample.index.splits
          .find((s) => s.name === 'valid')!
          .cases.filter(
            (c) =>
              c.labels.get('acl') === 0 &&
              api.review.score({ dataset: sample, case: c })!.probability <
                api.review.threshold('mrnet-baseline', 'acl'),
          ).length,
      );
    } finally {
      api.review.choose({ sort: 'id', filter: null });
    }
  });

  it("a model's row under its dataset opens that model's report on valid/", async () => {
    const sample = api.tree.getChildren().find((n) => n.kind === 'dataset' && n.dataset.name === 'MRNet-v1.0')!;
    const models = api.tree.getChildren(sample).filter((n) => n.kind === 'model');
    // The sample's two models (the end-to-end suite may have loaded another by then).
    assert.deepEqual(
      models.map((n) => api.tree.getTreeItem(n).label).filter((l) => l !== 'dazcona'),
      ['mrnet-baseline', 'submission'],
    );
    const command = api.tree.getTreeItem(models[0]).command!;
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    await until('the report tab', () => activeTab()?.label === 'Report: mrnet-baseline · valid');
  });

  it('the dataset overview reads each header once: opened again it reads none, and a file that changed is read again', async () => {
    const sample = api.tree.getChildren().find((n) => n.kind === 'dataset' && n.dataset.name === 'MRNet-v1.0')!;
    assert.equal(sample.kind, 'dataset');
    const files = sample.dataset.index.splits.reduce((n, s) => n + s.cases.reduce((m, c) => m + c.files.size, 0), 0);
    await api.volumeFacts.clear();
    // The dataset row's command (its inline button) resolves once the page shows every header.
    const command = 'mrnet.datasetOverview';
    await vscode.commands.executeCommand(command, sample);
    assert.equal(activeTab()?.label, 'Overview: MRNet-v1.0');
    assert.deepEqual(api.volumeFacts.lastPass, { kind: 'header', read: files, cached: 0 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the overview closed', () => !vscode.window.tabGroups.all.some((g) => g.tabs.length));
    await vscode.commands.executeCommand(command, sample);
    assert.deepEqual(api.volumeFacts.lastPass, { kind: 'header', read: 0, cached: files });
    // A file written again (same bytes, a new modification time) is read again: the dataset's watcher re-indexes, the overview follows.
    const file = workspaceUri('MRNet-v1.0', 'train', 'axial', '0000.npy').fsPath;
    writeFileSync(file, readFileSync(file));
    await until(
      'the changed file read again',
      () => api.volumeFacts.lastPass.read === 1 && api.volumeFacts.lastPass.cached === files - 1,
    );
  });
});
