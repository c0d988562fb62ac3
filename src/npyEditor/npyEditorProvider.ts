import * as vscode from 'vscode';
import { HostMessage, parseWebviewMessage } from '../core/protocol';
import { DatasetRegistry, caseInfo } from '../dataset/datasetRegistry';
import { baseName, readArray } from '../dataset/readArray';
import { SlicedFiles } from '../dataset/slicedFiles';
import { CaseViewer } from '../caseViewer/caseViewerPanel';
import { loadWebview } from '../webviewContent';

export const NPY_EDITOR_VIEW_TYPE = 'mrnetViewer.npy';

/** The read-only custom editor for .npy files. */
export class NpyEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: DatasetRegistry,
    private readonly caseViewer: CaseViewer,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    loadWebview(panel.webview, this.extensionUri, 'npy', baseName(document.uri));
    const sliced = new SlicedFiles(this.log);
    // The webview asks when it is ready, and again after it was hidden and reloaded; the file
    // is read each time rather than kept, so a closed or hidden editor holds no voxel data.
    const subscription = panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      const message = parseWebviewMessage(raw);
      if (!message) {
        this.log.warn(`Refused a malformed message from the editor of ${document.uri.toString()}`);
        return;
      }
      if (message.type === 'ready') {
        // The file is read while the datasets are indexed; only its case needs the index.
        const [array] = await Promise.all([readArray(document.uri), this.registry.ready()]);
        if ('error' in array) this.log.info(`${document.uri.toString()}: ${array.error}`);
        sliced.shown('', document.uri, array);
        const ref = this.registry.caseOfFile(document.uri);
        const reply: HostMessage = { type: 'showArray', array, caseInfo: ref && caseInfo(ref) };
        await panel.webview.postMessage(reply);
      } else if (message.type === 'readSlice' && message.plane === undefined) {
        await sliced.serve('', message.index, (reply) => panel.webview.postMessage(reply));
      } else if (message.type === 'openCase') {
        // Whatever the webview says, only the case this file belongs to is opened.
        const ref = this.registry.caseOfFile(document.uri);
        if (ref) await this.caseViewer.openCase(ref);
        else this.log.warn(`Refused to open a case: ${document.uri.toString()} belongs to no dataset`);
      } else this.log.warn(`Refused a message the .npy editor does not send: ${message.type}`);
    });
    const disposal = panel.onDidDispose(() => {
      subscription.dispose();
      disposal.dispose();
    });
  }
}
