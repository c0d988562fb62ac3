// Runs inside VS Code's extension host (the workbench payload's extensionTestsPath): times
// indexing the workspace's dataset and measures the voxel data the host keeps after case
// panels close.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { MrnetViewerApi } from '../../src/extension';
import type { LoadedDataset } from '../../src/dataset/datasetRegistry';
import { OverviewState } from '../../src/overview/overviewState';

export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((e) => (e.packageJSON as { name?: string }).name === 'mrnet-viewer')!;
  const started = performance.now();
  const api = (await extension.activate()) as MrnetViewerApi;
  await api.registry.ready();
  const firstMs = performance.now() - started;
  const refreshMs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    await api.registry.refresh();
    refreshMs.push(performance.now() - t);
  }

  // Memory: open 20 cases in the case viewer, close every panel, collect garbage: the
  // ArrayBuffers the extension host still holds, against before.
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const arrayBuffers = async () => {
    await new Promise((r) => setTimeout(r, 500));
    gc();
    return process.memoryUsage().arrayBuffers;
  };
  const buffersBefore = await arrayBuffers();
  const opened = api.registry.allCases().slice(0, 20);
  for (const ref of opened) await vscode.commands.executeCommand('mrnet.openCase', ref.case.id);
  const buffersOpen = await arrayBuffers();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const buffersAfter = await arrayBuffers();

  // The dataset overview: from the command to the page showing every header, cold (no cached
  // facts: each header read) and warm (every file stat'ed, its facts from the cache).
  const datasetNode = api.tree.getChildren().find((n) => n.kind === 'dataset')!;
  const overviewColdMs: number[] = [];
  const overviewWarmMs: number[] = [];
  const openOverview = async (times: number[]) => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const t = performance.now();
    await vscode.commands.executeCommand('mrnet.datasetOverview', datasetNode);
    times.push(performance.now() - t);
  };
  for (let i = 0; i < 5; i++) {
    await api.volumeFacts.clear();
    await openOverview(overviewColdMs);
    await openOverview(overviewWarmMs);
    await openOverview(overviewWarmMs);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The extension's part of a warm opening: every file stat'ed, its facts from the cache, the page's data built.
  const overviewDataMs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    const state = new OverviewState((datasetNode as { dataset: LoadedDataset }).dataset, api.volumeFacts);
    await state.readHeaders();
    state.data();
    overviewDataMs.push(performance.now() - t);
  }
  const result = {
    firstMs,
    refreshMs,
    cases: api.registry.allCases().length,
    casesOpened: opened.length,
    buffersBefore,
    buffersOpen,
    buffersAfter,
    overviewColdMs,
    overviewWarmMs,
    overviewDataMs,
  };
  writeFileSync(process.env.MRNET_BENCH_RESULT!, JSON.stringify(result));
}
