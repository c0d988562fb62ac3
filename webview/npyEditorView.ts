import { decodeNpyData } from '../src/shared/npy/decode';
import { CaseInfo, HostMessage, OverlayContent, ViewDefaults } from '../src/shared/protocol';
import { DEFAULT_COLOUR_MAP } from '../src/shared/colourMaps';
import { errorMessage } from '../src/shared/errorMessage';
import { labelBadges } from './caseHeader';
import { button, el } from './dom';
import { EditorParts, EditorPlane, EditorState } from './editorParts';
import { RegionMessage, showOverviewImage } from './overviewImageView';
import { planeOverlays } from './overlays';
import { PlaneViewer } from './planeViewer';
import { SliceBySliceView } from './sliceBySliceView';
import { answerExport } from './sliceExport';
import { StatisticsView } from './statisticsView';
import { ValuesGrid } from './valuesGrid';
import { ViewerToolbar } from './viewerToolbar';
import { ViewportGroup } from './viewportGroup';
import { HostHandlers, ignored, vscode } from './vscodeApi';
import { showWholeArray } from './wholeArrayView';

/**
 * The custom editor of one .npy file: info panel, view controls, the toolbar and one viewport.
 * It returns its handler of every host message; the page dispatches to it (the archive's
 * editor wraps it).
 */
export function startNpyEditor(root: HTMLElement): HostHandlers {
  return new NpyEditor(root).handlers();
}

/** The page's parts, and the array shown in them: whole, slice by slice, or from an overview. */
class NpyEditor implements EditorParts {
  readonly info = el('dl', { class: 'info', 'aria-label': 'Array information' });
  readonly controls = el('div', { class: 'view-controls' });
  readonly body = el('div', { class: 'editor-body' });
  readonly statistics = new StatisticsView();
  readonly grid = new ValuesGrid('Values of the slice');
  readonly valuesBar = el('div', { class: 'values-bar', hidden: '' });
  readonly valuesPart = el('div', { class: 'values-part', hidden: '' });
  private readonly alert = el('div', { role: 'alert', class: 'error', hidden: '' });
  private readonly title = el('h1', { class: 'file-name' });
  /** What the host changed on the way (a tensor's bfloat16 shown as float32). */
  private readonly note = el('p', { class: 'array-note', 'data-role': 'note', hidden: '' });
  private readonly caseStrip = el('div', { class: 'case-strip', hidden: '' });
  private readonly status = el('p', { class: 'status' }, ['Loading…']);
  private readonly group = new ViewportGroup();
  private readonly toolbar = new ViewerToolbar(this.group, [], (action) =>
    vscode.postMessage(action === 'addOverlay' ? { type: 'addOverlay' } : { type: 'exportSlice', format: action }),
  );
  private viewer?: PlaneViewer;
  /** A file read slice by slice, while it is shown. */
  private sliced?: SliceBySliceView;
  /** An image shown from its overview: a region at full resolution arrived (or cannot be read). */
  private regionArrived?: (message: RegionMessage) => void;
  /** What to draw over the plane: the overlays added to this file. */
  private overlays: OverlayContent[] = [];
  private defaults: ViewDefaults = { colourMap: DEFAULT_COLOUR_MAP, preset: 'auto' };
  private caseInfo?: CaseInfo;

  constructor(root: HTMLElement) {
    this.toolbar.element.hidden = true;
    root.append(
      el('header', { class: 'file-header' }, [this.title, this.note, this.info]),
      this.caseStrip,
      this.alert,
      this.controls,
      this.toolbar.element,
      this.valuesBar,
      this.status,
      this.body,
      this.statistics.element,
    );
    this.group.onPresetChosen = (preset) => vscode.postMessage({ type: 'rememberPreset', preset });
    this.group.setAnnotations((vscode.getState() as EditorState | undefined)?.annotations !== false);
    document.addEventListener('keydown', (e) => this.group.handleKey(e));
    vscode.postMessage({ type: 'ready' });
  }

  handlers(): HostHandlers {
    /** A slice of a file read slice by slice, or the statistics of its sample. */
    const fromStream = (message: Extract<HostMessage, { type: 'slice' | 'sliceError' | 'sampledStats' }>) => {
      const { viewer, sliced } = this;
      if (!viewer || !sliced) return;
      if (sliced.stream.receive(message, viewer.slice)) {
        viewer.refresh();
        sliced.sliceArrived();
      }
      viewer.setBusy(sliced.stream.busy);
    };
    const fromRegion = (message: RegionMessage) => this.regionArrived?.(message);
    return {
      showArray: (message) => this.showArray(message),
      slice: fromStream,
      sliceError: fromStream,
      sampledStats: fromStream,
      region: fromRegion,
      regionError: fromRegion,
      requestExport: (message) => answerExport(message, this.viewer),
      requestAddOverlay: () => this.viewer && vscode.postMessage({ type: 'addOverlay' }),
      addedOverlay: ({ overlay }) => {
        this.overlays = [...this.overlays.filter((o) => o.name !== overlay.name), overlay];
        this.showOverlays();
      },
      viewDefaults: (message) => {
        if (this.viewer?.getState().colourMap === this.defaults.colourMap)
          this.viewer.setColourMap(message.defaults.colourMap);
        this.defaults = message.defaults;
      },
      // The case viewer's and the archive's messages.
      showArchive: ignored,
      showCase: ignored,
      showHeldCase: ignored,
      holdCase: ignored,
      caseInfo: ignored,
    };
  }

  /** (Re)makes the overlays for the plane shown (they must fit it: another axis may not). */
  showOverlays(): void {
    const plane = this.viewer;
    const shape = plane?.planeShape();
    if (!plane || !shape) return;
    const { overlays, problems } = planeOverlays(
      this.overlays,
      'shown',
      shape,
      plane.getState().overlays,
      () => plane.overlayChanged(),
      (k) => plane.setSlice(k),
    );
    plane.setOverlays(overlays, problems);
  }

  /**
   * A viewport whose state is saved with the editor's for `fileName`: the restored state, else
   * the defaults (colour map setting, remembered preset) with the histogram shown.
   */
  planeViewer(fileName: string): EditorPlane {
    const saved = vscode.getState() as EditorState | undefined;
    const state: EditorState = saved?.fileName === fileName ? saved : { fileName };
    const plane = new PlaneViewer('Slices', 'Slice');
    plane.setCaseLabel(this.caseInfo && `Case ${this.caseInfo.id}`);
    const save = () =>
      vscode.setState({ ...state, plane: plane.getState(), annotations: this.group.annotations } satisfies EditorState);
    plane.onChange = save;
    this.group.onChange = save;
    this.group.add(plane);
    this.body.append(plane.element);
    const { colourMap, preset } = this.defaults;
    return { plane, state, save, initial: state.plane ?? { colourMap, preset, histogram: true } };
  }

  /** Shows an array the host sent (again, whole, once every slice of one held whole is here). */
  private showArray(message: Extract<HostMessage, { type: 'showArray' }>): void {
    this.clear();
    this.defaults = message.defaults ?? this.defaults;
    this.caseInfo = message.caseInfo;
    this.overlays = message.overlays ?? [];
    this.showCase(message.caseInfo);
    const content = message.array;
    this.title.textContent = content.fileName;
    this.note.textContent = message.note ?? '';
    this.note.hidden = !message.note;
    if (content.kind === 'error') {
      this.showError(content.fileName, content.error);
      return;
    }
    try {
      if (content.kind === 'overview') {
        const shown = showOverviewImage(this, content.fileName, content.header, content.overview);
        this.viewer = shown.plane;
        this.regionArrived = shown.regionArrived;
      } else if (content.kind === 'sliceFirst') {
        this.sliced = new SliceBySliceView(this, content.fileName, content.header, content.sliceFirst, (data) => {
          // Every slice is here: the array is shown whole, in the same state (kept by fileName), keeping the focus.
          const focused = this.viewer?.element.contains(document.activeElement);
          this.showArray({
            ...message,
            array: { kind: 'whole', fileName: content.fileName, header: content.header, data },
          });
          if (focused) this.viewer?.element.focus({ preventScroll: true });
        });
        this.viewer = this.sliced.plane;
      } else {
        const array = decodeNpyData(content.header, new Uint8Array(content.data));
        this.viewer = showWholeArray(this, content.fileName, array, message.view);
      }
    } catch (e) {
      this.showError(content.fileName, errorMessage(e));
    }
    this.toolbar.element.hidden = !this.viewer;
    this.showOverlays();
    this.toolbar.refresh();
  }

  /** Empties the page of the array shown before. */
  private clear(): void {
    this.status.remove();
    this.sliced?.close();
    this.sliced = undefined;
    this.regionArrived = undefined;
    this.statistics.onOpen = () => undefined;
    if (this.viewer) this.group.remove(this.viewer);
    this.viewer?.dispose();
    this.viewer = undefined;
    this.body.replaceChildren();
    this.valuesPart.hidden = true;
    this.valuesBar.hidden = true;
    this.valuesPart.replaceChildren(this.grid.element);
    this.statistics.clear();
    this.statistics.show([]);
    this.controls.replaceChildren();
    this.info.replaceChildren();
    this.alert.hidden = true;
  }

  /** For a file of a dataset: its case, labels and a way to open all its planes. */
  private showCase(caseInfo: CaseInfo | undefined): void {
    this.caseStrip.hidden = !caseInfo;
    if (!caseInfo) return;
    this.caseStrip.replaceChildren(
      el('span', { class: 'case-id' }, [`Case ${caseInfo.id}`]),
      el('span', { class: 'case-split' }, [`${caseInfo.dataset} · ${caseInfo.split}`]),
      labelBadges(caseInfo),
      button('Open case (all planes)', 'Open this case in the three-plane viewer', () =>
        vscode.postMessage({ type: 'openCase' }),
      ),
    );
  }

  private showError(fileName: string, message: string): void {
    this.alert.hidden = false;
    this.alert.textContent = `Cannot show ${fileName}: ${message}`;
  }
}
