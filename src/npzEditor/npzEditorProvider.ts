import * as vscode from 'vscode';
import { notTaken } from '../webviews/webviewChannel';
import { SLICE_FIRST_ABOVE, readContent } from '../core/arraySource';
import { NpzMember } from '../shared/protocol';
import { NpzArchive, firstMember, openNpz } from '../arrays/npzArchive';
import { baseName, largeArrayBytes, openFileSource, stem } from '../arrays/openSource';
import { SliceExporter } from '../export/sliceExport';
import { EditorSession, startEditorSession } from '../npyEditor/editorSession';
import { loadWebview } from '../webviews/webviewContent';
import { ViewDefaultsStore } from '../settings/viewDefaults';
import { AddedOverlays } from '../overlays/addedOverlays';
import { errorMessage } from '../shared/errorMessage';

export const NPZ_EDITOR_VIEW_TYPE = 'mrnetViewer.npz';

/**
 * The read-only custom editor for `.npz` archives: the member list, and the selected member
 * in the same viewer as a `.npy`, in the same editor.
 */
export class NpzEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly exporter: SliceExporter,
    private readonly defaults: ViewDefaultsStore,
    private readonly overlays: AddedOverlays,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const fileName = baseName(document.uri);
    loadWebview(panel.webview, this.extensionUri, 'npz', fileName);
    /** The archive's directory, read when the webview is ready; members are read when shown. */
    let archive: NpzArchive | undefined;
    /** The member shown: what an export's expression names. */
    let shown: string | undefined;
    const exports = {
      exporter: this.exporter,
      target: {
        fileOf: (plane?: string) =>
          plane === undefined && shown !== undefined ? { uri: document.uri, member: shown } : undefined,
        stemOf: () => `${stem(document.uri)}_${(shown ?? '').replace(/\.npy$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_')}`,
      },
    };
    const showMember = async (member: NpzMember, session: EditorSession) => {
      shown = member.name;
      await this.showMember(document.uri, archive!, member, session);
    };
    startEditorSession(
      panel,
      document.uri,
      this.log,
      {
        store: this.defaults,
        kind: 'npz',
        overlays: this.overlays,
        planeFile: () => (shown === undefined ? undefined : memberFile(document.uri, shown)),
      },
      exports,
      (session) => ({
        ready: async () => {
          try {
            archive = await openNpz(await openFileSource(document.uri));
          } catch (e) {
            const error = errorMessage(e);
            this.log.info(`${document.uri.toString()}: ${error}`);
            await session.post({ type: 'showArchive', fileName, members: [], error });
            return;
          }
          await session.post({ type: 'showArchive', fileName, members: archive.members });
          const first = firstMember(archive.members);
          if (first) await showMember(first, session);
        },
        openMember: async (message) => {
          const member = archive?.members.find((m) => m.name === message.name);
          if (archive && member) await showMember(member, session);
          else
            this.log.warn(`Refused to open member '${message.name.slice(0, 200)}': not in ${document.uri.toString()}`);
        },
        openCase: notTaken,
      }),
    );
  }

  /** Reads a member (whole, or slice by slice when large and stored in a local archive) and shows it. */
  private async showMember(
    uri: vscode.Uri,
    archive: NpzArchive,
    member: NpzMember,
    session: EditorSession,
  ): Promise<void> {
    const source = archive.open(member.name)!;
    const array = member.problem
      ? ({ kind: 'error', fileName: source.name, error: member.problem } as const)
      : await readContent(source, largeArrayBytes(), SLICE_FIRST_ABOVE);
    if (array.kind === 'error') this.log.info(`${array.fileName}: ${array.error}`);
    session.sliced.shown('', source, array);
    await session.post({
      type: 'showArray',
      array,
      member: member.name,
      defaults: session.defaults(),
      overlays: await this.overlays.read(memberFile(uri, member.name)),
      view: this.defaults.viewOf(memberFile(uri, member.name)),
    });
    void session.sliced.follow('', session.post);
  }
}

/** How a member is named as a plane file that overlays are added to. */
function memberFile(archive: vscode.Uri, member: string): string {
  return `${archive.toString()}#${encodeURIComponent(member)}`;
}
