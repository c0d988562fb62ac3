import * as vscode from 'vscode';
import { ArraySource, SLICE_FIRST_ABOVE, readContent, readHeader } from '../core/arraySource';
import { NpyHeader } from '../shared/npy/header';
import { ArrayContent } from '../shared/protocol';
import { baseName, largeArrayBytes, openFileSource } from './openSource';
import { openNpz } from './npzArchive';
import { errorMessage } from '../shared/errorMessage';

/**
 * A `.npy` file for a viewer, and the source its slices are read from later; a 3-D array above
 * `sliceFirstAbove` bytes comes slice first (see readContent). Never throws.
 */
export async function readArray(
  uri: vscode.Uri,
  sliceFirstAbove = SLICE_FIRST_ABOVE,
): Promise<{ content: ArrayContent; source?: ArraySource }> {
  let source: ArraySource;
  try {
    source = await openFileSource(uri);
  } catch (e) {
    return { content: { kind: 'error', fileName: baseName(uri), error: errorMessage(e) } };
  }
  return { content: await readContent(source, largeArrayBytes(), sliceFirstAbove), source };
}

/** The checked header of a `.npy` file, reading no voxel data where the file system allows. */
export async function readFileHeader(uri: vscode.Uri): Promise<NpyHeader> {
  return readHeader(await openFileSource(uri));
}

/**
 * An overlay's array, read whole: a `.npy` file, or member `member` of an `.npz`; one too
 * large to read whole, or a member the archive does not hold, comes back as its error.
 */
export async function readOverlay(name: string, uri: vscode.Uri, member?: string): Promise<ArrayContent> {
  const fileName = member === undefined ? baseName(uri) : `${baseName(uri)}: ${member}`;
  try {
    let source = await openFileSource(uri);
    if (member !== undefined) {
      const opened = (await openNpz(source)).open(member);
      if (!opened) return { kind: 'error', fileName, error: `the archive holds no member ${member}` };
      source = opened;
    }
    const content = await readContent(source, largeArrayBytes());
    return content.kind === 'sliceFirst' || content.kind === 'overview'
      ? {
          kind: 'error',
          fileName,
          error: `the ${name} overlay is larger than mrnet.largeFileThresholdMB and overlays are read whole`,
        }
      : content;
  } catch (e) {
    return { kind: 'error', fileName, error: errorMessage(e) };
  }
}
