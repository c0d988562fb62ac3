import * as vscode from 'vscode';
import { DatasetFs } from '../core/dataset/listing';
import { nodeDatasetFs } from './nodeDatasetFs';

/**
 * vscode.workspace.fs as listing needs it (remote and virtual folders). A link reports the
 * type of its target; one whose target is neither a file nor a folder (a FIFO, a device, or
 * a broken link: this API does not tell them apart) is 'other' and never read.
 */
function workspaceFs(scheme: vscode.Uri): DatasetFs {
  const uri = (path: string) => scheme.with({ path });
  return {
    async readDirectory(path) {
      return (await vscode.workspace.fs.readDirectory(uri(path))).map(([name, type]) => [
        name,
        type & vscode.FileType.Directory ? 'folder' : type & vscode.FileType.File ? 'file' : 'other',
      ]);
    },
    readFile: async (path) => vscode.workspace.fs.readFile(uri(path)),
  };
}

/** A folder as the pure dataset code sees it: a file system, the folder's path in it, and the way back to URIs. */
interface FolderAccess {
  fs: DatasetFs;
  path: string;
  uriOf(path: string): vscode.Uri;
}

/** Node's fs for `file:` folders (also what Remote-SSH, WSL and containers give the extension host), vscode.workspace.fs for every other scheme. */
export function folderAccess(folder: vscode.Uri): FolderAccess {
  if (folder.scheme === 'file')
    return { fs: nodeDatasetFs, path: folder.fsPath, uriOf: (path) => vscode.Uri.file(path) };
  return { fs: workspaceFs(folder), path: folder.path, uriOf: (path) => folder.with({ path }) };
}
