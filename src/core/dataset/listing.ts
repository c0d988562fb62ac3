import { DatasetListing } from './datasetIndex';
import { labelFileOf } from './layout';
import { DatasetProblem } from './problems';

/** What listing a dataset needs of a file system; the host gives vscode.workspace.fs, tests Node's fs. */
export interface DatasetFs {
  /** Entries of a folder: files (links to files, and broken links, count as files), folders, other. */
  readDirectory(path: string): Promise<[string, 'file' | 'folder' | 'other'][]>;
  readText(path: string): Promise<string>;
}

/**
 * Lists a dataset root: split folders, their plane folders and file names, and the text of the
 * label CSVs beside them. What cannot be read becomes a problem, never a failure.
 */
export async function listDataset(fs: DatasetFs, root: string): Promise<{ listing: DatasetListing; problems: DatasetProblem[] }> {
  const problems: DatasetProblem[] = [];
  const list = async (relative: string) => {
    try {
      return await fs.readDirectory(relative ? `${root}/${relative}` : root);
    } catch (e) {
      problems.push({ file: relative ? `${relative}/` : '.', message: `cannot be read: ${e instanceof Error ? e.message : String(e)}` });
      return [];
    }
  };
  const listing: DatasetListing = { splits: [], csvs: [] };
  for (const [name, type] of await list('')) {
    if (name.startsWith('.')) continue;
    if (labelFileOf(name) && type !== 'other') {
      try {
        listing.csvs.push({ name, text: await fs.readText(`${root}/${name}`) });
      } catch (e) {
        problems.push({ file: name, message: `cannot be read: ${e instanceof Error ? e.message : String(e)}` });
      }
    } else if (type === 'folder') {
      const planes = [];
      for (const [plane, planeType] of await list(name)) {
        if (planeType !== 'folder' || plane.startsWith('.')) continue;
        const files = (await list(`${name}/${plane}`)).filter(([, t]) => t === 'file').map(([f]) => f);
        planes.push({ name: plane, files });
      }
      if (planes.length) listing.splits.push({ name, planes });
    }
  }
  return { listing, problems };
}
