import * as vscode from 'vscode';
import { NpyHeader } from '../core/npy/header';
import { sliceCount } from '../core/npy/streaming';
import { ArrayContent, HostMessage } from '../core/protocol';
import { baseName, readSlice } from './readArray';

/**
 * The files a webview shows slice by slice, by the pane they are in ('' for the .npy
 * editor's one file), and the slices it asks of them: the only reads a webview can cause, each
 * checked against a pane the host itself filled and the slice count of its file.
 */
export class SlicedFiles {
  private readonly files = new Map<string, { uri: vscode.Uri; header: NpyHeader }>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Records what a pane now shows: a file read slice by slice, or anything else. */
  shown(pane: string, uri: vscode.Uri | undefined, content: ArrayContent): void {
    if (uri && 'sampled' in content) this.files.set(pane, { uri, header: content.header });
    else this.files.delete(pane);
  }

  clear(): void {
    this.files.clear();
  }

  /** Reads a slice a webview asked for and posts it, or posts why it cannot be read. */
  async serve(pane: string, index: number, post: (message: HostMessage) => Thenable<boolean>): Promise<void> {
    const file = this.files.get(pane);
    if (!file || index >= sliceCount(file.header)) {
      this.log.warn(`Refused to read slice ${index}${pane ? ` of the ${pane} pane` : ''}: out of range or not read slice by slice`);
      return;
    }
    const plane = pane || undefined;
    try {
      const data = await readSlice(file.uri, file.header, index);
      // The pane may have moved on to another file while this one was read.
      if (this.files.get(pane) === file) await post({ type: 'slice', plane, index, data });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`${file.uri.toString()}: slice ${index}: ${message}`);
      await post({ type: 'sliceError', plane, index, message: `Cannot show slice ${index} of ${baseName(file.uri)}: ${message}` });
    }
  }
}
