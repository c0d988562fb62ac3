import * as vscode from 'vscode';
import { ArraySource, readContent, readHeader } from '../core/arraySource';
import { NpyHeader } from '../shared/npy/header';
import { ArrayContent } from '../shared/protocol';
import { baseName, largeArrayBytes, openFileSource } from './openSource';

/** A `.npy` file for a viewer, and the source its slices are read from later; never throws. */
export async function readArray(uri: vscode.Uri): Promise<{ content: ArrayContent; source?: ArraySource }> {
  let source: ArraySource;
  try {
    source = await openFileSource(uri);
  } catch (e) {
    return { content: { fileName: baseName(uri), error: e instanceof Error ? e.message : String(e) } };
  }
  return { content: await readContent(source, largeArrayBytes()), source };
}

/** The checked header of a `.npy` file, reading no voxel data where the file system allows. */
export async function readFileHeader(uri: vscode.Uri): Promise<NpyHeader> {
  return readHeader(await openFileSource(uri));
}
