import * as vscode from 'vscode';
import { parseNpyHeader } from '../core/npy/header';
import { ArrayContent } from '../core/protocol';

/** Reads a .npy file and checks its header: its content for a viewer, or why it cannot be shown. */
export async function readArray(uri: vscode.Uri): Promise<ArrayContent> {
  const fileName = baseName(uri);
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const header = parseNpyHeader(bytes, bytes.length);
    // slice() copies: the array readFile returns can sit on a larger shared buffer.
    return { fileName, header, data: bytes.slice(header.dataOffset).buffer };
  } catch (e) {
    return { fileName, error: e instanceof Error ? e.message : String(e) };
  }
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
