import * as vscode from 'vscode';
import { notTaken } from '../webviews/webviewChannel';
import { DatasetRegistry, caseInfo } from '../dataset/datasetRegistry';
import { baseName, stem } from '../arrays/openSource';
import { SliceExporter } from '../export/sliceExport';
import { readArray } from '../arrays/readArray';
import { startEditorSession } from './editorSession';
import { CaseViewer } from '../caseViewer/caseViewerPanel';
import { loadWebview } from '../webviews/webviewContent';
import { ViewDefaultsStore } from '../settings/viewDefaults';
import { AddedOverlays } from '../overlays/addedOverlays';

export const NPY_EDITOR_VIEW_TYPE = 'mrnetViewer.npy';

/** The read-only custom editor for .npy files. */
export class NpyEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: DatasetRegistry,
    private readonly caseViewer: CaseViewer,
    private readonly log: vscode.LogOutputChannel,
    private readonly exporter: SliceExporter,
    private readonly defaults: ViewDefaultsStore,
    private readonly overlays: AddedOverlays,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    loadWebview(panel.webview, this.extensionUri, 'npy', baseName(document.uri));
    // The webview asks when it is ready, and again after it was hidden and reloaded; the file
    // is read each time rather than kept, so a closed or hidden editor holds no voxel data.
    const exports = {
      exporter: this.exporter,
      target: {
        fileOf: (plane?: string) => (plane === undefined ? { uri: document.uri } : undefined),
        stemOf: () => stem(document.uri),
      },
    };
    startEditorSession(
      panel,
      document.uri,
      this.log,
      { store: this.defaults, kind: 'npy', overlays: this.overlays, planeFile: () => document.uri.toString() },
      exports,
      ({ sliced, post, defaults }) => ({
        ready: async () => {
          // The file is read while the datasets are indexed; only its case needs the index.
          const [{ content: array, source }] = await Promise.all([readArray(document.uri), this.registry.ready()]);
          if (array.kind === 'error') this.log.info(`${document.uri.toString()}: ${array.error}`);
          sliced.shown('', source, array);
          const ref = this.registry.caseOfFile(document.uri);
          await post({
            type: 'showArray',
            array,
            caseInfo: ref && caseInfo(ref),
            defaults: defaults(),
            overlays: await this.overlays.read(document.uri.toString()),
            view: this.defaults.viewOf(document.uri.toString()),
          });
          void sliced.follow('', post);
        },
        openCase: async () => {
          // Whatever the webview says, only the case this file belongs to is opened.
          const ref = this.registry.caseOfFile(document.uri);
          if (ref) await this.caseViewer.openCase(ref);
          else this.log.warn(`Refused to open a case: ${document.uri.toString()} belongs to no dataset`);
        },
        openMember: notTaken,
      }),
    );
  }
}
