// Runs inside VS Code's extension host (the workbench payload's extensionTestsPath): times
// indexing the workspace's dataset and counts the .npy bytes it reads.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { MrnetViewerApi } from '../../src/extension';

export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'mrnet-viewer')!;
  const started = performance.now();
  const api: MrnetViewerApi = await extension.activate();
  await api.registry.ready();
  const firstMs = performance.now() - started;
  const before = api.npyReads.bytes;
  const refreshMs: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    await api.registry.refresh();
    refreshMs.push(performance.now() - t);
  }
  const result = { firstMs, refreshMs, cases: api.registry.allCases().length, npyBytesRead: api.npyReads.bytes - before };
  writeFileSync(process.env.MRNET_BENCH_RESULT!, JSON.stringify(result));
}
