import * as vscode from 'vscode';
import { open } from 'node:fs/promises';
import { npyReads } from './npyReads';
import { NPY_PREFIX_BYTES, NpyHeader, npyHeaderLength, parseNpyHeader } from '../core/npy/header';

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
  const handle = await open(uri.fsPath, 'r');
  try {
    const { size } = await handle.stat();
    let head = await readAt(handle, 0, Math.min(FIRST_READ, size));
    if (head.length >= NPY_PREFIX_BYTES || head.length === size) {
      const length = npyHeaderLength(head);
      if (length > head.length && length <= size) head = await readAt(handle, 0, length);
    }
    return parseNpyHeader(head, size);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  npyReads.bytes += bytesRead;
  return buffer.subarray(0, bytesRead);
}
