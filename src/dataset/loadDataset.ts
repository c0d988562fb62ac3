import * as vscode from 'vscode';
import { DatasetIndex, indexDataset } from '../core/dataset/datasetIndex';
import { DatasetFs, listDataset } from '../core/dataset/listing';

/** vscode.workspace.fs as listing needs it: paths below `root`, links counted as files. */
function workspaceFs(root: vscode.Uri): DatasetFs {
  const uri = (path: string) => root.with({ path });
  return {
    async readDirectory(path) {
      return (await vscode.workspace.fs.readDirectory(uri(path))).map(([name, type]) => [
        name,
        type & vscode.FileType.Directory ? 'folder' : type & (vscode.FileType.File | vscode.FileType.SymbolicLink) ? 'file' : 'other',
      ]);
    },
    async readText(path) {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri(path)));
    },
  };
}

/** Lists a dataset root and reads its label CSVs (names and text only), then indexes it. */
export async function loadDataset(root: vscode.Uri): Promise<DatasetIndex> {
  const { listing, problems } = await listDataset(workspaceFs(root), root.path);
  const index = indexDataset(listing);
  index.problems.unshift(...problems);
  return index;
}
