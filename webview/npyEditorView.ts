import { decodeNpy, decodeNpyData, wideIntegerStats } from '../src/shared/npy/decode';
import { NpyArray } from '../src/shared/npy/npyArray';
import { describeDType } from '../src/shared/npy/dtype';
import { NpyHeader } from '../src/shared/npy/header';
import {
  ArrayView,
  PlaneSource,
  checkedView,
  colourAxis,
  defaultView,
  heldAxes,
  planeSource,
  valuesSource,
  viewValues,
  withAxis,
} from '../src/shared/npy/planeSource';
import {
  ArrayStatistics,
  StatisticsAccumulator,
  cOrderOf,
  elementIndex,
  holdsWideIntegers,
  wideOf,
} from '../src/shared/statistics';
import { sliceCount, sliceHeader } from '../src/shared/npy/streaming';
import { imageShape, partHeader, partShape } from '../src/shared/npy/overview';
import { formatBytes, formatStat } from '../src/shared/format';
import { VolumeStats, volumeStats } from '../src/shared/windowing';
import { CaseInfo, HostMessage, OverlayContent, SampledArray, ViewDefaults } from '../src/shared/protocol';
import { DEFAULT_COLOUR_MAP } from '../src/shared/colourMaps';
import { labelBadges } from './caseHeader';
import { button, el } from './dom';
import { PlaneViewState, PlaneViewer, withoutSlice } from './planeViewer';
import { ViewerToolbar } from './viewerToolbar';
import { ViewportGroup } from './viewportGroup';
import { planeOverlays } from './overlays';
import { answerExport } from './sliceExport';
import { SliceStream } from './sliceStream';
import { StatisticsScope, StatisticsView } from './statisticsView';
import { ValuesGrid } from './valuesGrid';
import { loadCharts } from './charts/chartsApi';
import { formatElement } from '../src/shared/npy/formatValue';
import { MosaicTiles, MosaicView } from './mosaicView';
import { HostHandlers, ignored, vscode } from './vscodeApi';
import { errorMessage } from '../src/shared/errorMessage';

interface EditorState {
  fileName: string;
  /** Which axes are the image, the slices, the colour; the index of the others. */
  view?: ArrayView;
  /** 4-D and larger: one contrast for the whole array rather than for the volume shown. */
  wholeArrayWindow?: boolean;
  plane?: PlaneViewState;
  /** Annotations on the image shown (the `a` key). */
  annotations?: boolean;
}

/**
 * The custom editor of one .npy file: info panel, view controls, the toolbar and one viewport.
 * It returns its handler of every host message; the page dispatches to it (the archive's
 * editor wraps it).
 */
export function startNpyEditor(root: HTMLElement): HostHandlers {
  const alert = el('div', { role: 'alert', class: 'error', hidden: '' });
  const title = el('h1', { class: 'file-name' });
  const info = el('dl', { class: 'info', 'aria-label': 'Array information' });
  const caseStrip = el('div', { class: 'case-strip', hidden: '' });
  const controls = el('div', { class: 'view-controls' });
  const body = el('div', { class: 'editor-body' });
  const status = el('p', { class: 'status' }, ['Loading…']);
  const group = new ViewportGroup();
  const statistics = new StatisticsView();
  const grid = new ValuesGrid('Values of the slice');
  /** The values grid and the mosaic beside the image (or alone, for 0-D and 1-D arrays), their switches above. */
  const valuesBar = el('div', { class: 'values-bar', hidden: '' });
  const valuesPart = el('div', { class: 'values-part', hidden: '' });
  const toolbar = new ViewerToolbar(group, [], (action) =>
    vscode.postMessage(action === 'addOverlay' ? { type: 'addOverlay' } : { type: 'exportSlice', format: action }),
  );
  /** What to draw over the plane: the overlays added to this file. */
  let overlayContents: OverlayContent[] = [];
  /** (Re)makes the overlays for the plane shown (they must fit it: another axis may not). */
  const showOverlays = () => {
    const shape = viewer?.planeShape();
    if (!viewer || !shape) return;
    const plane = viewer;
    const { overlays, problems } = planeOverlays(
      overlayContents,
      'shown',
      shape,
      plane.getState().overlays,
      () => plane.overlayChanged(),
      (k) => plane.setSlice(k),
    );
    plane.setOverlays(overlays, problems);
  };
  toolbar.element.hidden = true;
  root.append(
    el('header', { class: 'file-header' }, [title, info]),
    caseStrip,
    alert,
    controls,
    toolbar.element,
    valuesBar,
    status,
    body,
    statistics.element,
  );

  let viewer: PlaneViewer | undefined;
  /** A file read slice by slice, while it is shown. */
  let stream: SliceStream | undefined;
  /** A file read slice by slice: its slice shown arrived (the statistics of the slice follow). */
  let sliceArrived: (() => void) | undefined;
  /** An image shown from its overview: a region at full resolution arrived (or cannot be read). */
  let regionArrived: ((message: Extract<HostMessage, { type: 'region' | 'regionError' }>) => void) | undefined;
  let defaults: ViewDefaults = { colourMap: DEFAULT_COLOUR_MAP, preset: 'auto' };
  let caseInfo: CaseInfo | undefined;
  group.onPresetChosen = (preset) => vscode.postMessage({ type: 'rememberPreset', preset });
  group.setAnnotations((vscode.getState() as EditorState | undefined)?.annotations !== false);

  /** A slice of a file read slice by slice, or the statistics of its sample. */
  const fromStream = (message: Extract<HostMessage, { type: 'slice' | 'sliceError' | 'sampledStats' }>) => {
    if (viewer && stream?.receive(message, viewer.slice)) {
      viewer.refresh();
      sliceArrived?.();
    }
    if (viewer && stream) viewer.setBusy(stream.busy);
  };
  const fromRegion = (message: Extract<HostMessage, { type: 'region' | 'regionError' }>) => regionArrived?.(message);
  const handlers: HostHandlers = {
    showArray: (message) => showArray(message),
    slice: fromStream,
    sliceError: fromStream,
    sampledStats: fromStream,
    region: fromRegion,
    regionError: fromRegion,
    requestExport: (message) => answerExport(message, viewer),
    requestAddOverlay: () => viewer && vscode.postMessage({ type: 'addOverlay' }),
    addedOverlay: ({ overlay }) => {
      overlayContents = [...overlayContents.filter((o) => o.name !== overlay.name), overlay];
      showOverlays();
    },
    viewDefaults: (message) => {
      if (viewer?.getState().colourMap === defaults.colourMap) viewer.setColourMap(message.defaults.colourMap);
      defaults = message.defaults;
    },
    // The case viewer's and the archive's messages.
    showArchive: ignored,
    showCase: ignored,
    showHeldCase: ignored,
    holdCase: ignored,
    caseInfo: ignored,
  };
  document.addEventListener('keydown', (e) => group.handleKey(e));
  vscode.postMessage({ type: 'ready' });
  return handlers;

  /** Shows an array the host sent (again, whole, once every slice of one held whole is here). */
  function showArray(message: Extract<HostMessage, { type: 'showArray' }>): void {
    status.remove();
    stream = undefined;
    sliceArrived = undefined;
    regionArrived = undefined;
    statistics.onOpen = () => undefined;
    if (viewer) group.remove(viewer);
    viewer?.dispose();
    viewer = undefined;
    defaults = message.defaults ?? defaults;
    caseInfo = message.caseInfo;
    overlayContents = message.overlays ?? [];
    body.replaceChildren();
    valuesPart.hidden = true;
    valuesBar.hidden = true;
    valuesPart.replaceChildren(grid.element);
    statistics.clear();
    statistics.show([]);
    controls.replaceChildren();
    info.replaceChildren();
    alert.hidden = true;
    showCase(message.caseInfo);
    const content = message.array;
    title.textContent = content.fileName;
    if ('error' in content) {
      showError(content.fileName, content.error);
      return;
    }
    try {
      if ('overview' in content) viewer = showOverview(content.fileName, content.header, content.overview);
      else
        viewer =
          'sampled' in content
            ? showSliceBySlice(content.fileName, content.header, content.sampled, (data) => {
                // Every slice is here: the array is shown whole, in the same state (kept by fileName), keeping the focus.
                const focused = viewer?.element.contains(document.activeElement);
                showArray({ ...message, array: { fileName: content.fileName, header: content.header, data } });
                if (focused) viewer?.element.focus({ preventScroll: true });
              })
            : show(content.fileName, decodeNpyData(content.header, new Uint8Array(content.data)), message.view);
    } catch (e) {
      showError(content.fileName, errorMessage(e));
    }
    toolbar.element.hidden = !viewer;
    showOverlays();
    toolbar.refresh();
  }

  /** For a file of a dataset: its case, labels and a way to open all its planes. */
  function showCase(caseInfo: CaseInfo | undefined): void {
    caseStrip.hidden = !caseInfo;
    if (!caseInfo) return;
    caseStrip.replaceChildren(
      el('span', { class: 'case-id' }, [`Case ${caseInfo.id}`]),
      el('span', { class: 'case-split' }, [`${caseInfo.dataset} · ${caseInfo.split}`]),
      labelBadges(caseInfo),
      button('Open case (all planes)', 'Open this case in the three-plane viewer', () =>
        vscode.postMessage({ type: 'openCase' }),
      ),
    );
  }

  function showError(fileName: string, message: string): void {
    alert.hidden = false;
    alert.textContent = `Cannot show ${fileName}: ${message}`;
  }

  /**
   * A viewport whose state is saved with the editor's for `fileName`: the restored state, else
   * the defaults (colour map setting, remembered preset) with the histogram shown.
   */
  function planeViewer(fileName: string): {
    plane: PlaneViewer;
    state: EditorState;
    save: () => void;
    initial: Partial<PlaneViewState>;
  } {
    const saved = vscode.getState() as EditorState | undefined;
    const state: EditorState = saved?.fileName === fileName ? saved : { fileName };
    const plane = new PlaneViewer('Slices', 'Slice');
    plane.setCaseLabel(caseInfo && `Case ${caseInfo.id}`);
    const save = () =>
      vscode.setState({ ...state, plane: plane.getState(), annotations: group.annotations } satisfies EditorState);
    plane.onChange = save;
    group.onChange = save;
    group.add(plane);
    body.append(plane.element);
    return {
      plane,
      state,
      save,
      initial: state.plane ?? { colourMap: defaults.colourMap, preset: defaults.preset, histogram: true },
    };
  }

  /**
   * A large file, shown from its first slice: the contrast comes from that slice until the
   * host's sample of slices arrives; one held whole is handed to `onWhole` once every slice is here.
   */
  function showSliceBySlice(
    fileName: string,
    header: NpyHeader,
    sampled: SampledArray,
    onWhole: (data: ArrayBuffer) => void,
  ): PlaneViewer {
    stream = new SliceStream(header, sampled);
    const own = stream;
    const statusText = el('span', { class: 'status' });
    controls.append(statusText);
    const describe = (slices: number) => {
      const figures =
        slices === 1
          ? 'statistics of the first slice until a sample of slices is read'
          : `statistics of ${slices} sampled slices`;
      statusText.textContent = sampled.whole
        ? `Shown from its first slice; the other slices are being read (${formatBytes(header.fileSize)}); ${figures}.`
        : `Read slice by slice along axis 0 (${formatBytes(header.fileSize)}); ${figures}.`;
    };
    describe(1);
    fillInfo(info, header, own.firstStats, 1);
    const { plane, save, initial } = planeViewer(fileName);
    const source = own.source;
    plane.setSource(source, own.firstStats, initial, true);
    plane.setBusy(own.busy);
    own.onStats = (stats, slices) => {
      describe(slices);
      fillInfo(info, header, stats, slices);
      plane.setSource(source, stats, plane.getState(), true);
      plane.setBusy(own.busy);
    };
    own.onWhole = onWhole;
    // The whole array's exact figures: an array held whole has them once its last slice is here;
    // for others they come from every slice, read in the background once the panel is opened
    // (one pass for 8- and 16-bit data, three for others); until then the info panel's sampled
    // figures stand, and the column says how far reading is.
    let whole: { statistics?: ArrayStatistics; note: string } = {
      note: sampled.whole
        ? 'exact once every slice is here (being read)'
        : 'exact once every slice is read (open the panel); sampled figures above',
    };
    if (sampled.whole) {
      // A slice that cannot be read: the array will not be whole, and stays read slice by slice.
      own.onFailed = (message) => {
        statusText.textContent = `${message}. The other slices are read as they are shown.`;
        whole = { note: `not exact: ${message}` };
        showStatistics();
      };
    }
    // Slices arrive along axis 0 in C order, whatever the file's order: positions are C-order ones.
    const { shape } = header;
    const showStatistics = () => {
      const k = plane.slice;
      const label = sliceLabel(plane);
      statistics.show([
        {
          label: 'Whole array',
          scope: 'array',
          statistics: whole.statistics,
          note: whole.note,
          indexOf: (p) => numpyIndex(elementIndex(p, shape, false)),
        },
        {
          label,
          key: `${label} ${own.has(k) ? 'read' : 'reading'}`,
          scope: 'slice',
          values: () => source.slice(k),
          ...(holdsWideIntegers(header.dtype) && {
            wide: () => (own.has(k) ? wideOf(decodeNpy(source.sliceNpy(k)).raw) : undefined),
          }),
          indexOf: (p) => source.indexAt(k, Math.floor(p / source.width), p % source.width),
        },
      ]);
    };
    let started = sampled.whole;
    statistics.onOpen = () => {
      if (started) return;
      started = true;
      void (async () => {
        const accumulator = new StatisticsAccumulator();
        const slices = sliceCount(header);
        const oneSlice = sliceHeader(header);
        try {
          for (let pass = 1; pass <= accumulator.passes; pass++) {
            for (let k = 0; k < slices; k++) {
              if (stream !== own) return; // another file is shown
              const { values, raw } = decodeNpyData(oneSlice, await own.read(k));
              accumulator.add(values, k * values.length, pass, wideOf(raw));
              if (k % Math.max(1, Math.floor(slices / 20)) === 0) {
                whole = {
                  note: `reading every slice for exact figures: pass ${pass} of ${accumulator.passes}, ${Math.round((100 * k) / slices)} %`,
                };
                showStatistics();
              }
            }
          }
          whole = { statistics: accumulator.result(), note: `exact, from all ${slices} slices` };
        } catch (e) {
          whole = { note: `not exact: ${errorMessage(e)}` };
        }
        if (stream === own) showStatistics();
      })();
    };
    plane.onChange = () => {
      save();
      showStatistics();
    };
    sliceArrived = showStatistics;
    showStatistics();
    save();
    return plane;
  }

  /**
   * One image too large to hold, from its overview (every `step`-th row and column): the
   * figures are the overview's; where the user zooms in, the region on screen is read at full resolution.
   */
  function showOverview(
    fileName: string,
    header: NpyHeader,
    overview: { step: number; data: ArrayBuffer },
  ): PlaneViewer {
    const { step } = overview;
    const { height, width } = imageShape(header);
    const part = (rows: number, cols: number, data: ArrayBuffer) =>
      decodeNpyData(partHeader(header, partShape(header, rows, cols)), new Uint8Array(data));
    const rows = Math.ceil(height / step);
    const cols = Math.ceil(width / step);
    const whole = part(rows, cols, overview.data);
    // A pixel's index is that of the element of the whole image it stands for.
    const grey3 = header.shape.length === 3 && header.shape[2] === 1 ? ', 0' : ''; // (H, W, 1)
    const indexed = (source: PlaneSource, y0: number, x0: number, by: number): PlaneSource => ({
      ...source,
      indexAt: (_k, y, x) => `[${y0 + y * by}, ${x0 + x * by}${grey3}]`,
    });
    const source = indexed(planeSource(whole), 0, 0, step);
    const stats = volumeStats(whole.values);
    fillInfo(info, header, stats, rows);
    controls.append(
      el('span', { class: 'status' }, [
        `One image too large to hold (${formatBytes(header.fileSize)}): shown from an overview of one row and column in ${step} (${rows} x ${cols}); zoom in for full resolution.`,
      ]),
    );
    const { plane, initial } = planeViewer(fileName);
    plane.setSource(source, stats, initial, true);
    plane.setOverview({ step, height, width, want: (region) => vscode.postMessage({ type: 'readRegion', region }) });
    regionArrived = (message) => {
      if (message.type === 'regionError') plane.regionFailed(message.region, message.message);
      else
        plane.showRegion(
          message.region,
          indexed(
            planeSource(part(message.region.height, message.region.width, message.data)),
            message.region.y0,
            message.region.x0,
            1,
          ),
        );
    };
    statistics.show([
      {
        label: `Overview (one row and column in ${step})`,
        scope: 'slice',
        values: () => source.slice(0),
        indexOf: (p) =>
          source.indexAt(
            0,
            Math.floor(p / (cols * source.channels)),
            Math.floor((p % (cols * source.channels)) / source.channels),
          ),
      },
    ]);
    return plane;
  }

  function show(fileName: string, array: NpyArray, remembered: unknown): PlaneViewer | undefined {
    const stats = volumeStats(array.values);
    fillInfo(info, array.header, stats, undefined, wideIntegerStats(array));
    if (array.header.count === 0 && array.header.shape.length > 0) {
      body.append(
        el('p', { class: 'status' }, [
          `The array is empty (shape ${array.header.shapeText}): there is nothing to draw.`,
        ]),
      );
      return undefined;
    }
    const { shape, fortranOrder } = array.header;
    const whole: StatisticsScope = {
      label: 'Whole array',
      scope: 'array',
      values: () => array.values,
      wide: () => wideOf(array.raw),
      cOrder: cOrderOf(shape, fortranOrder),
      indexOf: (p) => numpyIndex(elementIndex(p, shape, fortranOrder)),
    };
    // 64-bit integers: a slice's exact figures come from its elements as stored.
    const wideSlice = holdsWideIntegers(array.header.dtype)
      ? (s: PlaneSource, k: number) => wideOf(decodeNpy(s.sliceNpy(k)).raw)
      : undefined;
    if (shape.length < 2) {
      valuesPart.hidden = false;
      body.append(valuesPart);
      grid.element.hidden = false;
      grid.setShading(undefined);
      grid.show(valuesSource(array), 0);
      statistics.show([whole]);
      // A 1-D array is also a line, drawn by the charts bundle (loaded now, not with every file).
      if (shape.length === 1 && array.header.count > 1) {
        loadCharts().then(
          (charts) =>
            valuesPart.isConnected &&
            valuesPart.prepend(charts.linePlot(array.values, 'Line plot', (i) => formatElement(array, i))),
          (e: unknown) =>
            valuesPart.prepend(el('p', { role: 'alert', class: 'error' }, [`No line plot: ${errorMessage(e)}`])),
        );
      }
      return undefined;
    }
    const { plane, state, save, initial } = planeViewer(fileName);
    let source: PlaneSource | undefined;
    const showStatistics = () => {
      const k = plane.slice;
      const shown = source;
      if (!shown) return;
      const perRow = shown.width * shown.channels;
      statistics.show([
        whole,
        {
          label: sliceLabel(plane),
          scope: 'slice',
          values: () => shown.slice(k),
          wide: wideSlice && (() => wideSlice(shown, k)),
          indexOf: (p) => shown.indexAt(k, Math.floor(p / perRow), Math.floor((p % perRow) / shown.channels)),
        },
      ]);
    };
    // The values grid: shown on demand, following the slice; the pointer over either marks the other.
    const valuesState: { shown: boolean; shaded: boolean; mosaic: boolean; mosaicOf: 'slices' | 'index' } = {
      shown: false,
      shaded: true,
      mosaic: false,
      mosaicOf: 'slices',
    };
    const showValues = () => {
      grid.element.hidden = !valuesState.shown;
      valuesPart.hidden = !valuesState.shown && !valuesState.mosaic;
      if (valuesState.shown && source) {
        grid.setShading(valuesState.shaded ? (v) => plane.colourOf(v) : undefined);
        grid.show(source, plane.slice);
      }
    };
    body.append(valuesPart);
    valuesBar.hidden = false;
    valuesBar.replaceChildren(
      toggle('Show values', false, (on) => {
        valuesState.shown = on;
        showValues();
      }),
      toggle('Shade values by the colour map', true, (on) => {
        valuesState.shaded = on;
        showValues();
      }),
      button('Export Slice as CSV…', 'Export Slice as CSV… (the values of the slice shown)', () =>
        vscode.postMessage({ type: 'exportSlice', format: 'csv' }),
      ),
    );
    grid.element.hidden = true;
    // The mosaic: every n-th slice in the viewer's window and colours; redrawn when those change.
    const sliceTiles = (): MosaicTiles => ({
      count: plane.depth,
      name: (k) => `Slice ${k}`,
      image: (k) => ({ slice: k }),
      pick: (k) => {
        plane.setSlice(k);
        plane.element.focus({ preventScroll: true });
      },
    });
    // A 4-D or larger array (a batch of volumes or images): one tile per index of the first held axis, at the slice shown.
    const batchTiles = (axis: number): MosaicTiles => ({
      count: shape[axis],
      name: (i) => `Index ${i}`,
      image: (i) => ({
        source: planeSource(array, { ...view, index: view.index.map((at, a) => (a === axis ? i : at)) }),
        slice: plane.slice,
      }),
      pick: (i) => {
        view.index[axis] = i;
        fillControls();
        reslice(plane.getState());
        remember();
      },
    });
    const mosaic = new MosaicView(plane, sliceTiles());
    mosaic.element.hidden = true;
    valuesPart.append(mosaic.element);
    let painted = '';
    const showMosaic = (force = false) => {
      mosaic.element.hidden = !valuesState.mosaic;
      valuesPart.hidden = !valuesState.shown && !valuesState.mosaic;
      const shown = plane.shown;
      const batch = valuesState.mosaicOf === 'index' ? heldAxes(view).find((axis) => shape[axis] > 1) : undefined;
      const look = `${shown?.window.low},${shown?.window.high},${plane.getState().colourMap},${plane.getState().invert},${plane.getState().scale}${batch === undefined ? '' : `,${plane.slice}`}`;
      if (valuesState.mosaic && (force || look !== painted)) {
        painted = look;
        mosaic.show(batch === undefined ? sliceTiles() : batchTiles(batch));
      }
    };
    valuesBar.append(
      toggle('Show mosaic', false, (on) => {
        valuesState.mosaic = on;
        showMosaic(true);
      }),
    );
    if (shape.length >= 4) {
      const of = el('select', { 'aria-label': 'Mosaic of' }, [
        el('option', { value: 'slices' }, ['slices']),
        el('option', { value: 'index' }, ['the first held axis (a batch)']),
      ]);
      of.addEventListener('change', () => {
        valuesState.mosaicOf = of.value as 'slices' | 'index';
        showMosaic(true);
      });
      valuesBar.append(el('label', { class: 'control' }, ['Mosaic of ', of]));
    }
    plane.onHover = (p) => {
      if (valuesState.shown) grid.mark(p && { row: p.y, col: p.x });
    };
    grid.onHover = (c) => plane.mark(c && { x: c.col, y: c.row });
    plane.onChange = () => {
      save();
      showStatistics();
      showValues();
      showMosaic();
    };
    const lastColour = colourAxis(array) >= 0;
    const firstColour = colourAxis(array, true) >= 0;
    // The view: this editor's own (kept when the page reloads), else the one remembered for the file, else NumPy's.
    let view: ArrayView = checkedView(array, state.view) ?? checkedView(array, remembered) ?? defaultView(array)!;
    // The default contrast of a 4-D or larger array is that of the volume shown, unless asked otherwise.
    const windowStats = () =>
      heldAxes(view).length && !state.wholeArrayWindow ? volumeStats(viewValues(array, view)) : stats;
    const reslice = (keep: Partial<PlaneViewState>) => {
      state.view = view;
      source = planeSource(array, view);
      plane.setSource(source, windowStats(), keep);
      showStatistics();
      showValues();
      showMosaic(true);
      showOverlays();
      save();
    };
    // A new view keeps the contrast but starts at the middle slice.
    const contrastOnly = () => withoutSlice(plane.getState());
    // A view the user chose is remembered for the file (one only opened is not).
    const remember = () => vscode.postMessage({ type: 'rememberView', view });
    const change = (next: ArrayView) => {
      view = next;
      fillControls();
      reslice(contrastOnly());
      remember();
    };
    const fillControls = () => {
      controls.replaceChildren();
      if (lastColour)
        controls.append(
          toggle('Show channels as slices', view.channel < 0, (on) => change(defaultView(array, { asChannels: on })!)),
        );
      if (firstColour)
        controls.append(
          toggle('Show channels first (C, H, W) as a colour image', view.channel === shape.length - 3, (on) =>
            change(defaultView(array, { channelsFirst: on })!),
          ),
        );
      const axes = shape.map((_, axis) => axis).filter((axis) => axis !== view.channel);
      if (view.slice >= 0)
        controls.append(
          axisSelect(
            'View along axis',
            axes,
            shape,
            view.slice,
            (axis) => change(withAxis(view, 'slice', axis)),
            ' slices',
          ),
        );
      controls.append(axisSelect('Image rows', axes, shape, view.rows, (axis) => change(withAxis(view, 'rows', axis))));
      controls.append(
        axisSelect('Image columns', axes, shape, view.cols, (axis) => change(withAxis(view, 'cols', axis))),
      );
      for (const axis of heldAxes(view).filter((a) => shape[a] > 1)) {
        controls.append(
          indexSlider(axis, shape[axis], view.index[axis], (index) => {
            view.index[axis] = index;
            reslice(contrastOnly());
            remember();
          }),
        );
      }
      if (heldAxes(view).length) {
        controls.append(
          toggle('One window for the whole array', state.wholeArrayWindow === true, (on) => {
            state.wholeArrayWindow = on;
            reslice(contrastOnly());
          }),
        );
      }
    };
    fillControls();
    reslice(initial);
    return plane;
  }
}

/**
 * `sampled`: the statistics are of that many slices, not of the whole array; `exact`: the
 * minimum, maximum and mean of 64-bit integers, which float64 would round.
 */
function fillInfo(
  info: HTMLElement,
  header: NpyHeader,
  stats: VolumeStats,
  sampled?: number,
  exact?: { min: string; max: string; mean: string },
): void {
  const rows: [string, string, string][] = [
    ['shape', 'Shape', header.shapeText],
    ['dtype', 'Dtype', describeDType(header.dtype)],
    ['order', 'Order', header.fortranOrder ? 'Fortran (column-major)' : 'C (row-major)'],
    ['version', 'Format', `.npy ${header.version}`],
    ['size', 'File size', formatBytes(header.fileSize)],
    ['min', sampled ? 'Min (sampled)' : 'Min', exact?.min ?? formatStat(stats.min)],
    ['max', sampled ? 'Max (sampled)' : 'Max', exact?.max ?? formatStat(stats.max)],
    ['mean', sampled ? 'Mean (sampled)' : 'Mean', exact?.mean ?? formatStat(stats.mean)],
  ];
  const counted = sampled ? ' (sampled)' : '';
  for (const [field, label, n] of [
    ['nan', 'NaN', stats.nan],
    ['posinf', '+inf', stats.posInf],
    ['neginf', '-inf', stats.negInf],
  ] as const) {
    if (n > 0) rows.push([field, `${label}${counted}`, n.toLocaleString('en-US')]);
  }
  if (header.dtype.kind === 'complex') rows.push(['note', 'Shown', 'magnitude |z|']);
  info.replaceChildren(
    ...rows.map(([field, label, value]) =>
      el('div', { 'data-field': field }, [el('dt', {}, [label]), el('dd', {}, [value])]),
    ),
  );
}

/** The statistics column of the slice shown: "Slice a[21, :, :]". */
function sliceLabel(plane: PlaneViewer): string {
  return `Slice a${numpyIndex(plane.sliceIndex().map((i) => (i === null ? ':' : String(i))))}`;
}

/** An index as NumPy writes it: [21, 40, 30], [21, :, :]. */
function numpyIndex(index: readonly (number | string)[]): string {
  return index.length ? `[${index.join(', ')}]` : '()';
}

function toggle(label: string, checked: boolean, onChange: (on: boolean) => void): HTMLElement {
  const input = el('input', { type: 'checkbox', 'aria-label': label });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return el('label', { class: 'control' }, [input, ` ${label}`]);
}

/** A choice of axis: "View along axis 1 (40 slices)", "Image rows axis 2 (256)". */
function axisSelect(
  label: string,
  axes: number[],
  shape: number[],
  axis: number,
  onChange: (axis: number) => void,
  unit = '',
): HTMLElement {
  const select = el('vscode-single-select', { 'aria-label': label, class: 'axis-select' });
  for (const a of axes) {
    const option = el('vscode-option', { value: String(a) }, [`axis ${a} (${shape[a]}${unit})`]);
    if (a === axis) option.setAttribute('selected', '');
    select.append(option);
  }
  select.addEventListener('change', () => onChange(Number(select.value)));
  return el('label', { class: 'control' }, [`${label.replace(/ axis$/, '')} `, select]);
}

function indexSlider(axis: number, size: number, value: number, onChange: (index: number) => void): HTMLElement {
  const label = `Axis ${axis} index`;
  const input = el('input', {
    type: 'range',
    min: '0',
    max: String(size - 1),
    step: '1',
    value: String(value),
    'aria-label': label,
  });
  const shown = el('span', { class: 'slice-number' }, [`${value} / ${size}`]);
  input.addEventListener('input', () => {
    shown.textContent = `${input.value} / ${size}`;
    onChange(Number(input.value));
  });
  return el('label', { class: 'control' }, [`${label} `, input, shown]);
}
