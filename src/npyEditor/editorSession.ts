import * as vscode from 'vscode';
import { HostMessage, ViewDefaults, WebviewMessage, parseWebviewMessage } from '../shared/protocol';
import { SlicedFiles } from '../arrays/slicedFiles';
import { ExportTarget, SliceExporter } from '../export/sliceExport';
import { ViewDefaultsStore } from '../settings/viewDefaults';
import { AddedOverlays } from '../overlays/addedOverlays';
import { WebviewView } from '../core/webviewHtml';

/** What an array editor's message handler works with. */
export interface EditorSession {
  /** The array shown, while it is read slice by slice. */
  sliced: SlicedFiles;
  post: (message: HostMessage) => Thenable<boolean>;
  /** How a new view of this editor starts. */
  defaults: () => ViewDefaults;
}

/**
 * What the `.npy` and `.npz` editors share: every message from the webview is checked
 * against the protocol (anything else is refused and logged), slices are served from the
 * array shown, a contrast preset chosen is remembered for the editor's kind of file, an
 * overlay added and the axes chosen are remembered for the file shown, and the subscriptions end with the panel. `handle` gets every other message;
 * it returns false for one its editor does not take.
 */
export function startEditorSession(
  panel: vscode.WebviewPanel,
  document: vscode.Uri,
  log: vscode.LogOutputChannel,
  views: { store: ViewDefaultsStore; kind: WebviewView; overlays: AddedOverlays; planeFile: () => string | undefined },
  exports: { exporter: SliceExporter; target: Omit<ExportTarget, 'panel'> },
  handle: (message: WebviewMessage, session: EditorSession) => Promise<boolean>,
): void {
  const session: EditorSession = {
    sliced: new SlicedFiles(log),
    post: (message) => panel.webview.postMessage(message),
    defaults: () => views.store.get(views.kind),
  };
  views.store.watch(panel, views.kind);
  const target: ExportTarget = { panel, ...exports.target };
  const registration = exports.exporter.register(target);
  const subscription = panel.webview.onDidReceiveMessage(async (raw: unknown) => {
    const message = parseWebviewMessage(raw);
    if (!message) log.warn(`Refused a malformed message from the editor of ${document.toString()}`);
    else if (message.type === 'readSlice' && message.plane === undefined)
      await session.sliced.serve('', message.index, session.post);
    else if (message.type === 'readRegion') await session.sliced.serveRegion('', message.region, session.post);
    else if (message.type === 'rememberPreset') await views.store.remember(views.kind, message.preset);
    else if (message.type === 'rememberView') {
      const file = views.planeFile();
      if (file !== undefined) await views.store.rememberView(file, message.view);
    } else if (message.type === 'addOverlay' && message.plane === undefined) {
      const file = views.planeFile();
      const overlay = file === undefined ? undefined : await views.overlays.pick(file);
      if (overlay) await session.post({ type: 'addedOverlay', overlay });
    } else if (await exports.exporter.receive(target, message)) return;
    else if (!(await handle(message, session)))
      log.warn(`Refused a message this editor does not send: ${message.type}`);
  });
  const disposal = panel.onDidDispose(() => {
    session.sliced.clear();
    subscription.dispose();
    registration.dispose();
    disposal.dispose();
  });
}
