import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { NpyHeader, npyHeaderLength, parseNpyHeader } from '../core/npy/header';
import { npyReads, readRange } from './rangedRead';

/** Bytes read first: enough for any header NumPy writes for arrays of up to a few hundred axes. */
const FIRST_READ = 4096;

/**
 * The checked header of a .npy file, reading no voxel data where the file system allows:
 * `file:` URIs are read from the start only as far as the header; other schemes (remote,
 * virtual) have no ranged read in VS Code's API and are read whole.
 */
export async function readNpyHeader(uri: vscode.Uri): Promise<NpyHeader> {
  if (uri.scheme !== 'file') {
    const bytes = await vscode.workspace.fs.readFile(uri);
    npyReads.bytes += bytes.length;
    return parseNpyHeader(bytes, bytes.length);
  }
  const { size } = await stat(uri.fsPath);
  let head = await readRange(uri.fsPath, 0, Math.min(FIRST_READ, size));
  const length = npyHeaderLength(head);
  if (length > head.length && length <= size) head = await readRange(uri.fsPath, 0, length);
  return parseNpyHeader(head, size);
}
