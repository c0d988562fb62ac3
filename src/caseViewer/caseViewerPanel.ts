import * as vscode from 'vscode';
import { ArrayChannel, NOT_TAKEN, arrayChannel, notTaken } from '../webviews/webviewChannel';
import { Disposable, disposeAll } from '../shared/dispose';
import { CaseInfo, HostMessage } from '../shared/protocol';
import { MRNET_PLANES } from '../shared/datasetLayout';
import { CaseRef, DatasetRegistry, caseInfo, caseKey, planeUri } from '../dataset/datasetRegistry';
import { SliceFirstFiles } from '../arrays/sliceFirstFiles';
import { ExportTarget, SliceExporter } from '../export/sliceExport';
import { loadWebview } from '../webviews/webviewContent';
import { ViewDefaultsStore } from '../settings/viewDefaults';
import { AddedOverlays } from '../overlays/addedOverlays';
import { ModelReview } from '../predictions/modelReview';
import { CasePrefetch, casePlanes } from './casePrefetch';
import { holdable } from '../shared/heldCases';
import { CaseCollection, ViewerCase } from './viewerCase';

const CASE_VIEWER_VIEW_TYPE = 'mrnetViewer.case';

/** The cases next/previous walk through: the tree's order and filter. */
interface CaseOrder {
  /** Every case of the datasets in tree order, filter ignored. */
  allCases(): CaseRef[];
  /** The cases the tree shows. */
  visibleCases(): CaseRef[];
}

interface OpenPanel {
  panel: vscode.WebviewPanel;
  channel: ArrayChannel;
  current: ViewerCase;
  /** Plane files too large to read whole, read slice by slice as the panel asks. */
  sliced: SliceFirstFiles;
  /** The neighbours read ahead, and what the webview holds. */
  prefetch: CasePrefetch;
  /** A panel of its own (openApart): no other case is opened into it. */
  apart: boolean;
}

/** The three-plane case viewer panels. One panel is reused as the user walks through cases (setting mrnet.reuseCaseViewer). */
export class CaseViewer extends Disposable {
  private panels: OpenPanel[] = [];
  private readonly shown = this.own(new vscode.EventEmitter<CaseRef>());
  /** A dataset case was shown: the tree selects and reveals it. */
  readonly onDidShowCase = this.shown.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly registry: DatasetRegistry,
    private readonly order: CaseOrder,
    private readonly log: vscode.LogOutputChannel,
    private readonly exporter: SliceExporter,
    private readonly defaults: ViewDefaultsStore,
    private readonly added: AddedOverlays,
    private readonly review: ModelReview,
  ) {
    super();
    this.own({ dispose: () => disposeAll(this.panels.map((open) => open.panel)) });
    // Another model, task or threshold: each panel's badges say the new probabilities and outcomes.
    this.own(
      review.onDidChange(() => {
        for (const target of this.panels) {
          if (!target.current.ref) continue;
          target.current.info = this.infoOf(target.current.ref);
          void target.channel.post({ type: 'caseInfo', caseInfo: target.current.info });
        }
      }),
    );
  }

  /** A dataset case's labels, with every task's probability and outcome under the model chosen in the Cases view. */
  private infoOf(ref: CaseRef): CaseInfo {
    const info = caseInfo(ref);
    const model = this.review.model;
    if (!model) return info;
    return {
      ...info,
      model,
      labels: info.labels.map((l) => {
        const score = this.review.score(ref, l.task, model);
        return score ? { ...l, probability: score.probability, outcome: score.outcome, planes: score.planes } : l;
      }),
    };
  }

  /** Opens a dataset case: in `into` (the panel a request came from), else the reused panel or a new one. */
  openCase(ref: CaseRef, into?: OpenPanel): Promise<void> {
    return this.open(this.caseOf(ref), into);
  }

  /** A dataset case as the viewer shows it: its planes, each with the overlays found for it. */
  private caseOf(ref: CaseRef): ViewerCase {
    const planes = ref.dataset.index.planes.map((plane) => ({
      plane,
      uri: planeUri(ref, plane),
      // A per-case .npz (plane '') holds one member per plane: {plane}.npy.
      overlays: ref.case.overlays
        .filter((o) => o.plane === plane || o.plane === '')
        .map((o) => ({
          name: o.name,
          uri: vscode.Uri.joinPath(ref.dataset.uri, ...o.path.split('/')),
          member: o.plane === '' ? `${plane}.npy` : undefined,
        })),
    }));
    return { info: this.infoOf(ref), planes, ref };
  }

  async open(viewerCase: ViewerCase, into?: OpenPanel): Promise<void> {
    const reuse = vscode.workspace.getConfiguration('mrnet').get<boolean>('reuseCaseViewer', true);
    await this.show(viewerCase, into ?? (reuse ? this.reusablePanel() : undefined));
  }

  /**
   * Opens a case in a panel of its own, which no other case is opened into (a debugged
   * program's case); answers that panel, and how to show another case in it.
   */
  async openApart(viewerCase: ViewerCase): Promise<{ panel: vscode.WebviewPanel; show(c: ViewerCase): Promise<void> }> {
    const target = await this.show(viewerCase, undefined, true);
    return { panel: target.panel, show: (c) => this.show(c, target).then(() => undefined) };
  }

  private async show(viewerCase: ViewerCase, into: OpenPanel | undefined, apart = false): Promise<OpenPanel> {
    let target = into;
    if (!target) {
      const panel = vscode.window.createWebviewPanel(
        CASE_VIEWER_VIEW_TYPE,
        title(viewerCase),
        vscode.ViewColumn.Active,
        { enableFindWidget: false },
      );
      const channel = arrayChannel(panel, this.log, 'the case viewer');
      target = {
        panel,
        channel,
        apart,
        current: viewerCase,
        sliced: new SliceFirstFiles(this.log),
        prefetch: new CasePrefetch(
          this.added,
          (file) => this.defaults.viewOf(file),
          (message) => channel.post(message),
        ),
      };
      this.panels.push(target);
      this.attach(target);
    }
    target.current = viewerCase;
    target.panel.title = title(viewerCase);
    // Brought forward when it is not in front; one already in front keeps the focus where it is (a quick pick the user opened meanwhile stays open).
    if (!target.panel.active) target.panel.reveal(undefined, false);
    await this.send(target);
    // The tree follows once the case is on its way: revealing a row is no reason to wait.
    if (viewerCase.ref && target.current === viewerCase) this.shown.fire(viewerCase.ref);
    return target;
  }

  /** Moves a panel (the one that asked, else the active one) to the next or previous case in the tree's order and filter. */
  async navigate(direction: 'next' | 'previous', from?: OpenPanel): Promise<void> {
    const target = from ?? this.activePanel();
    const collection = target?.current.collection;
    if (target && collection) return this.step(target, collection, direction);
    const ref = target?.current.ref;
    if (!target || !ref) {
      void vscode.window.showInformationMessage('Open a case of a dataset first (MRNet: Open Case).');
      return;
    }
    const next = this.neighbour(ref, direction);
    if (!next) {
      void vscode.window.showInformationMessage(
        direction === 'next' ? 'This is the last case.' : 'This is the first case.',
      );
      return;
    }
    await this.openCase(next, target);
  }

  /** Moves a panel to the next or previous case of its collection (the keys of a dict in a debugged program). */
  private async step(target: OpenPanel, collection: CaseCollection, direction: 'next' | 'previous'): Promise<void> {
    const at = collection.ids.indexOf(target.current.info.id);
    const id = collection.ids[at + (direction === 'next' ? 1 : -1)];
    if (at < 0 || id === undefined) {
      void vscode.window.showInformationMessage(
        direction === 'next' ? 'This is the last case.' : 'This is the first case.',
      );
      return;
    }
    await this.show(await collection.read(id), target);
  }

  /** The case after (or before) `ref` among the visible ones, from its place in the full order. */
  private neighbour(ref: CaseRef, direction: 'next' | 'previous'): CaseRef | undefined {
    const all = this.order.allCases();
    const visible = new Set(this.order.visibleCases().map(caseKey));
    const step = direction === 'next' ? 1 : -1;
    for (let i = all.findIndex((c) => caseKey(c) === caseKey(ref)) + step; i >= 0 && i < all.length; i += step) {
      if (visible.has(caseKey(all[i]))) return all[i];
    }
    return undefined;
  }

  private activePanel(): OpenPanel | undefined {
    return this.panels.find((p) => p.panel.active) ?? this.reusablePanel();
  }

  /** The panel a case opened from the tree or a command goes into: the active one, else the last opened (never one apart). */
  private reusablePanel(): OpenPanel | undefined {
    const shared = this.panels.filter((p) => !p.apart);
    return shared.find((p) => p.panel.active) ?? shared[shared.length - 1];
  }

  private attach(target: OpenPanel): void {
    loadWebview(target.panel.webview, this.extensionUri, 'case', 'MRNet case');
    target.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'mrnet.svg');
    // A plane's slice leaves as that plane's file of the case shown, named after the case.
    const { channel } = target;
    const exportTarget: ExportTarget = {
      channel,
      fileOf: (plane) => {
        const entry = plane === undefined ? undefined : target.current.planes.find((p) => p.plane === plane);
        return entry?.uri && { uri: entry.uri };
      },
      stemOf: (plane) => `${target.current.info.id}_${plane ?? ''}`.replace(/[^\p{L}\p{N}_-]+/gu, '_'),
    };
    channel.own(this.exporter.register(exportTarget));
    this.defaults.watch(channel, 'case');
    channel.own({
      dispose: () => {
        target.sliced.clear();
        target.prefetch.forget();
        this.panels = this.panels.filter((p) => p !== target);
      },
    });
    channel.listen({
      ...this.exporter.handlers(exportTarget),
      ready: async () => {
        // A new or reloaded page holds no case.
        target.prefetch.forget();
        await this.send(target);
      },
      readSlice: (message) =>
        message.plane === undefined
          ? NOT_TAKEN
          : target.sliced.serve(message.plane, message.index, (reply) => channel.post(reply), message.id),
      navigate: (message) => this.navigate(message.direction, target),
      rememberPreset: (message) => this.defaults.remember('case', message.preset),
      addOverlay: async ({ plane }) => {
        if (plane === undefined) return NOT_TAKEN;
        // Only a plane this panel shows, with a file: the overlay is remembered for that file.
        const file = target.current.planes.find((p) => p.plane === plane)?.uri;
        const overlay = file && (await this.added.pick(file.toString()));
        if (overlay) await channel.post({ type: 'addedOverlay', plane, overlay });
      },
      openCase: async ({ id }) => {
        const { collection } = target.current;
        if (id && collection) {
          // Only a key of the dict this panel shows.
          if (collection.ids.includes(id)) await this.show(await collection.read(id), target);
          else this.log.warn(`Refused to open case ${id}: not a key of the dict shown`);
          return;
        }
        if (!id || !target.current.ref) return NOT_TAKEN;
        // Only a case of the dataset this panel already shows, looked up by id.
        const ref = this.registry.findCase(target.current.ref.dataset, id);
        if (ref) await this.openCase(ref, target);
        else this.log.warn(`Refused to open case ${id}: not in ${target.current.ref.dataset.name}`);
      },
      rememberView: notTaken,
      readRegion: notTaken,
      openMember: notTaken,
    });
  }

  /**
   * Sends the panel's case (only its key when the webview holds it: the page may show it
   * already, after Next or Previous), then reads its neighbours ahead; the host keeps no voxel
   * data once a message is posted.
   */
  private async send(target: OpenPanel): Promise<void> {
    const current = target.current;
    const ref = current.ref;
    const key = ref && caseKey(ref);
    const planes = await target.prefetch.planesOf(key, current);
    if (target.current !== current) return; // a newer case was asked for meanwhile
    target.sliced.clear();
    const [next, previous] = ref ? [this.neighbour(ref, 'next'), this.neighbour(ref, 'previous')] : [];
    const neighbours = [next, previous].filter((n): n is CaseRef => n !== undefined);
    const hold =
      key === undefined
        ? undefined
        : { key, keep: neighbours.map(caseKey), next: next && caseKey(next), previous: previous && caseKey(previous) };
    const shown = {
      caseInfo: current.info,
      caseIds: ref
        ? this.order
            .visibleCases()
            .filter((c) => c.dataset === ref.dataset)
            .map((c) => c.case.id)
        : [...(current.collection?.ids ?? [])],
      defaults: this.defaults.get('case'),
    };
    const post = (message: HostMessage) => target.channel.post(message);
    let following: Promise<unknown> = Promise.resolve();
    if (planes === 'held') {
      // Held unchanged: the page shows it from what it holds (or shows it already, and takes the header).
      target.prefetch.held.show(hold!.key, target.prefetch.held.get(hold!.key), hold!.keep);
      await post({ type: 'showHeldCase', ...shown, hold: hold! });
    } else {
      // Each plane's middle slice first; its statistics and other slices follow, then the neighbours are read ahead.
      for (const { plane, source, content } of planes.planes) target.sliced.shown(plane, source, content);
      const message = { type: 'showCase', ...shown, planes: casePlanes(planes), hold } satisfies HostMessage;
      if (hold) target.prefetch.held.show(hold.key, holdable(message.planes) ? planes.stamp : undefined, hold.keep);
      await post(message);
      following = Promise.all(planes.planes.map(({ plane }) => target.sliced.follow(plane, post)));
    }
    if (target.current === current)
      target.prefetch.readAhead(
        neighbours.map((n) => ({ key: caseKey(n), viewerCase: this.caseOf(n) })),
        following,
      );
  }
}

function title(c: ViewerCase): string {
  return c.title ?? `Case ${c.info.id}`;
}

/** A folder of plane files (axial.npy, coronal.npy, sagittal.npy, ...) as a case. */
export async function folderCase(folder: vscode.Uri): Promise<ViewerCase | undefined> {
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const planes = MRNET_PLANES.filter((plane) =>
    entries.some(([name, type]) => type === vscode.FileType.File && name === `${plane}.npy`),
  ).map((plane) => ({ plane, uri: vscode.Uri.joinPath(folder, `${plane}.npy`) }));
  if (planes.length === 0) return undefined;
  const parts = folder.path.split('/').filter(Boolean);
  return {
    info: { id: parts[parts.length - 1], split: '', dataset: parts[parts.length - 2] ?? '', labels: [] },
    planes,
  };
}
