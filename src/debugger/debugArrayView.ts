import * as vscode from 'vscode';
import { notTaken } from '../webviews/webviewChannel';
import { EditorSession, startEditorSession } from '../npyEditor/editorSession';
import { loadWebview } from '../webviews/webviewContent';
import { readArray } from '../arrays/readArray';
import { ArrayContent } from '../shared/protocol';
import { safeFileName } from '../export/sliceExport';
import { ViewerServices } from './viewerServices';
import type { SnapshotFile } from './takeSnapshot';
import type { SnapshotFolder } from './snapshotFolder';

const DEBUG_ARRAY_VIEW_TYPE = 'mrnetViewer.debugArray';

/** What an array view of a debugged program shows: the array's file, or why there is none. */
export type ArrayShown = { file: SnapshotFile } | { error: string };

/**
 * The `.npy` viewer, everything it has, on an array of a debugged program: the page of the
 * `.npy` editor in a panel titled after the expression and its frame. Each snapshot replaces
 * the one before in the same view (its state, kept by the expression, stays).
 */
export class DebugArrayView {
  readonly panel: vscode.WebviewPanel;
  private shown?: ArrayShown;
  /** Set once the page asked: what is shown before that goes when it asks. */
  private session?: EditorSession;
  private ready = false;

  constructor(
    private readonly services: ViewerServices,
    private readonly expression: string,
    title: string,
    private readonly folder: SnapshotFolder,
  ) {
    this.panel = vscode.window.createWebviewPanel(DEBUG_ARRAY_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableFindWidget: false,
    });
    this.panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'mrnet.svg');
    loadWebview(this.panel.webview, services.extensionUri, 'npy', title);
    // Overlays added and axes chosen are remembered for the expression, across snapshots and sessions.
    const key = `mrnet-debug:${expression}`;
    startEditorSession(
      this.panel,
      vscode.Uri.parse(key),
      services.log,
      { store: services.defaults, kind: 'npy', overlays: services.overlays, planeFile: () => key },
      {
        exporter: services.exporter,
        target: {
          fileOf: (plane) =>
            plane === undefined && this.shown && 'file' in this.shown ? { uri: this.shown.file.uri } : undefined,
          stemOf: () => safeFileName(expression),
        },
      },
      (session) => {
        this.session = session;
        return {
          ready: () => {
            this.ready = true;
            return this.post();
          },
          openCase: notTaken,
          openMember: notTaken,
        };
      },
    );
  }

  /** Shows a snapshot (or why there is none) under `title`; the files of the one before are removed. */
  async show(shown: ArrayShown, title: string): Promise<void> {
    const before = this.shown;
    this.shown = shown;
    this.panel.title = title;
    if (this.ready) await this.post();
    if (before && 'file' in before) await this.folder.remove(before.file.uri.fsPath);
  }

  private async post(): Promise<void> {
    const { session, shown } = this;
    if (!session || !shown) return;
    let content: ArrayContent;
    let source;
    if ('error' in shown) content = { kind: 'error', fileName: this.expression, error: shown.error };
    else {
      const read = await readArray(shown.file.uri);
      ({ source } = read);
      // Named after the expression: the page keeps its view (slice, zoom, contrast) by that name.
      content = { ...read.content, fileName: this.expression };
    }
    if (this.shown !== shown) return; // a newer snapshot meanwhile
    session.sliced.shown('', source, content);
    const key = `mrnet-debug:${this.expression}`;
    await session.post({
      type: 'showArray',
      array: content,
      defaults: session.defaults(),
      overlays: await this.services.overlays.read(key),
      view: this.services.defaults.viewOf(key),
      ...('file' in shown && shown.file.note ? { note: shown.file.note } : {}),
    });
    void session.sliced.follow('', session.post);
  }
}
