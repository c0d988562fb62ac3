import * as vscode from 'vscode';
import { parseNpyHeader } from '../core/npy/header';
import { HostMessage, parseWebviewMessage } from '../core/protocol';
import { loadWebview } from '../webviewContent';

export const NPY_EDITOR_VIEW_TYPE = 'mrnetViewer.npy';

/** The read-only custom editor for .npy files. */
export class NpyEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const fileName = baseName(document.uri);
    loadWebview(panel.webview, this.extensionUri, 'npy', fileName);
    // The webview asks when it is ready, and again after it was hidden and reloaded; the file
    // is read each time rather than kept, so a closed or hidden editor holds no voxel data.
    const subscription = panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) {
        this.log.warn(`Ignored a malformed message from the editor of ${document.uri.toString()}`);
        return;
      }
      const reply = await readArray(document.uri, fileName);
      if (reply.type === 'showError') this.log.info(`${document.uri.toString()}: ${reply.message}`);
      await panel.webview.postMessage(reply);
    });
    panel.onDidDispose(() => subscription.dispose());
  }
}

/** Reads a .npy file and checks its header: the message that shows it, or its error. */
export async function readArray(uri: vscode.Uri, fileName: string): Promise<HostMessage> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const header = parseNpyHeader(bytes, bytes.length);
    // slice() copies: the array readFile returns can sit on a larger shared buffer.
    const data = bytes.slice(header.dataOffset).buffer;
    return { type: 'showArray', fileName, header, data };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { type: 'showError', fileName, message };
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
