import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { ArraySource } from '../core/arraySource';
import { LocalFileSource } from './localFileSource';

/**
 * A file of any other VS Code file system (remote, virtual), which VS Code's API reads only
 * whole: it is read once, on the first read, and ranges are cut from it.
 */
class WorkspaceFileSource implements ArraySource {
  readonly ranged = false;
  private whole?: Promise<Uint8Array>;

  constructor(
    readonly name: string,
    private readonly uri: vscode.Uri,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    this.whole ??= Promise.resolve(vscode.workspace.fs.readFile(this.uri));
    return (await this.whole).subarray(offset, offset + length);
  }
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The file name less its extension: `0000` of `0000.npy`. */
export function stem(uri: vscode.Uri): string {
  return baseName(uri).replace(/\.[^.]*$/, '');
}

/**
 * The array source of a `.npy` file: Node's ranged reads for `file:` URIs, vscode.workspace.fs
 * for every other scheme. A FIFO, a device or a socket is refused before anything is read
 * (a read would block). `stat`, where the caller has it, saves asking again.
 */
export async function openFileSource(uri: vscode.Uri, stat?: vscode.FileStat): Promise<ArraySource> {
  const { size, type } = stat ?? (await statFile(uri));
  if (!(type & vscode.FileType.File))
    throw new Error('it is not a regular file (a FIFO, device or socket, or a link to one)');
  const name = baseName(uri);
  return uri.scheme === 'file' ? new LocalFileSource(name, uri.fsPath, size) : new WorkspaceFileSource(name, uri, size);
}

/**
 * A file's type, size and times: Node's stat for `file:` URIs (VS Code's API costs a round
 * trip per call, which thousands of files feel), vscode.workspace.fs for every other scheme.
 */
export async function statFile(uri: vscode.Uri): Promise<vscode.FileStat> {
  if (uri.scheme !== 'file') return vscode.workspace.fs.stat(uri);
  const s = await stat(uri.fsPath);
  const type = s.isFile()
    ? vscode.FileType.File
    : s.isDirectory()
      ? vscode.FileType.Directory
      : vscode.FileType.Unknown;
  return { type, size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
}

/** Arrays above the setting mrnet.largeFileThresholdMB are read slice by slice where they can be. */
export function largeArrayBytes(): number {
  return vscode.workspace.getConfiguration('mrnet').get<number>('largeFileThresholdMB', 256) * 2 ** 20;
}
