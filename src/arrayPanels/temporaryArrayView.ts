import * as vscode from 'vscode';
import { notTaken } from '../webviews/webviewChannel';
import { EditorSession, startEditorSession } from '../npyEditor/editorSession';
import { loadWebview } from '../webviews/webviewContent';
import { readArray } from '../arrays/readArray';
import { ArrayContent } from '../shared/protocol';
import { safeFileName } from '../export/sliceExport';
import { ViewerServices } from './viewerServices';
import type { TemporaryFolder } from './temporaryFolder';

// Named when only the debugger opened such views; kept, as VS Code remembers panels by it.
const TEMPORARY_ARRAY_VIEW_TYPE = 'mrnetViewer.debugArray';

/** An array written into a temporary folder, and what the viewer says of it (a preview's stride). */
export interface TemporaryFile {
  uri: vscode.Uri;
  note?: string;
}

/** What a temporary array view shows: the array's file, or why there is none. */
export type ArrayShown = { file: TemporaryFile } | { error: string };

/**
 * The `.npy` viewer, everything it has, on an array that is in no file of the user's (an
 * expression of a debugged program, a notebook output's): the page of the `.npy` editor in a
 * panel of its own, on the file written for it into a temporary folder. Each file shown
 * replaces the one before in the same view (its state, kept under `key`, stays).
 */
export class TemporaryArrayView {
  readonly panel: vscode.WebviewPanel;
  private shown?: ArrayShown;
  /** Set once the page asked: what is shown before that goes when it asks. */
  private session?: EditorSession;
  private ready = false;

  /** `name`: what the array is called (an expression); `key`: what its view and overlays are remembered under. */
  constructor(
    private readonly services: ViewerServices,
    private readonly name: string,
    title: string,
    private readonly folder: TemporaryFolder,
    private readonly key: string,
  ) {
    this.panel = vscode.window.createWebviewPanel(TEMPORARY_ARRAY_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableFindWidget: false,
    });
    this.panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'mrnet.svg');
    loadWebview(this.panel.webview, services.extensionUri, 'npy', title);
    // Overlays added and axes chosen are remembered under the key, across the files shown and sessions.
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
          stemOf: () => safeFileName(name),
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

  /** Shows a file (or why there is none) under `title`; the file shown before is removed. */
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
    if ('error' in shown) content = { kind: 'error', fileName: this.name, error: shown.error };
    else {
      const read = await readArray(shown.file.uri);
      ({ source } = read);
      // Named after the array: the page keeps its view (slice, zoom, contrast) by that name.
      content = { ...read.content, fileName: this.name };
    }
    if (this.shown !== shown) return; // a newer file meanwhile
    session.sliced.shown('', source, content);
    const { key } = this;
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
