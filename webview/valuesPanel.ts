import { PlaneSource } from '../src/shared/npy/planeSource';
import { button, el } from './dom';
import { EditorParts } from './editorParts';
import { toggle } from './editorControls';
import { MosaicTiles, MosaicView } from './mosaicView';
import { PlaneViewer } from './planeViewer';
import { vscode } from './vscodeApi';

/**
 * Beside the image: the slice's values as a grid (on demand, following the slice; the pointer
 * over either marks the other) and the mosaic of every n-th slice in the viewer's window and
 * colours (redrawn when those change), with their switches above.
 */
export class ValuesPanel {
  private values = false;
  private shaded = true;
  private mosaicShown = false;
  private mosaicOf: 'slices' | 'index' = 'slices';
  private readonly mosaic: MosaicView;
  /** The look the mosaic was last painted in. */
  private painted = '';

  constructor(
    private readonly parts: EditorParts,
    private readonly plane: PlaneViewer,
    private readonly source: () => PlaneSource | undefined,
    /** A 4-D or larger array's tiles, one per index of its first held axis; undefined when it has none. */
    private readonly batchTiles: () => MosaicTiles | undefined,
    batched: boolean,
  ) {
    const { body, valuesBar, valuesPart, grid } = parts;
    body.append(valuesPart);
    valuesBar.hidden = false;
    valuesBar.replaceChildren(
      toggle('Show values', false, (on) => {
        this.values = on;
        this.showValues();
      }),
      toggle('Shade values by the colour map', true, (on) => {
        this.shaded = on;
        this.showValues();
      }),
      csvExport(),
    );
    grid.element.hidden = true;
    this.mosaic = new MosaicView(plane, this.sliceTiles());
    this.mosaic.element.hidden = true;
    valuesPart.append(this.mosaic.element);
    valuesBar.append(
      toggle('Show mosaic', false, (on) => {
        this.mosaicShown = on;
        this.showMosaic(true);
      }),
    );
    if (batched) valuesBar.append(this.mosaicOfSelect());
    plane.onHover = (p) => {
      if (this.values) grid.mark(p && { row: p.y, col: p.x });
    };
    grid.onHover = (c) => plane.mark(c && { x: c.col, y: c.row });
  }

  showValues(): void {
    const { grid, valuesPart } = this.parts;
    grid.element.hidden = !this.values;
    valuesPart.hidden = !this.values && !this.mosaicShown;
    const source = this.source();
    if (this.values && source) {
      grid.setShading(this.shaded ? (v) => this.plane.colourOf(v) : undefined);
      grid.show(source, this.plane.slice);
    }
  }

  /** Paints the mosaic when its look changed (or always, `force`). */
  showMosaic(force = false): void {
    const { plane } = this;
    this.mosaic.element.hidden = !this.mosaicShown;
    this.parts.valuesPart.hidden = !this.values && !this.mosaicShown;
    const batch = this.mosaicOf === 'index' ? this.batchTiles() : undefined;
    const shown = plane.shown;
    const { colourMap, invert, scale } = plane.getState();
    const look = `${shown?.window.low},${shown?.window.high},${colourMap},${invert},${scale}${batch === undefined ? '' : `,${plane.slice}`}`;
    if (this.mosaicShown && (force || look !== this.painted)) {
      this.painted = look;
      this.mosaic.show(batch ?? this.sliceTiles());
    }
  }

  private sliceTiles(): MosaicTiles {
    return {
      count: this.plane.depth,
      name: (k) => `Slice ${k}`,
      image: (k) => ({ slice: k }),
      pick: (k) => {
        this.plane.setSlice(k);
        this.plane.element.focus({ preventScroll: true });
      },
    };
  }

  private mosaicOfSelect(): HTMLElement {
    const of = el('select', { 'aria-label': 'Mosaic of' }, [
      el('option', { value: 'slices' }, ['slices']),
      el('option', { value: 'index' }, ['the first held axis (a batch)']),
    ]);
    of.addEventListener('change', () => {
      this.mosaicOf = of.value as 'slices' | 'index';
      this.showMosaic(true);
    });
    return el('label', { class: 'control' }, ['Mosaic of ', of]);
  }
}

/** Export Slice as CSV…: what the extension does (a save dialog), so not in a notebook output's page. */
function csvExport(): HTMLElement {
  const b = button('Export Slice as CSV…', 'Export Slice as CSV… (the values of the slice shown)', () =>
    vscode.postMessage({ type: 'exportSlice', format: 'csv' }),
  );
  b.dataset.needsExtension = '';
  return b;
}
