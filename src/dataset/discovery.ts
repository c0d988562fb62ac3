import * as vscode from 'vscode';
import { caseIdOf } from '../core/dataset/layout';

/** How deep below a workspace folder plane folders are looked for (root/split/plane = 2 below the root). */
const MAX_DEPTH = 4;
/** Folders read at most per workspace folder, so a huge workspace cannot stall discovery. */
const MAX_FOLDERS = 2000;

/**
 * Dataset roots under the given folders: every folder whose split folders hold plane folders
 * of NNNN.npy files. Hidden folders and node_modules are skipped.
 */
export async function discoverDatasetRoots(folders: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const roots = new Map<string, vscode.Uri>();
  for (const folder of folders) {
    let level: vscode.Uri[] = [folder];
    let read = 0;
    for (let depth = 0; depth <= MAX_DEPTH && level.length && read < MAX_FOLDERS; depth++) {
      const next: vscode.Uri[] = [];
      for (const dir of level) {
        if (read++ >= MAX_FOLDERS) break;
        const entries = await readDirectory(dir);
        if (depth >= 2 && entries.some(([name, type]) => type === vscode.FileType.File && caseIdOf(name))) {
          const root = vscode.Uri.joinPath(dir, '..', '..');
          roots.set(root.toString(), root);
          continue; // a plane folder: nothing to find below it
        }
        for (const [name, type] of entries) {
          if (type === vscode.FileType.Directory && !name.startsWith('.') && name !== 'node_modules') next.push(vscode.Uri.joinPath(dir, name));
        }
      }
      level = next.filter((dir) => ![...roots.values()].some((root) => isInside(dir, root)));
    }
  }
  return [...roots.values()].sort((a, b) => a.path.localeCompare(b.path));
}

async function readDirectory(dir: vscode.Uri): Promise<[string, vscode.FileType][]> {
  try {
    return await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
}

function isInside(dir: vscode.Uri, root: vscode.Uri): boolean {
  return dir.toString().startsWith(`${root.toString()}/`);
}
