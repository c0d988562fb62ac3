import * as vscode from 'vscode';
import { NpyHeader, parseNpyHeader } from '../core/npy/header';
import { middleSlice, sampleSlices, sampledStats, sliceByteRange, streamAxis } from '../core/npy/streaming';
import { ArrayContent } from '../core/protocol';
import { formatBytes } from '../core/format';
import { readNpyHeader } from './npyHeaderReader';
import { npyReads, readRange } from './rangedRead';

/** Above this, file systems without ranged reads refuse the file rather than read it whole. */
const WHOLE_READ_LIMIT = 2 ** 31;

/**
 * Reads a .npy file for a viewer. Files up to the setting mrnet.largeFileThresholdMB are read
 * whole; larger 3-D arrays on `file:` URIs are read slice by slice (the header and a sample of
 * slices now, the rest on request). Never throws: a file that cannot be shown comes back with
 * its reason; a FIFO or a device is never read (it would block).
 */
export async function readArray(uri: vscode.Uri): Promise<ArrayContent> {
  const fileName = baseName(uri);
  try {
    const { size, type } = await vscode.workspace.fs.stat(uri);
    if (!(type & vscode.FileType.File)) return { fileName, error: 'it is not a regular file (a FIFO, device or socket, or a link to one)' };
    const streamAbove = vscode.workspace.getConfiguration('mrnet').get<number>('largeFileThresholdMB', 256) * 2 ** 20;
    if (size > streamAbove) {
      const header = uri.scheme === 'file' ? await readNpyHeader(uri) : undefined;
      const axis = header && streamAxis(header);
      if (header && axis !== undefined) {
        // Statistics are made here from a sample of slices; only the slice shown first is sent.
        const n = header.shape[axis];
        const indices = sampleSlices(n);
        const slices = await Promise.all(indices.map((index) => readSlice(uri, header, index)));
        const stats = sampledStats(header, slices.map((s) => new Uint8Array(s)));
        const first = { index: middleSlice(n), data: slices[indices.indexOf(middleSlice(n))] };
        return { fileName, header, sampled: { stats, slices: indices.length, first } };
      }
      if (size > WHOLE_READ_LIMIT) {
        const why = uri.scheme === 'file' ? 'only 3-D arrays are read slice by slice' : `${uri.scheme}: files can only be read whole`;
        return { fileName, error: `the file is ${formatBytes(size)}, too large to read whole (limit ${formatBytes(WHOLE_READ_LIMIT)}), and ${why}` };
      }
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    npyReads.bytes += bytes.length;
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

/** The bytes of one slice of a file read slice by slice (a ranged read). */
export async function readSlice(uri: vscode.Uri, header: NpyHeader, index: number): Promise<ArrayBuffer> {
  const { offset, length } = sliceByteRange(header, index);
  const bytes = await readRange(uri.fsPath, offset, length);
  if (bytes.length < length) throw new Error(`the file ended inside slice ${index}`);
  return bytes.buffer as ArrayBuffer;
}

export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
