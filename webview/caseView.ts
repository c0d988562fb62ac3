import { caseKeyOf, planeDisplayName } from '../src/shared/datasetLayout';
import { decodeNpyData } from '../src/shared/npy/decode';
import { checkedView, defaultView, planeSource, viewValues } from '../src/shared/npy/planeSource';
import { CaseHolding, CaseInfo, CasePlane, HostMessage, OverlayContent, ViewDefaults } from '../src/shared/protocol';
import { HeldCases, holdable } from '../src/shared/heldCases';
import { DEFAULT_COLOUR_MAP } from '../src/shared/colourMaps';
import { volumeStats } from '../src/shared/windowing';
import { labelBadges } from './caseHeader';
import { button, el } from './dom';
import { PlaneViewState, PlaneViewer, withoutSlice } from './planeViewer';
import { ViewerToolbar, tool } from './viewerToolbar';
import { planeOverlays } from './overlays';
import { ViewportGroup, isTextField } from './viewportGroup';
import { answerExport } from './sliceExport';
import { SliceStream } from './sliceStream';
import { ValuesGrid } from './valuesGrid';
import { HostHandlers, ignored, vscode } from './vscodeApi';
import { errorMessage } from '../src/shared/errorMessage';

/** A case the page holds: enough to show it before the host answers. */
interface HeldCase {
  caseInfo: CaseInfo;
  planes: CasePlane[];
}

/** How the planes are laid out: chosen by width (1x3 when wide, 3x1 when narrow), or as chosen. */
type Layout = 'auto' | 'row' | 'column' | 'large';
const LAYOUTS = ['row', 'column', 'large'] as const;

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

/**
 * The three-plane case viewer: a header (case, split, label badges, previous/next, a case
 * picker), one toolbar acting on the active plane, and one viewport per plane in a layout:
 * side by side (1x3), stacked (3x1) or one large beside two small. It returns its handler of
 * every host message.
 */
export function startCaseViewer(root: HTMLElement): HostHandlers {
  const title = el('h1', { class: 'file-name' });
  const split = el('span', { class: 'case-split' });
  const badges = el('span', { class: 'badges-slot' });
  // A native combobox: typing an id and Enter opens it; the list offers the tree's cases.
  const picker = el('input', {
    type: 'text',
    list: 'case-ids',
    'aria-label': 'Case',
    class: 'case-picker',
    autocomplete: 'off',
    spellcheck: 'false',
    inputmode: 'numeric',
  });
  const pickerList = el('datalist', { id: 'case-ids' });
  const header = el('header', { class: 'case-header' }, [
    title,
    split,
    badges,
    el('span', { class: 'group' }, [
      button('‹ Previous', 'Previous case (p, Alt+Left)', () => navigate('previous')),
      button('Next ›', 'Next case (n, Alt+Right)', () => navigate('next')),
    ]),
    el('label', { class: 'control' }, ['Case ', picker, pickerList]),
  ]);
  const planes = el('div', { class: 'planes' });
  const status = el('p', { class: 'status' }, ['Loading…']);
  const group = new ViewportGroup();
  const viewers = new Map<string, PlaneViewer>();
  const planeOf = (viewer: PlaneViewer) => [...viewers].find(([, v]) => v === viewer)?.[0];
  const layoutButtons = new Map<Layout, HTMLButtonElement>([
    ['row', tool('1×3', 'Layout: side by side (1×3)', 'g: next layout', () => setLayout('row'), true)],
    ['column', tool('3×1', 'Layout: stacked (3×1)', 'g: next layout', () => setLayout('column'), true)],
    ['large', tool('1+2', 'Layout: one large plane, two small', 'g: next layout', () => setLayout('large'), true)],
  ]);
  const enlarge = tool('Enlarge', 'Make the active plane the large one', 'b', () => makeLarge());
  // The values of the active plane's slice, on demand, under the planes.
  const grid = new ValuesGrid('Values of the slice');
  grid.element.classList.add('case-values');
  grid.element.hidden = true;
  const valuesButton = tool(
    'Values',
    "Show the values of the active plane's slice",
    '',
    () => {
      grid.element.hidden = !grid.element.hidden;
      valuesButton.setAttribute('aria-pressed', String(!grid.element.hidden));
      showValues();
    },
    true,
  );
  let gridViewer: PlaneViewer | undefined;
  /** The grid follows the active plane and its slice; the pointer over either marks the other. */
  const showValues = () => {
    const viewer = group.active;
    const source = viewer?.shownSource;
    if (grid.element.hidden || !viewer || !source) return;
    if (gridViewer !== viewer) {
      gridViewer?.mark(undefined);
      gridViewer = viewer;
      grid.element.setAttribute('aria-label', `Values of the ${planeDisplayName(planeOf(viewer) ?? '')} slice`);
      grid.onHover = (c) => viewer.mark(c && { x: c.col, y: c.row });
    }
    grid.setShading((v) => viewer.colourOf(v));
    grid.show(source, viewer.slice);
  };
  const toolbar = new ViewerToolbar(
    group,
    [
      el('span', { class: 'group', role: 'group', 'aria-label': 'Layout' }, [
        ...layoutButtons.values(),
        enlarge,
        valuesButton,
      ]),
    ],
    (action, viewer) => {
      const plane = planeOf(viewer);
      if (plane === undefined) return;
      vscode.postMessage(
        action === 'addOverlay' ? { type: 'addOverlay', plane } : { type: 'exportSlice', format: action, plane },
      );
    },
  );
  root.append(header, toolbar.element, status, planes, grid.element);
  const refreshToolbar = group.onUpdate;
  group.onUpdate = () => {
    refreshToolbar();
    showValues();
  };
  root.classList.add('case-viewer');

  /** Plane files read slice by slice, by plane, while their case is shown. */
  const streams = new Map<string, SliceStream>();
  const restored = vscode.getState() as CaseViewState | undefined;
  /** The case whose plane states are kept: "dataset/split/id". */
  let shownKey = restored?.caseKey ?? '';
  const planeStates = new Map<string, PlaneViewState>(Array.isArray(restored?.planes) ? restored.planes : []);
  let pickerIds: string[] = [];
  let layout: Layout =
    restored?.layout && (restored.layout === 'auto' || LAYOUTS.includes(restored.layout)) ? restored.layout : 'auto';
  let large = typeof restored?.large === 'string' ? restored.large : undefined;
  let defaults: ViewDefaults = { colourMap: DEFAULT_COLOUR_MAP, preset: 'auto' };
  group.linked = restored?.linked === true;
  group.setAnnotations(restored?.annotations !== false);

  /** What the host sent to draw over each plane: convention overlays, then the ones added. */
  const overlayContents = new Map<string, OverlayContent[]>();
  /** (Re)makes a plane's overlays from what the host sent, with their settings. */
  function showOverlays(plane: string, settings = viewers.get(plane)?.getState().overlays): void {
    const viewer = viewers.get(plane);
    const shape = viewer?.planeShape();
    if (!viewer || !shape) return;
    const { overlays, problems } = planeOverlays(
      overlayContents.get(plane) ?? [],
      planeDisplayName(plane),
      shape,
      settings,
      () => viewer.overlayChanged(),
      (k) => viewer.setSlice(k),
    );
    viewer.setOverlays(overlays, problems);
  }

  const save = () => {
    showValues();
    for (const [plane, viewer] of viewers) planeStates.set(plane, viewer.getState());
    vscode.setState({
      caseKey: shownKey,
      planes: [...planeStates],
      layout,
      large,
      linked: group.linked,
      annotations: group.annotations,
    } satisfies CaseViewState);
  };
  group.onChange = save;
  group.onPresetChosen = (preset) => vscode.postMessage({ type: 'rememberPreset', preset });

  /** Lays the planes out: 'auto' is 1x3 when the panel is wide enough, else 3x1. */
  function applyLayout(): void {
    const shown =
      layout === 'auto' ? (planes.clientWidth >= Math.max(700, planes.clientHeight) ? 'row' : 'column') : layout;
    if (planes.dataset.layout !== shown) planes.dataset.layout = shown;
    const largePlane = viewers.has(large ?? '') ? large : viewers.keys().next().value;
    for (const [plane, viewer] of viewers)
      viewer.element.toggleAttribute('data-large', shown === 'large' && plane === largePlane);
    for (const [name, b] of layoutButtons) b.setAttribute('aria-pressed', String(name === shown));
  }
  new ResizeObserver(() => applyLayout()).observe(planes);

  function setLayout(next: Layout): void {
    layout = next;
    applyLayout();
    save();
  }

  /** The active plane becomes the large one, in the one-large layout. */
  function makeLarge(): void {
    const active = group.active;
    large = active && planeOf(active);
    setLayout('large');
  }

  /** Next or Previous: a neighbour held is shown at once, and the host told so; else the host is asked for it. */
  function navigate(direction: 'next' | 'previous'): void {
    const key = around?.[direction];
    const neighbour = key !== undefined && key !== displayedKey ? held.get(key) : undefined;
    if (!neighbour) {
      vscode.postMessage({ type: 'navigate', direction });
      return;
    }
    display(neighbour.caseInfo, neighbour.planes, key);
    vscode.postMessage({ type: 'navigate', direction });
  }

  /** Opens the case typed or picked, found by value among the offered ids (7 finds 0007). */
  const pick = () => {
    const typed = picker.value.trim();
    const id = pickerIds.find((c) => caseKeyOf(c) === caseKeyOf(typed));
    picker.setAttribute('aria-invalid', String(typed !== '' && id === undefined));
    picker.title = id === undefined && typed !== '' ? `No case ${typed} in this list` : '';
    if (id !== undefined && id !== title.dataset.caseId) vscode.postMessage({ type: 'openCase', id });
  };
  picker.addEventListener('change', pick);
  picker.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    pick();
  });

  // Keys go to the active plane (see ViewportGroup); n and p (and Alt+arrows) walk cases,
  // g cycles the layouts and b makes the active plane the large one, from anywhere but a text field.
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
    const direction =
      (e.key === 'n' && !e.altKey) || (e.altKey && e.key === 'ArrowRight')
        ? 'next'
        : (e.key === 'p' && !e.altKey) || (e.altKey && e.key === 'ArrowLeft')
          ? 'previous'
          : undefined;
    const own: Record<string, () => void> = {
      g: () =>
        setLayout(LAYOUTS[(LAYOUTS.indexOf(planes.dataset.layout as (typeof LAYOUTS)[number]) + 1) % LAYOUTS.length]),
      b: () => makeLarge(),
    };
    const action = direction ? () => navigate(direction) : e.altKey ? undefined : own[e.key];
    if (action) {
      e.preventDefault();
      action();
      return;
    }
    group.handleKey(e);
  });

  /** The neighbours read ahead by the host (see HeldCases), named on the page for tests and the benchmark. */
  const held = new HeldCases<HeldCase>();
  function showHeld(): void {
    document.body.dataset.heldCases = held.neighbours().join(' ');
  }
  /** The case shown and its neighbours, as the host last said; and the key of the case on screen (ahead of the host after Next or Previous). */
  let around: CaseHolding | undefined;
  let displayedKey: string | undefined;
  /** The parts of a neighbour that have come so far. */
  const arriving = new Map<string, CasePlane[]>();

  /** A slice of a plane read slice by slice, or the statistics of its sample. */
  const fromStream = (message: Extract<HostMessage, { type: 'slice' | 'sliceError' | 'sampledStats' }>) => {
    const viewer = message.plane === undefined ? undefined : viewers.get(message.plane);
    const stream = streams.get(message.plane!);
    if (viewer && stream?.receive(message, viewer.slice)) viewer.refresh();
    if (viewer && stream) viewer.setBusy(stream.busy);
  };
  /** The plane a host message names, else the active one. */
  const viewerOf = (plane: string | undefined) => (plane === undefined ? group.active : viewers.get(plane));
  const handlers: HostHandlers = {
    showCase: (message) => showCase(message, false),
    showHeldCase: (message) => {
      const heldCase = held.get(message.hold.key);
      // Held cases are lost when the page is reloaded; the host then sends the case whole.
      if (!heldCase) vscode.postMessage({ type: 'ready' });
      else showCase({ ...message, planes: heldCase.planes }, message.hold.key === displayedKey);
    },
    holdCase: (message) => {
      // A neighbour comes in parts; it is held once the last is in.
      const planes = [...(message.part === 0 ? [] : (arriving.get(message.key) ?? [])), ...message.planes];
      arriving.set(message.key, planes);
      if (message.part < message.parts - 1) return;
      arriving.delete(message.key);
      held.hold(message.key, { caseInfo: message.caseInfo, planes }, message.keep);
      showHeld();
    },
    caseInfo: (message) => badges.replaceChildren(labelBadges(message.caseInfo)),
    slice: fromStream,
    sliceError: fromStream,
    sampledStats: fromStream,
    requestExport: (message) => {
      const viewer = viewerOf(message.plane);
      return answerExport(message, viewer, viewer && planeOf(viewer));
    },
    requestAddOverlay: (message) => {
      const viewer = viewerOf(message.plane);
      const plane = viewer && planeOf(viewer);
      if (plane !== undefined) vscode.postMessage({ type: 'addOverlay', plane });
    },
    addedOverlay: ({ plane, overlay }) => {
      if (plane === undefined || !viewers.has(plane)) return;
      overlayContents.set(plane, [
        ...(overlayContents.get(plane) ?? []).filter((o) => o.name !== overlay.name),
        overlay,
      ]);
      showOverlays(plane);
      save();
    },
    viewDefaults: (message) => {
      for (const viewer of viewers.values())
        if (viewer.getState().colourMap === defaults.colourMap) viewer.setColourMap(message.defaults.colourMap);
      defaults = message.defaults;
    },
    // The editors' messages: the case viewer reads no overview and shows no archive.
    showArray: ignored,
    showArchive: ignored,
    region: ignored,
    regionError: ignored,
  };
  vscode.postMessage({ type: 'ready' });
  return handlers;

  /** A case from the host; `onScreen`: the page shows it already (ahead of the host), and takes only its header, ids and neighbours. */
  function showCase(
    message: {
      caseInfo: CaseInfo;
      planes: CasePlane[];
      caseIds: string[];
      defaults?: ViewDefaults;
      hold?: CaseHolding;
    },
    onScreen: boolean,
  ): void {
    defaults = message.defaults ?? defaults;
    fillPicker(message.caseIds, message.caseInfo.id);
    around = message.hold;
    for (const key of arriving.keys()) if (!message.hold?.keep.includes(key)) arriving.delete(key);
    if (message.hold) {
      held.show(
        message.hold.key,
        holdable(message.planes) ? { caseInfo: message.caseInfo, planes: message.planes } : undefined,
        message.hold.keep,
      );
      showHeld();
    }
    if (onScreen) badges.replaceChildren(labelBadges(message.caseInfo));
    else display(message.caseInfo, message.planes, message.hold?.key);
  }

  /** Draws a case's header and planes; `key`: the host's key of a dataset case. */
  function display(caseInfo: CaseInfo, casePlanes: CasePlane[], key: string | undefined): void {
    displayedKey = key;
    streams.clear();
    status.remove();
    title.textContent = `Case ${caseInfo.id}`;
    title.dataset.caseId = caseInfo.id;
    split.textContent = [caseInfo.dataset, caseInfo.split].filter(Boolean).join(' · ');
    badges.replaceChildren(labelBadges(caseInfo));
    picker.value = caseInfo.id;

    const caseKey = `${caseInfo.dataset}/${caseInfo.split}/${caseInfo.id}`;
    const sameCase = caseKey === shownKey;
    const shown = new Set(casePlanes.map((p) => p.plane));
    for (const [plane, viewer] of viewers) {
      if (shown.has(plane)) continue;
      group.remove(viewer);
      viewer.dispose();
      viewer.element.remove();
      viewers.delete(plane);
    }
    for (const casePlane of casePlanes) {
      let viewer = viewers.get(casePlane.plane);
      if (!viewer) {
        const name = planeDisplayName(casePlane.plane);
        viewer = new PlaneViewer(`${name} plane`, `${name} slice`, name);
        // The webview's context menu (Save Slice as PNG…, …) acts on the plane right-clicked.
        viewer.element.dataset.vscodeContext = JSON.stringify({ mrnetPlane: casePlane.plane });
        viewer.onChange = save;
        const hovered = viewer;
        viewer.onHover = (p) => {
          if (!grid.element.hidden && gridViewer === hovered) grid.mark(p && { row: p.y, col: p.x });
        };
        viewers.set(casePlane.plane, viewer);
        group.add(viewer);
      }
      viewer.setCaseLabel(`Case ${caseInfo.id}`);
      planes.append(viewer.element); // keeps the host's order
      // A new case starts at the middle slices but keeps each plane's contrast and zoom.
      const saved = planeStates.get(casePlane.plane);
      const stream = showPlane(
        viewer,
        casePlane,
        saved ? (sameCase ? saved : withoutSlice(saved)) : { colourMap: defaults.colourMap, preset: defaults.preset },
      );
      if (stream) {
        streams.set(casePlane.plane, stream);
        const shownIn = viewer;
        // Every slice of a plane held whole is here: it is shown whole, in the same state.
        stream.onWhole = (data) => {
          if (streams.get(casePlane.plane) !== stream || !('sampled' in casePlane.array)) return;
          streams.delete(casePlane.plane);
          showPlane(
            shownIn,
            { ...casePlane, array: { fileName: casePlane.array.fileName, header: casePlane.array.header, data } },
            shownIn.getState(),
          );
          showOverlays(casePlane.plane);
        };
      }
      overlayContents.set(casePlane.plane, casePlane.overlays ?? []);
      showOverlays(casePlane.plane, saved?.overlays);
    }
    shownKey = caseKey;
    applyLayout();
    toolbar.refresh();
    save();
    // Marks the moment the planes are on screen, for the benchmark (npm run bench).
    requestAnimationFrame(() => performance.mark('case-painted', { detail: caseInfo.id }));
  }

  function fillPicker(ids: string[], current: string): void {
    if (ids.join() !== pickerIds.join()) {
      pickerIds = ids;
      pickerList.replaceChildren(...ids.map((id) => el('option', { value: id })));
    }
    picker.value = current;
    picker.setAttribute('aria-invalid', 'false');
  }
}

/** Shows one plane file in its viewer; a file too large to read whole comes back as the stream its slices arrive by. */
function showPlane(viewer: PlaneViewer, casePlane: CasePlane, keep: Partial<PlaneViewState>): SliceStream | undefined {
  const content = casePlane.array;
  if ('error' in content) {
    viewer.showError(`Cannot show ${content.fileName}: ${content.error}`);
    return undefined;
  }
  if ('sampled' in content) {
    const stream = new SliceStream(content.header, content.sampled, casePlane.plane);
    viewer.setSource(stream.source, stream.firstStats, keep, true);
    viewer.setBusy(stream.busy);
    stream.onStats = (stats) => {
      viewer.setSource(stream.source, stats, viewer.getState(), true);
      viewer.setBusy(stream.busy);
    };
    return stream;
  }
  if ('overview' in content) {
    viewer.showError(
      `Cannot show ${content.fileName} here: it is one image too large to hold (${content.header.shapeText}); its editor shows it from an overview`,
    );
    return undefined;
  }
  try {
    const array = decodeNpyData(content.header, new Uint8Array(content.data));
    // The axes chosen for the file in its editor, else NumPy's.
    const view = checkedView(array, casePlane.view) ?? defaultView(array);
    if (!view || array.header.count === 0) {
      viewer.showError(`Cannot show ${content.fileName}: shape ${array.header.shapeText} holds no images`);
      return undefined;
    }
    const stats = volumeStats(viewValues(array, view));
    viewer.setSource(planeSource(array, view), stats, keep);
  } catch (e) {
    viewer.showError(`Cannot show ${content.fileName}: ${errorMessage(e)}`);
  }
  return undefined;
}
