import * as vscode from 'vscode';
import { openNpz } from '../arrays/npzArchive';
import { baseName, openFileSource, stem } from '../arrays/openSource';
import { readOverlay } from '../arrays/readArray';
import { OverlayContent } from '../shared/protocol';
import { errorMessage } from '../shared/errorMessage';

/** An overlay a user added to a plane file: a `.npy`, or a member of an `.npz`. */
interface AddedOverlay {
  name: string;
  uri: string;
  member?: string;
}

const KEY = 'mrnet.addedOverlays';

/**
 * "Add Overlay…": any `.npy` (or `.npz` member) drawn over a plane, remembered for that plane's
 * file in the workspace (workspaceState), so that it is there the next time the file or its
 * case is shown. Nothing is written anywhere else.
 */
export class AddedOverlays {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The overlays added to a plane file (a `.npy`, or `archive.npz#member`). */
  of(planeFile: string): AddedOverlay[] {
    const all = this.memento.get<[string, AddedOverlay[]][]>(KEY, []);
    return all.find(([file]) => file === planeFile)?.[1] ?? [];
  }

  /** Reads the overlays added to a plane file, for a viewer. */
  read(planeFile: string): Promise<OverlayContent[]> {
    return Promise.all(
      this.of(planeFile).map(async (o) => ({
        name: o.name,
        array: await readOverlay(o.name, vscode.Uri.parse(o.uri), o.member),
      })),
    );
  }

  /**
   * Asks for a `.npy` or `.npz` (and then which member), remembers it for `planeFile` and
   * returns it read; undefined when the user gave up.
   */
  async pick(planeFile: string): Promise<OverlayContent | undefined> {
    const [uri] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: 'Add Overlay',
        title: 'Add an overlay: a heatmap, a mask or per-slice scores',
        filters: { 'NumPy arrays': ['npy', 'npz'] },
      })) ?? [];
    if (!uri) return undefined;
    let member: string | undefined;
    if (uri.path.toLowerCase().endsWith('.npz')) {
      try {
        const archive = await openNpz(await openFileSource(uri));
        const picked = await vscode.window.showQuickPick(
          archive.members.map((m) => ({ label: m.name, description: m.problem ?? `${m.shape} ${m.dtype}` })),
          { title: `Which member of ${baseName(uri)}?`, placeHolder: 'The member to draw over this plane' },
        );
        if (!picked) return undefined;
        member = picked.label;
      } catch (e) {
        void vscode.window.showErrorMessage(`Cannot add ${baseName(uri)} as an overlay: ${errorMessage(e)}`);
        return undefined;
      }
    }
    const name = member === undefined ? stem(uri) : member.replace(/\.npy$/, '');
    const entry: AddedOverlay = { name, uri: uri.toString(), ...(member === undefined ? {} : { member }) };
    const all = this.memento.get<[string, AddedOverlay[]][]>(KEY, []).filter(([file]) => file !== planeFile);
    await this.memento.update(KEY, [
      ...all,
      [planeFile, [...this.of(planeFile).filter((o) => o.name !== name), entry]],
    ]);
    this.log.info(`Overlay ${name} (${entry.uri}${member ? `: ${member}` : ''}) added to ${planeFile}`);
    return { name, array: await readOverlay(name, uri, member) };
  }
}
