import * as vscode from 'vscode';
import { Disposable, disposeAll } from '../shared/dispose';
import { DatasetIndex } from '../core/dataset/datasetIndex';
import { DatasetCase } from '../core/dataset/datasetCase';
import { discoverDatasetRoots } from '../core/dataset/discovery';
import { caseKeyOf, taskDisplayName } from '../shared/datasetLayout';
import { formatProblem } from '../core/dataset/problems';
import { CaseInfo } from '../shared/protocol';
import { folderAccess } from './datasetFs';
import { loadDataset } from './loadDataset';
import { PredictionInputs } from '../predictions/predictionInputs';
import { errorMessage } from '../shared/errorMessage';

export interface LoadedDataset {
  uri: vscode.Uri;
  /** The root folder's name, or its workspace-relative path where two roots share a name. */
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
export class DatasetRegistry extends Disposable {
  private datasets: LoadedDataset[] = [];
  private watchers: vscode.Disposable[] = [];
  private pending?: ReturnType<typeof setTimeout>;
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private loading?: Promise<void>;
  /** A refresh asked for while another runs: later requests join it rather than queue more. */
  private queued?: Promise<void>;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly predictions?: PredictionInputs,
  ) {
    super();
    // The watchers and the timer change with every index; disposed are those of the last.
    this.own({
      dispose: () => {
        clearTimeout(this.pending);
        disposeAll(this.watchers);
      },
    });
  }

  get all(): readonly LoadedDataset[] {
    return this.datasets;
  }

  /** Resolves once the first discovery has finished. */
  ready(): Promise<void> {
    return this.loading ?? this.refresh();
  }

  /** Re-discovers and re-indexes; refreshes run one after another, and those queued meanwhile are merged into one. */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const run = (this.loading ?? Promise.resolve())
      .then(() => {
        this.queued = undefined;
        return this.load();
      })
      .catch((e: unknown) => this.log.error(`Indexing failed: ${errorMessage(e)}`));
    this.queued = run;
    this.loading = run;
    return run;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const roots: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const access = folderAccess(folder.uri);
      const found = await discoverDatasetRoots(access.fs, [access.path]);
      for (const where of found.stopped) this.log.warn(`Dataset search stopped early: ${where}`);
      roots.push(...found.roots.map((path) => access.uriOf(path)));
    }
    for (const configured of configuredRoots()) {
      if (!roots.some((r) => r.toString() === configured.toString())) roots.push(configured);
    }
    const names = datasetNames(roots);
    this.datasets = await Promise.all(
      roots.map(async (uri, i) => ({ uri, name: names[i], index: await loadDataset(uri, this.predictions) })),
    );
    this.watch();
    const cases = this.datasets.reduce((n, d) => n + d.index.splits.reduce((m, s) => m + s.cases.length, 0), 0);
    this.log.info(`Indexed ${this.datasets.length} dataset(s), ${cases} cases, in ${Date.now() - started} ms`);
    for (const d of this.datasets) {
      if (d.index.problemCount)
        this.log.warn(`${d.name} (${d.uri.toString(true)}): ${d.index.problemCount} problem(s)`);
      for (const p of d.index.problems) this.log.warn(`${d.name}/${formatProblem(p)}`);
    }
    this.changed.fire();
  }

  private watch(): void {
    disposeAll(this.watchers);
    const later = () => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => void this.refresh(), REINDEX_DELAY_MS);
    };
    this.watchers = this.datasets.flatMap((d) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(d.uri, '**/*.{csv,npy,npz}'));
      return [watcher.onDidChange(later), watcher.onDidCreate(later), watcher.onDidDelete(later), watcher];
    });
  }

  /** Every case of every dataset, in the tree's order. */
  allCases(): CaseRef[] {
    return this.datasets.flatMap((dataset) =>
      dataset.index.splits.flatMap((s) => s.cases.map((c) => ({ dataset, case: c }))),
    );
  }

  /** The case a plane file belongs to, if it lies in a dataset. */
  caseOfFile(uri: vscode.Uri): CaseRef | undefined {
    for (const dataset of this.datasets) {
      const prefix = `${dataset.uri.toString()}/`;
      if (!uri.toString().startsWith(prefix)) continue;
      const relative = decodeURIComponent(uri.toString().slice(prefix.length));
      for (const split of dataset.index.splits) {
        const found = split.cases.find((c) => [...c.files.values()].includes(relative));
        if (found) return { dataset, case: found };
      }
    }
    return undefined;
  }

  /** A case of a dataset by id, compared by value (1 finds 0001). */
  findCase(dataset: LoadedDataset, id: string): CaseRef | undefined {
    const key = caseKeyOf(id);
    for (const split of dataset.index.splits) {
      const found = split.cases.find((c) => c.key === key);
      if (found) return { dataset, case: found };
    }
    return undefined;
  }
}

/** Each root's folder name; roots that share a name are told apart by their path. */
function datasetNames(roots: readonly vscode.Uri[]): string[] {
  const base = (uri: vscode.Uri) => uri.path.split('/').filter(Boolean).pop() ?? uri.path;
  return roots.map((uri) => {
    const name = base(uri);
    if (roots.filter((other) => base(other) === name).length === 1) return name;
    // The workspace folder's name is part of the path only in a multi-root workspace.
    const relative = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    return relative === uri.fsPath ? uri.fsPath : relative;
  });
}

/** A case's identity across datasets and splits: tree item ids, next/previous. */
export function caseKey(ref: CaseRef): string {
  return `${ref.dataset.uri.toString()}#${ref.case.split}/${ref.case.id}`;
}

/** The URI of one plane file of a case. */
export function planeUri(ref: CaseRef, plane: string): vscode.Uri | undefined {
  const relative = ref.case.files.get(plane);
  return relative ? vscode.Uri.joinPath(ref.dataset.uri, ...relative.split('/')) : undefined;
}

/** What viewers show of a case: id, split, dataset and every task's label. */
export function caseInfo(ref: CaseRef): CaseInfo {
  return {
    id: ref.case.id,
    split: ref.case.split,
    dataset: ref.dataset.name,
    labels: ref.dataset.index.tasks.map((task) => ({
      task,
      name: taskDisplayName(task),
      value: ref.case.labels.get(task) ?? null,
    })),
  };
}

function configuredRoots(): vscode.Uri[] {
  const paths = vscode.workspace.getConfiguration('mrnet').get<string[]>('datasetRoots', []);
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  return paths.map((p) =>
    p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || !base ? vscode.Uri.file(p) : vscode.Uri.joinPath(base, p),
  );
}
