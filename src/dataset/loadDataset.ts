import * as vscode from 'vscode';
import { DatasetIndex, DatasetListing, indexDataset } from '../core/dataset/datasetIndex';
import { labelFileOf } from '../core/dataset/layout';
import { DatasetProblem } from '../core/dataset/problems';

/** Lists a dataset root and reads its label CSVs (names and text only), then indexes it. */
export async function loadDataset(root: vscode.Uri): Promise<DatasetIndex> {
  const problems: DatasetProblem[] = [];
  const list = async (uri: vscode.Uri, relative: string): Promise<[string, vscode.FileType][]> => {
    try {
      return await vscode.workspace.fs.readDirectory(uri);
    } catch (e) {
      problems.push({ file: relative || '.', message: `cannot be read: ${e instanceof Error ? e.message : String(e)}` });
      return [];
    }
  };
  const listing: DatasetListing = { splits: [], csvs: [] };
  for (const [name, type] of await list(root, '')) {
    if (type === vscode.FileType.File && labelFileOf(name)) {
      try {
        listing.csvs.push({ name, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name))) });
      } catch (e) {
        problems.push({ file: name, message: `cannot be read: ${e instanceof Error ? e.message : String(e)}` });
      }
    } else if (type === vscode.FileType.Directory && !name.startsWith('.')) {
      const planes = [];
      for (const [plane, planeType] of await list(vscode.Uri.joinPath(root, name), name)) {
        if (planeType !== vscode.FileType.Directory || plane.startsWith('.')) continue;
        const files = (await list(vscode.Uri.joinPath(root, name, plane), `${name}/${plane}`)).filter(([, t]) => t === vscode.FileType.File).map(([f]) => f);
        planes.push({ name: plane, files });
      }
      if (planes.length) listing.splits.push({ name, planes });
    }
  }
  const index = indexDataset(listing);
  index.problems.unshift(...problems);
  return index;
}
