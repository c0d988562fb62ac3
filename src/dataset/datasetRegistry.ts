import * as vscode from 'vscode';
import { DatasetCase, DatasetIndex } from '../core/dataset/datasetIndex';
import { taskDisplayName } from '../core/dataset/layout';
import { CaseInfo } from '../core/protocol';
import { discoverDatasetRoots } from './discovery';
import { loadDataset } from './loadDataset';
import { npyReads } from './rangedRead';

export interface LoadedDataset {
  uri: vscode.Uri;
  /** The root folder's name. */
  name: string;
  index: DatasetIndex;
}

/** A case of a loaded dataset. */
export interface CaseRef {
  dataset: LoadedDataset;
  case: DatasetCase;
}

/** Changes to label files and case files re-index their root after this pause. */
const REINDEX_DELAY_MS = 300;

/**
 * The datasets of the workspace: found under the workspace folders and in the setting
 * `mrnet.datasetRoots`, indexed, and re-indexed when their files change.
 */
export class DatasetRegistry implements vscode.Disposable {
  private datasets: LoadedDataset[] = [];
  private watchers: vscode.Disposable[] = [];
  private pending?: ReturnType<typeof setTimeout>;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private loading?: Promise<void>;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  get all(): readonly LoadedDataset[] {
    return this.datasets;
  }

  /** Resolves once the first discovery has finished. */
  ready(): Promise<void> {
    return this.loading ?? this.refresh();
  }

  /** Re-discovers and re-indexes; refreshes run one after another, so the last one asked for wins. */
  refresh(): Promise<void> {
    this.loading = (this.loading ?? Promise.resolve())
      .then(() => this.load())
      .catch((e: unknown) => this.log.error(`Indexing failed: ${e instanceof Error ? e.message : String(e)}`));
    return this.loading;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const npyBytesBefore = npyReads.bytes;
    const roots = await discoverDatasetRoots((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri));
    for (const configured of configuredRoots()) {
      if (!roots.some((r) => r.toString() === configured.toString())) roots.push(configured);
    }
    this.datasets = await Promise.all(
      roots.map(async (uri) => ({ uri, name: uri.path.split('/').filter(Boolean).pop() ?? uri.path, index: await loadDataset(uri) })),
    );
    this.watch();
    const cases = this.datasets.reduce((n, d) => n + d.index.splits.reduce((m, s) => m + s.cases.length, 0), 0);
    this.log.info(`Indexed ${this.datasets.length} dataset(s), ${cases} cases, in ${Date.now() - started} ms, reading ${npyReads.bytes - npyBytesBefore} bytes of .npy files`);
    for (const d of this.datasets) for (const p of d.index.problems) this.log.warn(`${d.name}/${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    this.changed.fire();
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.datasets.map((d) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(d.uri, '**/*.{csv,npy}'));
      const later = () => {
        clearTimeout(this.pending);
        this.pending = setTimeout(() => void this.refresh(), REINDEX_DELAY_MS);
      };
      watcher.onDidChange(later);
      watcher.onDidCreate(later);
      watcher.onDidDelete(later);
      return watcher;
    });
  }

  /** Every case of every dataset, in the tree's order. */
  allCases(): CaseRef[] {
    return this.datasets.flatMap((dataset) => dataset.index.splits.flatMap((s) => s.cases.map((c) => ({ dataset, case: c }))));
  }

  /** The case a plane file belongs to, if it lies in a dataset. */
  caseOfFile(uri: vscode.Uri): CaseRef | undefined {
    for (const dataset of this.datasets) {
      const prefix = `${dataset.uri.toString()}/`;
      if (!uri.toString().startsWith(prefix)) continue;
      const relative = decodeURIComponent(uri.toString().slice(prefix.length));
      for (const split of dataset.index.splits) {
        const found = split.cases.find((c) => Object.values(c.files).includes(relative));
        if (found) return { dataset, case: found };
      }
    }
    return undefined;
  }

  /** A case of a dataset by id. */
  findCase(dataset: LoadedDataset, id: string): CaseRef | undefined {
    for (const split of dataset.index.splits) {
      const found = split.cases.find((c) => c.id === id);
      if (found) return { dataset, case: found };
    }
    return undefined;
  }

  dispose(): void {
    clearTimeout(this.pending);
    for (const w of this.watchers) w.dispose();
    this.changed.dispose();
  }
}

/** A case's identity across datasets and splits: tree item ids, next/previous. */
export function caseKey(ref: CaseRef): string {
  return `${ref.dataset.uri.toString()}#${ref.case.split}/${ref.case.id}`;
}

/** The URI of one plane file of a case. */
export function planeUri(ref: CaseRef, plane: string): vscode.Uri | undefined {
  const relative = ref.case.files[plane];
  return relative ? vscode.Uri.joinPath(ref.dataset.uri, ...relative.split('/')) : undefined;
}

/** What viewers show of a case: id, split, dataset and every task's label. */
export function caseInfo(ref: CaseRef): CaseInfo {
  return {
    id: ref.case.id,
    split: ref.case.split,
    dataset: ref.dataset.name,
    labels: ref.dataset.index.tasks.map((task) => ({ task, name: taskDisplayName(task), value: ref.case.labels[task] ?? null })),
  };
}

function configuredRoots(): vscode.Uri[] {
  const paths = vscode.workspace.getConfiguration('mrnet').get<string[]>('datasetRoots', []);
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  return paths.map((p) => (p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || !base ? vscode.Uri.file(p) : vscode.Uri.joinPath(base, p)));
}
