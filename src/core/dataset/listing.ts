import { DatasetListing } from './datasetIndex';
import { decodeCsvText } from './labelCsv';
import {
  OVERLAYS,
  PREDICTIONS,
  caseArchiveIdOf,
  caseIdOf,
  labelFileOf,
  pathsFileOf,
  predictionSplitOf,
} from '../../shared/datasetLayout';
import { PredictionSource } from '../predictions/predictionFile';
import { ProblemList } from './problems';
import { errorMessage } from '../../shared/errorMessage';

/** The kind of a folder entry: a regular file (or a broken link), a folder, or anything else (FIFO, device, socket, a link to one). */
export type EntryType = 'file' | 'folder' | 'other';

/** What listing a dataset needs of a file system; the host gives Node's fs or vscode.workspace.fs. */
export interface DatasetFs {
  readDirectory(path: string): Promise<[string, EntryType][]>;
  readFile(path: string): Promise<Uint8Array>;
}

/** Folders looked into, a level, below a plane folder that holds no case files, to tell a nested dataset; and how deep. */
const NESTED_PROBES = 3;
const NESTED_DEPTH = 3;

/**
 * The name a file at the root should have to be read as a label file, when it is named almost
 * as one for a split that is there (train-acl.CSV, train_acl.csv beside train/); undefined for
 * other files (notes_2024.csv beside no notes/ split is nobody's label file).
 */
function labelFileNameFor(name: string, splits: readonly string[]): string | undefined {
  const m = /^(.+?)[-_ ]([^-_ ]+)\.csv$/i.exec(name);
  if (!m || labelFileOf(name) || pathsFileOf(name) || !splits.includes(m[1])) return undefined;
  return `${m[1]}-${m[2]}.csv`;
}

/**
 * Lists a dataset root: split folders, their plane folders and file names, and the text of the
 * label CSVs beside them. What cannot be read or used becomes a problem, never a failure;
 * nothing but a regular file is ever read (a FIFO would block indexing forever).
 */
export function listDataset(fs: DatasetFs, root: string, problems: ProblemList): Promise<DatasetListing> {
  return new DatasetLister(fs, root, problems).listRoot();
}

class DatasetLister {
  private readonly listing: DatasetListing = { splits: [], csvs: [], overlays: [], predictions: [], paths: [] };

  constructor(
    private readonly fs: DatasetFs,
    private readonly root: string,
    private readonly problems: ProblemList,
  ) {}

  async listRoot(): Promise<DatasetListing> {
    const { listing } = this;
    const rootEntries = await this.list('');
    for (const [name, type] of rootEntries) {
      if (name.startsWith('.')) continue;
      if (name === OVERLAYS && type === 'folder') listing.overlays = await this.listOverlays();
      else if (name === PREDICTIONS && type === 'folder') listing.predictions = await this.listPredictions();
      else if (pathsFileOf(name) && type === 'file') {
        const text = await this.readText(name);
        if (text !== undefined) listing.paths!.push({ file: name, split: pathsFileOf(name)!, text });
      } else if (labelFileOf(name)) await this.labelFile(name, type);
      else if (type === 'folder') await this.listSplit(name);
    }
    this.misnamedLabelFiles(rootEntries);
    return listing;
  }

  private async list(relative: string): Promise<[string, EntryType][]> {
    try {
      return await this.fs.readDirectory(relative ? `${this.root}/${relative}` : this.root);
    } catch (e) {
      this.problems.add({ file: relative ? `${relative}/` : '.', message: `cannot be read: ${errorMessage(e)}` });
      return [];
    }
  }

  private notRegular(path: string): void {
    this.problems.add({
      file: path,
      message: 'is not a regular file (a FIFO, device or socket, or a link to one); skipped',
    });
  }

  private async readText(path: string): Promise<string | undefined> {
    try {
      return decodeCsvText(await this.fs.readFile(`${this.root}/${path}`));
    } catch (e) {
      this.problems.add({ file: path, message: `cannot be read: ${errorMessage(e)}` });
      return undefined;
    }
  }

  private async labelFile(name: string, type: EntryType): Promise<void> {
    if (type === 'other') this.notRegular(name);
    else if (type === 'folder')
      this.problems.add({
        file: name,
        message: 'cannot be read: it is a folder named like a label file; label files are CSV files',
      });
    else {
      const text = await this.readText(name);
      if (text !== undefined) this.listing.csvs.push({ name, text });
    }
  }

  /** A split folder: its plane folders and their files; a dataset nested below it is a problem. */
  private async listSplit(name: string): Promise<void> {
    const planes = [];
    let nested: string | undefined;
    for (const [plane, planeType] of await this.list(name)) {
      if (planeType !== 'folder' || plane.startsWith('.')) continue;
      const entries = await this.list(`${name}/${plane}`);
      const files: string[] = [];
      for (const [file, fileType] of entries) {
        if (fileType === 'file') files.push(file);
        else if (fileType === 'other' && caseIdOf(file)) this.notRegular(`${name}/${plane}/${file}`);
      }
      if (!files.some((f) => caseIdOf(f))) nested ??= await this.nestedCaseFolder(`${name}/${plane}`, entries);
      planes.push({ name: plane, files });
    }
    // A split whose plane folders hold no case files, but a folder below one of them does.
    if (nested && !planes.some((p) => p.files.some((f) => caseIdOf(f)))) {
      // The case files' folder is a plane folder; its grandparent is the dataset's root.
      const inner = nested.split('/').slice(0, -2).join('/');
      this.problems.add({
        file: `${name}/`,
        message: `holds no case files itself but a dataset below it (${nested}/NNNN.npy): add ${inner}/ as a dataset of its own (MRNet: Select Dataset Folder…) or move it out of this one`,
      });
    } else if (planes.length) this.listing.splits.push({ name, planes });
  }

  /** Named almost as a label file of a split found: said, with the name it needs. */
  private misnamedLabelFiles(rootEntries: [string, EntryType][]): void {
    const splits = this.listing.splits.map((s) => s.name);
    for (const [name, type] of rootEntries) {
      const renamed = type === 'file' ? labelFileNameFor(name, splits) : undefined;
      if (renamed)
        this.problems.add({
          file: name,
          message: `looks like a label file but is not read: label files are named {split}-{task}.csv (a hyphen, a lower-case .csv); rename it to ${renamed}`,
        });
    }
  }

  private async folders(path: string): Promise<string[]> {
    return (await this.list(path)).filter(([n, t]) => t === 'folder' && !n.startsWith('.')).map(([n]) => n);
  }

  /**
   * overlays/{overlay name}/{split}/{plane}/{case id}.npy, or overlays/{overlay name}/{split}/{case id}.npz
   * with one member per plane (listed with the plane ''): names only, as for the cases.
   */
  private async listOverlays(): Promise<NonNullable<DatasetListing['overlays']>> {
    const found: NonNullable<DatasetListing['overlays']> = [];
    for (const overlay of await this.folders(OVERLAYS)) {
      for (const split of await this.folders(`${OVERLAYS}/${overlay}`)) {
        const where = `${OVERLAYS}/${overlay}/${split}`;
        const entries = await this.list(where);
        for (const [f, t] of entries)
          if (t === 'other' && (caseArchiveIdOf(f) || caseIdOf(f))) this.notRegular(`${where}/${f}`);
        const archives = entries.filter(([f, t]) => t === 'file' && caseArchiveIdOf(f)).map(([f]) => f);
        if (archives.length) found.push({ name: overlay, split, plane: '', files: archives });
        for (const plane of await this.folders(where)) {
          const planeEntries = await this.list(`${where}/${plane}`);
          for (const [f, t] of planeEntries)
            if (t === 'other' && caseIdOf(f)) this.notRegular(`${where}/${plane}/${f}`);
          const files = planeEntries.filter(([f, t]) => t === 'file' && caseIdOf(f)).map(([f]) => f);
          if (files.length) found.push({ name: overlay, split, plane, files });
        }
      }
    }
    return found;
  }

  /** predictions/{model}/{split}.csv: every model's file for each split, with its text. */
  private async listPredictions(): Promise<PredictionSource[]> {
    const found: PredictionSource[] = [];
    for (const [model, type] of await this.list(PREDICTIONS)) {
      if (type !== 'folder' || model.startsWith('.')) continue;
      for (const [file, fileType] of await this.list(`${PREDICTIONS}/${model}`)) {
        const split = predictionSplitOf(file);
        if (!split || file.startsWith('.')) continue;
        if (fileType === 'other') this.notRegular(`${PREDICTIONS}/${model}/${file}`);
        if (fileType !== 'file') continue;
        const text = await this.readText(`${PREDICTIONS}/${model}/${file}`);
        if (text !== undefined) found.push({ model, split, file: `${PREDICTIONS}/${model}/${file}`, text });
      }
    }
    return found;
  }

  /**
   * A folder below `folder` that holds case files, when `folder` holds none itself: looked for
   * up to three folders deeper (a dataset one or two folders further down), a few folders a level.
   */
  private async nestedCaseFolder(folder: string, entries: [string, EntryType][]): Promise<string | undefined> {
    let level = [{ path: folder, entries }];
    for (let depth = 0; depth < NESTED_DEPTH && level.length; depth++) {
      const next: typeof level = [];
      for (const { path, entries: inside } of level) {
        for (const [sub] of inside.filter(([n, t]) => t === 'folder' && !n.startsWith('.')).slice(0, NESTED_PROBES)) {
          const below = await this.list(`${path}/${sub}`);
          if (below.some(([f, t]) => t === 'file' && caseIdOf(f))) return `${path}/${sub}`;
          next.push({ path: `${path}/${sub}`, entries: below });
        }
      }
      level = next;
    }
    return undefined;
  }
}
