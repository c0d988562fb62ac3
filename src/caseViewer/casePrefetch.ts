import * as vscode from 'vscode';
import { ArraySource } from '../core/arraySource';
import { readArray, readOverlay } from '../arrays/readArray';
import { statFile } from '../arrays/openSource';
import { AddedOverlays } from '../overlays/addedOverlays';
import { HeldCases, holdable } from '../shared/heldCases';
import { ArrayContent, CasePlane, HostMessage, OverlayContent } from '../shared/protocol';
import type { ViewerCase } from './viewerCase';
import { ArrayView, alongFirstAxis } from '../shared/npy/planeSource';

/** The axes chosen for a file in its editor, which the case viewer follows. */
type ViewOf = (file: string) => ArrayView | undefined;

/** A case's planes as read for a webview; `stamp` says which versions of its files they are. */
interface ReadCase {
  planes: {
    plane: string;
    content: ArrayContent;
    source?: ArraySource;
    overlays: OverlayContent[];
    view?: ArrayView;
  }[];
  stamp: string;
}

/** Every file a case's view is read from: its planes, their overlays, the overlays added to them. */
function filesOf(c: ViewerCase, added: AddedOverlays): vscode.Uri[] {
  return c.planes.flatMap(({ uri, overlays }) => [
    ...(uri ? [uri, ...added.of(uri.toString()).map((o) => vscode.Uri.parse(o.uri))] : []),
    ...(overlays ?? []).map((o) => o.uri),
  ]);
}

/**
 * The sizes and modification times of a case's files and the axes chosen for its planes: held
 * bytes are shown again only while they are unchanged.
 */
async function caseStamp(c: ViewerCase, added: AddedOverlays, viewOf: ViewOf): Promise<string> {
  const stats = await Promise.all(
    filesOf(c, added).map((uri) =>
      statFile(uri).then(
        (s) => `${s.size}:${s.mtime}`,
        () => 'missing',
      ),
    ),
  );
  return `${stats.join(' ')} ${JSON.stringify(c.planes.map(({ uri }) => uri && viewOf(uri.toString())))}`;
}

/**
 * Reads a case's plane files (a 3-D one above `sliceFirstAbove` bytes slice first) and their
 * overlays; undefined when `cancelled` says so between files.
 */
async function readCase(
  c: ViewerCase,
  added: AddedOverlays,
  viewOf: ViewOf,
  sliceFirstAbove: number,
  cancelled: () => boolean = () => false,
): Promise<ReadCase | undefined> {
  const stamp = await caseStamp(c, added, viewOf);
  const planes: ReadCase['planes'] = [];
  for (const { plane, uri, overlays, error } of c.planes) {
    if (cancelled()) return undefined;
    const view = uri && viewOf(uri.toString());
    // Slices sent first are axis 0's, as the file holds them: a plane viewed along another axis
    // is read whole, so that its first paint is already the view chosen.
    const { content, source } = uri
      ? await readArray(uri, !view || alongFirstAxis(view) ? sliceFirstAbove : Infinity)
      : {
          content: {
            kind: 'error' as const,
            fileName: `${c.info.id}.npy`,
            error: error ?? `case ${c.info.id} has no ${plane} file`,
          },
          source: undefined,
        };
    planes.push({
      plane,
      content,
      source,
      overlays: [
        ...(await Promise.all(
          (overlays ?? []).map(async (o) => ({ name: o.name, array: await readOverlay(o.name, o.uri, o.member) })),
        )),
        ...(uri ? await added.read(uri.toString()) : []),
      ],
      view,
    });
  }
  return { planes, stamp };
}

/** The planes of a case read, as messages carry them. */
export function casePlanes(read: ReadCase): CasePlane[] {
  return read.planes.map(({ plane, content, overlays, view }) => ({
    plane,
    array: content,
    overlays,
    ...(view && { view }),
  }));
}

/**
 * Reading ahead for one case viewer panel: once a case is shown (and what follows its first
 * slices is sent), its next and previous cases in the tree's order and filter are read whole,
 * one after the other, and posted plane by plane for the webview to hold; Next or Previous
 * then shows a held case at once, and the host sends only which one it is. A case asked for
 * stops all reading ahead, which then never delays it by more than one plane's message; a read
 * ahead of a case that stops being a neighbour is dropped and never posted.
 */
export class CasePrefetch {
  /** What the webview holds, by the same rule it applies: key to the stamp of the bytes it has. */
  readonly held = new HeldCases<string>();
  /** Changes whenever reading ahead must stop: a case is asked for, or the page was reloaded. */
  private generation = 0;
  /** Reading ahead runs one round at a time, each after the one before. */
  private rounds: Promise<void> = Promise.resolve();

  constructor(
    private readonly added: AddedOverlays,
    private readonly viewOf: ViewOf,
    private readonly post: (message: HostMessage) => Thenable<boolean>,
  ) {}

  /** What to show for a case: 'held' when the webview holds it unchanged; else its planes, slice first. Reading ahead stops. */
  async planesOf(key: string | undefined, viewerCase: ViewerCase): Promise<ReadCase | 'held'> {
    this.generation++;
    const heldStamp = key === undefined ? undefined : this.held.get(key);
    if (heldStamp !== undefined && heldStamp === (await caseStamp(viewerCase, this.added, this.viewOf))) return 'held';
    return (await readCase(viewerCase, this.added, this.viewOf, 0))!;
  }

  /** The case shown has these neighbours: once `after` settles, reads those the webview lacks, next first. */
  readAhead(neighbours: { key: string; viewerCase: ViewerCase }[], after: Promise<unknown>): void {
    const generation = ++this.generation;
    const keep = neighbours.map((n) => n.key);
    this.rounds = this.rounds
      .then(() => after)
      .then(() => this.round(generation, neighbours, keep))
      // A failed round costs the page only its speed; the next one starts afresh.
      .catch(() => undefined);
  }

  /** The webview was reloaded: it holds nothing. */
  forget(): void {
    this.held.clear();
    this.generation++;
  }

  private async round(
    generation: number,
    neighbours: { key: string; viewerCase: ViewerCase }[],
    keep: string[],
  ): Promise<void> {
    const wanted = () => generation === this.generation;
    for (const { key, viewerCase } of neighbours) {
      if (!wanted()) return;
      if (this.held.get(key) !== undefined) continue;
      const read = await readCase(viewerCase, this.added, this.viewOf, Infinity, () => !wanted());
      const planes = read && casePlanes(read);
      if (!read || !planes || !holdable(planes)) continue;
      for (const [part, plane] of planes.entries()) {
        if (!wanted()) return;
        // The host's record changes as the message leaves, so that both apply the same steps in the same order.
        if (part === planes.length - 1) this.held.hold(key, read.stamp, keep);
        await this.post({
          type: 'holdCase',
          key,
          keep,
          caseInfo: viewerCase.info,
          planes: [plane],
          part,
          parts: planes.length,
        });
      }
    }
  }
}
