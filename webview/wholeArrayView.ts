import { NpyArray } from '../src/shared/npy/npyArray';
import { decodeNpy, wideIntegerStats } from '../src/shared/npy/decode';
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
import { cOrderOf, elementIndex, holdsWideIntegers, wideOf } from '../src/shared/statistics';
import { VolumeStats, volumeStats } from '../src/shared/windowing';
import { formatElement } from '../src/shared/npy/formatValue';
import { errorMessage } from '../src/shared/errorMessage';
import { el } from './dom';
import { EditorParts, EditorState } from './editorParts';
import { axisSelect, fillInfo, indexSlider, numpyIndex, sliceLabel, toggle } from './editorControls';
import { MosaicTiles } from './mosaicView';
import { PlaneViewState, PlaneViewer, withoutSlice } from './planeViewer';
import { StatisticsScope } from './statisticsView';
import { ValuesPanel } from './valuesPanel';
import { loadCharts } from './charts/chartsApi';
import { vscode } from './vscodeApi';

/**
 * An array held whole: its info and statistics, and a viewport of the view chosen (`remembered`
 * for the file, else NumPy's); 0-D and 1-D arrays as values (and a line plot), an empty array
 * as a note. The viewport, if any, is returned.
 */
export function showWholeArray(
  parts: EditorParts,
  fileName: string,
  array: NpyArray,
  remembered: unknown,
): PlaneViewer | undefined {
  const stats = volumeStats(array.values);
  fillInfo(parts.info, array.header, stats, undefined, wideIntegerStats(array));
  const { shape, fortranOrder, count, shapeText } = array.header;
  if (count === 0 && shape.length > 0) {
    parts.body.append(
      el('p', { class: 'status' }, [`The array is empty (shape ${shapeText}): there is nothing to draw.`]),
    );
    return undefined;
  }
  const whole: StatisticsScope = {
    label: 'Whole array',
    scope: 'array',
    values: () => array.values,
    wide: () => wideOf(array.raw),
    cOrder: cOrderOf(shape, fortranOrder),
    indexOf: (p) => numpyIndex(elementIndex(p, shape, fortranOrder)),
  };
  if (shape.length >= 2) return new WholeArrayView(parts, fileName, array, stats, whole, remembered).plane;
  showValuesOnly(parts, array, whole);
  return undefined;
}

/** A 0-D or 1-D array: its values in the grid, and a 1-D one also as a line. */
function showValuesOnly(parts: EditorParts, array: NpyArray, whole: StatisticsScope): void {
  const { valuesPart, body, grid, statistics } = parts;
  valuesPart.hidden = false;
  body.append(valuesPart);
  grid.element.hidden = false;
  grid.setShading(undefined);
  grid.show(valuesSource(array), 0);
  statistics.show([whole]);
  // The line is drawn by the charts bundle (loaded now, not with every file).
  if (array.header.shape.length !== 1 || array.header.count <= 1) return;
  loadCharts().then(
    (charts) =>
      valuesPart.isConnected &&
      valuesPart.prepend(charts.linePlot(array.values, 'Line plot', (i) => formatElement(array, i))),
    (e: unknown) =>
      valuesPart.prepend(el('p', { role: 'alert', class: 'error' }, [`No line plot: ${errorMessage(e)}`])),
  );
}

/** A 2-D or larger array in one viewport: the axes chosen above it, the values and mosaic beside it. */
class WholeArrayView {
  readonly plane: PlaneViewer;
  private readonly state: EditorState;
  private readonly save: () => void;
  private view: ArrayView;
  private source?: PlaneSource;
  private readonly values: ValuesPanel;

  constructor(
    private readonly parts: EditorParts,
    fileName: string,
    private readonly array: NpyArray,
    private readonly stats: VolumeStats,
    private readonly whole: StatisticsScope,
    remembered: unknown,
  ) {
    const { plane, state, save, initial } = parts.planeViewer(fileName);
    this.plane = plane;
    this.state = state;
    this.save = save;
    // The view: this editor's own (kept when the page reloads), else the one remembered for the file, else NumPy's.
    this.view = checkedView(array, state.view) ?? checkedView(array, remembered) ?? defaultView(array)!;
    this.values = new ValuesPanel(
      parts,
      plane,
      () => this.source,
      () => this.batchTiles(),
      array.header.shape.length >= 4,
    );
    plane.onChange = () => {
      save();
      this.showStatistics();
      this.values.showValues();
      this.values.showMosaic();
    };
    this.fillControls();
    this.reslice(initial);
  }

  /** The default contrast of a 4-D or larger array is that of the volume shown, unless asked otherwise. */
  private windowStats(): VolumeStats {
    return heldAxes(this.view).length && !this.state.wholeArrayWindow
      ? volumeStats(viewValues(this.array, this.view))
      : this.stats;
  }

  private reslice(keep: Partial<PlaneViewState>): void {
    this.state.view = this.view;
    this.source = planeSource(this.array, this.view);
    this.plane.setSource(this.source, this.windowStats(), keep);
    this.showStatistics();
    this.values.showValues();
    this.values.showMosaic(true);
    this.parts.showOverlays();
    this.save();
  }

  /** A new view keeps the contrast but starts at the middle slice. */
  private contrastOnly(): Partial<PlaneViewState> {
    return withoutSlice(this.plane.getState());
  }

  /** A view the user chose is remembered for the file (one only opened is not). */
  private remember(): void {
    vscode.postMessage({ type: 'rememberView', view: this.view });
  }

  private change(next: ArrayView): void {
    this.view = next;
    this.fillControls();
    this.reslice(this.contrastOnly());
    this.remember();
  }

  private showStatistics(): void {
    const { plane, source: shown, array } = this;
    if (!shown) return;
    const k = plane.slice;
    const perRow = shown.width * shown.channels;
    // 64-bit integers: a slice's exact figures come from its elements as stored.
    const wide = holdsWideIntegers(array.header.dtype) ? () => wideOf(decodeNpy(shown.sliceNpy(k)).raw) : undefined;
    this.parts.statistics.show([
      this.whole,
      {
        label: sliceLabel(plane),
        scope: 'slice',
        values: () => shown.slice(k),
        wide,
        indexOf: (p) => shown.indexAt(k, Math.floor(p / perRow), Math.floor((p % perRow) / shown.channels)),
      },
    ]);
  }

  /** A 4-D or larger array (a batch of volumes or images): one tile per index of the first held axis, at the slice shown. */
  private batchTiles(): MosaicTiles | undefined {
    const { shape } = this.array.header;
    const axis = heldAxes(this.view).find((a) => shape[a] > 1);
    if (axis === undefined) return undefined;
    return {
      count: shape[axis],
      name: (i) => `Index ${i}`,
      image: (i) => ({
        source: planeSource(this.array, { ...this.view, index: this.view.index.map((at, a) => (a === axis ? i : at)) }),
        slice: this.plane.slice,
      }),
      pick: (i) => {
        this.view.index[axis] = i;
        this.fillControls();
        this.reslice(this.plane.getState());
        this.remember();
      },
    };
  }

  /** The axis choices, an index slider per held axis, and the colour switches, for the view shown. */
  private fillControls(): void {
    const { controls } = this.parts;
    const { array, view, state } = this;
    const { shape } = array.header;
    controls.replaceChildren();
    if (colourAxis(array) >= 0)
      controls.append(
        toggle('Show channels as slices', view.channel < 0, (on) =>
          this.change(defaultView(array, { asChannels: on })!),
        ),
      );
    if (colourAxis(array, true) >= 0)
      controls.append(
        toggle('Show channels first (C, H, W) as a colour image', view.channel === shape.length - 3, (on) =>
          this.change(defaultView(array, { channelsFirst: on })!),
        ),
      );
    const axes = shape.map((_, axis) => axis).filter((axis) => axis !== view.channel);
    const choose = (role: 'rows' | 'cols' | 'slice') => (axis: number) => this.change(withAxis(this.view, role, axis));
    if (view.slice >= 0)
      controls.append(axisSelect('View along axis', axes, shape, view.slice, choose('slice'), ' slices'));
    controls.append(axisSelect('Image rows', axes, shape, view.rows, choose('rows')));
    controls.append(axisSelect('Image columns', axes, shape, view.cols, choose('cols')));
    for (const axis of heldAxes(view).filter((a) => shape[a] > 1))
      controls.append(
        indexSlider(axis, shape[axis], view.index[axis], (index) => {
          this.view.index[axis] = index;
          this.reslice(this.contrastOnly());
          this.remember();
        }),
      );
    if (heldAxes(view).length)
      controls.append(
        toggle('One window for the whole array', state.wholeArrayWindow === true, (on) => {
          state.wholeArrayWindow = on;
          this.reslice(this.contrastOnly());
        }),
      );
  }
}
