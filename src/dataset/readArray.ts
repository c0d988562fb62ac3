import * as vscode from 'vscode';
import { parseNpyHeader } from '../core/npy/header';
import { ArrayContent } from '../core/protocol';

/** Reads a .npy file and checks its header: its content for a viewer, or why it cannot be shown. */
export async function readArray(uri: vscode.Uri): Promise<ArrayContent> {
  const fileName = baseName(uri);
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const header = parseNpyHeader(bytes, bytes.length);
    // Copy exactly the data: readFile can return a Node Buffer, whose slice() is a view on a
    // larger shared buffer (header and all), not a copy.
    const data = new Uint8Array(header.dataBytes);
    data.set(bytes.subarray(header.dataOffset, header.dataOffset + header.dataBytes));
    return { fileName, header, data: data.buffer };
  } catch (e) {
    return { fileName, error: e instanceof Error ? e.message : String(e) };
  }
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
