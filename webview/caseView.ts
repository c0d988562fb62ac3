import { planeDisplayName } from '../src/shared/datasetLayout';
import { CaseHolding, CaseInfo, CasePlane, HostMessage, OverlayContent, ViewDefaults } from '../src/shared/protocol';
import { DEFAULT_COLOUR_MAP } from '../src/shared/colourMaps';
import { CaseHeaderBar } from './caseHeader';
import { CaseLayout, Layout } from './caseLayout';
import { CaseNeighbours } from './caseNeighbours';
import { showPlane } from './casePlane';
import { CaseValues } from './caseValues';
import { el } from './dom';
import { PlaneViewState, PlaneViewer, withoutSlice } from './planeViewer';
import { ViewerToolbar } from './viewerToolbar';
import { planeOverlays } from './overlays';
import { ViewportGroup, isTextField } from './viewportGroup';
import { answerExport } from './sliceExport';
import { SliceFirstStream } from './sliceFirstStream';
import { HostHandlers, ignored, vscode } from './vscodeApi';

interface CaseViewState {
  /** Which case the plane states are of: "dataset/split/id". */
  caseKey: string;
  /** Each plane's view state; pairs, not an object keyed by plane names (a plane may be called `__proto__`). */
  planes: [string, PlaneViewState][];
  layout?: Layout;
  /** The plane shown large in the 'large' layout. */
  large?: string;
  linked?: boolean;
  annotations?: boolean;
}

/** What the host sends to show a case (whole, or one the page holds). */
interface ShownCase {
  caseInfo: CaseInfo;
  planes: CasePlane[];
  caseIds: string[];
  defaults?: ViewDefaults;
  hold?: CaseHolding;
}

/**
 * The three-plane case viewer: a header (case, split, label badges, previous/next, a case
 * picker), one toolbar acting on the active plane, and one viewport per plane in a layout:
 * side by side (1x3), stacked (3x1) or one large beside two small. It returns its handler of
 * every host message.
 */
export function startCaseViewer(root: HTMLElement): HostHandlers {
  return new CaseViewer(root).handlers();
}

class CaseViewer {
  private readonly header = new CaseHeaderBar((direction) => this.navigate(direction));
  private readonly planes = el('div', { class: 'planes' });
  private readonly status = el('p', { class: 'status' }, ['Loading…']);
  private readonly group = new ViewportGroup();
  private readonly viewers = new Map<string, PlaneViewer>();
  private readonly values: CaseValues;
  private readonly layout: CaseLayout;
  private readonly toolbar: ViewerToolbar;
  private readonly neighbours = new CaseNeighbours();
  /** Plane files read slice by slice, by plane, while their case is shown. */
  private readonly streams = new Map<string, SliceFirstStream>();
  /** What the host sent to draw over each plane: convention overlays, then the ones added. */
  private readonly overlayContents = new Map<string, OverlayContent[]>();
  /** Each plane's view state, of the case `shownKey` ("dataset/split/id"). */
  private readonly planeStates: Map<string, PlaneViewState>;
  private shownKey: string;
  private defaults: ViewDefaults = { colourMap: DEFAULT_COLOUR_MAP, preset: 'auto' };

  constructor(root: HTMLElement) {
    const restored = vscode.getState() as CaseViewState | undefined;
    this.shownKey = restored?.caseKey ?? '';
    this.planeStates = new Map(Array.isArray(restored?.planes) ? restored.planes : []);
    const planeOf = (viewer: PlaneViewer) => this.planeOf(viewer);
    this.values = new CaseValues(() => this.group.active, planeOf);
    const active = () => this.group.active;
    this.layout = new CaseLayout(
      this.planes,
      this.viewers,
      () => {
        const viewer = active();
        return viewer && planeOf(viewer);
      },
      () => this.save(),
      restored,
    );
    const layoutGroup = el('span', { class: 'group', role: 'group', 'aria-label': 'Layout' }, [
      ...this.layout.tools,
      this.values.button,
    ]);
    this.toolbar = new ViewerToolbar(this.group, [layoutGroup], (action, viewer) => {
      const plane = planeOf(viewer);
      if (plane === undefined) return;
      vscode.postMessage(
        action === 'addOverlay' ? { type: 'addOverlay', plane } : { type: 'exportSlice', format: action, plane },
      );
    });
    root.append(this.header.element, this.toolbar.element, this.status, this.planes, this.values.grid.element);
    const refreshToolbar = this.group.onUpdate;
    this.group.onUpdate = () => {
      refreshToolbar();
      this.values.show();
    };
    root.classList.add('case-viewer');
    this.group.linked = restored?.linked === true;
    this.group.setAnnotations(restored?.annotations !== false);
    this.group.onChange = () => this.save();
    this.group.onPresetChosen = (preset) => vscode.postMessage({ type: 'rememberPreset', preset });
    document.addEventListener('keydown', (e) => this.handleKey(e));
    vscode.postMessage({ type: 'ready' });
  }

  handlers(): HostHandlers {
    /** A slice of a plane read slice by slice, or the statistics of its sample. */
    const fromStream = (message: Extract<HostMessage, { type: 'slice' | 'sliceError' | 'sampledStats' }>) => {
      const viewer = message.plane === undefined ? undefined : this.viewers.get(message.plane);
      const stream = this.streams.get(message.plane!);
      if (viewer && stream?.receive(message, viewer.slice)) viewer.refresh();
      if (viewer && stream) viewer.setBusy(stream.busy);
    };
    /** The plane a host message names, else the active one. */
    const viewerOf = (plane: string | undefined) => (plane === undefined ? this.group.active : this.viewers.get(plane));
    return {
      showCase: (message) => this.showCase(message, false),
      showHeldCase: (message) => {
        const held = this.neighbours.get(message.hold.key);
        // Held cases are lost when the page is reloaded; the host then sends the case whole.
        if (!held) vscode.postMessage({ type: 'ready' });
        else this.showCase({ ...message, planes: held.planes }, message.hold.key === this.neighbours.displayedKey);
      },
      holdCase: (message) => this.neighbours.take(message),
      caseInfo: (message) => this.header.setBadges(message.caseInfo),
      slice: fromStream,
      sliceError: fromStream,
      sampledStats: fromStream,
      requestExport: (message) => {
        const viewer = viewerOf(message.plane);
        return answerExport(message, viewer, viewer && this.planeOf(viewer));
      },
      requestAddOverlay: (message) => {
        const viewer = viewerOf(message.plane);
        const plane = viewer && this.planeOf(viewer);
        if (plane !== undefined) vscode.postMessage({ type: 'addOverlay', plane });
      },
      addedOverlay: ({ plane, overlay }) => {
        if (plane === undefined || !this.viewers.has(plane)) return;
        const others = (this.overlayContents.get(plane) ?? []).filter((o) => o.name !== overlay.name);
        this.overlayContents.set(plane, [...others, overlay]);
        this.showOverlays(plane);
        this.save();
      },
      viewDefaults: (message) => {
        for (const viewer of this.viewers.values())
          if (viewer.getState().colourMap === this.defaults.colourMap) viewer.setColourMap(message.defaults.colourMap);
        this.defaults = message.defaults;
      },
      // The editors' messages: the case viewer reads no overview and shows no archive.
      showArray: ignored,
      showArchive: ignored,
      region: ignored,
      regionError: ignored,
    };
  }

  private planeOf(viewer: PlaneViewer): string | undefined {
    return [...this.viewers].find(([, v]) => v === viewer)?.[0];
  }

  private save(): void {
    this.values.show();
    for (const [plane, viewer] of this.viewers) this.planeStates.set(plane, viewer.getState());
    vscode.setState({
      caseKey: this.shownKey,
      planes: [...this.planeStates],
      layout: this.layout.layout,
      large: this.layout.large,
      linked: this.group.linked,
      annotations: this.group.annotations,
    } satisfies CaseViewState);
  }

  /** (Re)makes a plane's overlays from what the host sent, with their settings. */
  private showOverlays(plane: string, settings = this.viewers.get(plane)?.getState().overlays): void {
    const viewer = this.viewers.get(plane);
    const shape = viewer?.planeShape();
    if (!viewer || !shape) return;
    const { overlays, problems } = planeOverlays(
      this.overlayContents.get(plane) ?? [],
      planeDisplayName(plane),
      shape,
      settings,
      () => viewer.overlayChanged(),
      (k) => viewer.setSlice(k),
    );
    viewer.setOverlays(overlays, problems);
  }

  /** Next or Previous: a neighbour held is shown at once, and the host told so; else the host is asked for it. */
  private navigate(direction: 'next' | 'previous'): void {
    const neighbour = this.neighbours.neighbour(direction);
    if (neighbour) this.display(neighbour.held.caseInfo, neighbour.held.planes, neighbour.key);
    vscode.postMessage({ type: 'navigate', direction });
  }

  // Keys go to the active plane (see ViewportGroup); n and p (and Alt+arrows) walk cases,
  // g cycles the layouts and b makes the active plane the large one, from anywhere but a text field.
  private handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
    const direction =
      (e.key === 'n' && !e.altKey) || (e.altKey && e.key === 'ArrowRight')
        ? 'next'
        : (e.key === 'p' && !e.altKey) || (e.altKey && e.key === 'ArrowLeft')
          ? 'previous'
          : undefined;
    const own: Record<string, () => void> = { g: () => this.layout.next(), b: () => this.layout.makeLarge() };
    const action = direction ? () => this.navigate(direction) : e.altKey ? undefined : own[e.key];
    if (action) {
      e.preventDefault();
      action();
      return;
    }
    this.group.handleKey(e);
  }

  /** A case from the host; `onScreen`: the page shows it already (ahead of the host), and takes only its header, ids and neighbours. */
  private showCase(message: ShownCase, onScreen: boolean): void {
    this.defaults = message.defaults ?? this.defaults;
    this.header.fillPicker(message.caseIds, message.caseInfo.id);
    this.neighbours.showing(message.caseInfo, message.planes, message.hold);
    if (onScreen) this.header.setBadges(message.caseInfo);
    else this.display(message.caseInfo, message.planes, message.hold?.key);
  }

  /** Draws a case's header and planes; `key`: the host's key of a dataset case. */
  private display(caseInfo: CaseInfo, casePlanes: CasePlane[], key: string | undefined): void {
    this.neighbours.displayedKey = key;
    this.streams.clear();
    this.status.remove();
    this.header.show(caseInfo);
    const caseKey = `${caseInfo.dataset}/${caseInfo.split}/${caseInfo.id}`;
    const sameCase = caseKey === this.shownKey;
    const shown = new Set(casePlanes.map((p) => p.plane));
    for (const [plane, viewer] of this.viewers) {
      if (shown.has(plane)) continue;
      this.group.remove(viewer);
      viewer.dispose();
      viewer.element.remove();
      this.viewers.delete(plane);
    }
    for (const casePlane of casePlanes) this.displayPlane(caseInfo, casePlane, sameCase);
    this.shownKey = caseKey;
    this.layout.apply();
    this.toolbar.refresh();
    this.save();
    // Marks the moment the planes are on screen, for the benchmark (npm run bench).
    requestAnimationFrame(() => performance.mark('case-painted', { detail: caseInfo.id }));
  }

  /** One plane of the case drawn, in its viewer (made the first time the plane is shown). */
  private displayPlane(caseInfo: CaseInfo, casePlane: CasePlane, sameCase: boolean): void {
    const viewer = this.viewers.get(casePlane.plane) ?? this.addViewer(casePlane.plane);
    viewer.setCaseLabel(`Case ${caseInfo.id}`);
    this.planes.append(viewer.element); // keeps the host's order
    // A new case starts at the middle slices but keeps each plane's contrast and zoom.
    const saved = this.planeStates.get(casePlane.plane);
    const { colourMap, preset } = this.defaults;
    const keep = saved ? (sameCase ? saved : withoutSlice(saved)) : { colourMap, preset };
    const stream = showPlane(viewer, casePlane, keep);
    if (stream) {
      this.streams.set(casePlane.plane, stream);
      // Every slice of a plane held whole is here: it is shown whole, in the same state.
      stream.onWhole = (data) => {
        if (this.streams.get(casePlane.plane) !== stream || casePlane.array.kind !== 'sliceFirst') return;
        this.streams.delete(casePlane.plane);
        const { fileName, header } = casePlane.array;
        showPlane(viewer, { ...casePlane, array: { kind: 'whole', fileName, header, data } }, viewer.getState());
        this.showOverlays(casePlane.plane);
      };
    }
    this.overlayContents.set(casePlane.plane, casePlane.overlays ?? []);
    this.showOverlays(casePlane.plane, saved?.overlays);
  }

  private addViewer(plane: string): PlaneViewer {
    const name = planeDisplayName(plane);
    const viewer = new PlaneViewer(`${name} plane`, `${name} slice`, name);
    // The webview's context menu (Save Slice as PNG…, …) acts on the plane right-clicked.
    viewer.element.dataset.vscodeContext = JSON.stringify({ mrnetPlane: plane });
    viewer.onChange = () => this.save();
    viewer.onHover = (p) => this.values.hovered(viewer, p);
    this.viewers.set(plane, viewer);
    this.group.add(viewer);
    return viewer;
  }
}
