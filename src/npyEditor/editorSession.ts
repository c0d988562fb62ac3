import * as vscode from 'vscode';
import { HostMessage, ViewDefaults, WebviewMessage } from '../shared/protocol';
import { NOT_TAKEN, arrayChannel, notTaken } from '../webviews/webviewChannel';
import { MessageHandlers } from '../shared/messageHandlers';
import { SliceFirstFiles } from '../arrays/sliceFirstFiles';
import { ExportTarget, SliceExporter } from '../export/sliceExport';
import { ViewDefaultsStore } from '../settings/viewDefaults';
import { AddedOverlays } from '../overlays/addedOverlays';
import { WebviewView } from '../shared/webviewHtml';

/** What an array editor's message handlers work with. */
export interface EditorSession {
  /** The array shown, while it is read slice by slice. */
  sliced: SliceFirstFiles;
  post: (message: HostMessage) => Thenable<boolean>;
  /** How a new view of this editor starts. */
  defaults: () => ViewDefaults;
}

/** The messages the `.npy` and `.npz` editors each take their own way. */
type EditorHandlers = Pick<MessageHandlers<WebviewMessage>, 'ready' | 'openCase' | 'openMember'>;

/**
 * What the `.npy` and `.npz` editors share, on one webview channel: slices are served from
 * the array shown, a contrast preset chosen is remembered for the editor's kind of file, an
 * overlay added and the axes chosen are remembered for the file shown, slices are exported,
 * and all of it ends with the panel. `handlers` take the rest.
 */
export function startEditorSession(
  panel: vscode.WebviewPanel,
  document: vscode.Uri,
  log: vscode.LogOutputChannel,
  views: { store: ViewDefaultsStore; kind: WebviewView; overlays: AddedOverlays; planeFile: () => string | undefined },
  exports: { exporter: SliceExporter; target: Omit<ExportTarget, 'channel'> },
  handlers: (session: EditorSession) => EditorHandlers,
): void {
  const channel = arrayChannel(panel, log, `the editor of ${document.toString()}`);
  const session: EditorSession = {
    sliced: new SliceFirstFiles(log),
    post: (message) => channel.post(message),
    defaults: () => views.store.get(views.kind),
  };
  views.store.watch(channel, views.kind);
  const target: ExportTarget = { channel, ...exports.target };
  channel.own(exports.exporter.register(target));
  channel.own({ dispose: () => session.sliced.clear() });
  channel.listen({
    ...handlers(session),
    ...exports.exporter.handlers(target),
    readSlice: (message) =>
      message.plane === undefined ? session.sliced.serve('', message.index, session.post, message.id) : NOT_TAKEN,
    readRegion: (message) => session.sliced.serveRegion('', message.region, session.post, message.id),
    rememberPreset: (message) => views.store.remember(views.kind, message.preset),
    rememberView: async (message) => {
      const file = views.planeFile();
      if (file !== undefined) await views.store.rememberView(file, message.view);
    },
    addOverlay: async (message) => {
      if (message.plane !== undefined) return NOT_TAKEN;
      const file = views.planeFile();
      const overlay = file === undefined ? undefined : await views.overlays.pick(file);
      if (overlay) await session.post({ type: 'addedOverlay', overlay });
    },
    navigate: notTaken,
  });
}
