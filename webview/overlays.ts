import { COLOUR_MAPS, ColourMapName, colourMapLabel, colourMapTable, isColourMap } from '../src/shared/colourMaps';
import { formatStat } from '../src/shared/format';
import { decodeNpyData } from '../src/shared/npy/decode';
import { NpyArray, NumericArray } from '../src/shared/npy/npyArray';
import { blendHeatmap } from '../src/shared/overlay/blend';
import { overlayKind } from '../src/shared/overlay/fit';
import { MaskStyle, blendMask, labelColour } from '../src/shared/overlay/mask';
import { resizeBilinear } from '../src/shared/overlay/resize';
import { OverlayContent } from '../src/shared/protocol';
import { Window, range } from '../src/shared/windowing';
import { clearedCanvas, el } from './dom';
import { errorMessage } from '../src/shared/errorMessage';

/** What a viewer remembers of an overlay. */
export interface OverlayState {
  shown: boolean;
  opacity: number;
  colourMap: ColourMapName;
  /** Heatmaps: values below it are not drawn. */
  threshold: number;
  /** Masks: fill, outline or both, and the labels hidden. */
  style: MaskStyle;
  hiddenLabels: number[];
}

/**
 * An array drawn over a plane, with its controls in the plane, each named after it ("cam
 * overlay", "cam opacity"): a heatmap, a label mask, or per-slice scores.
 */
export abstract class Overlay {
  readonly element: HTMLElement;
  /** Per-slice scores draw a strip along the slice slider; the others none. */
  readonly strip?: HTMLElement;
  state: OverlayState;
  protected readonly depth: number;
  protected readonly height: number;
  protected readonly width: number;
  private readonly checkbox: HTMLInputElement;

  /** @param changed called after the user changed a control: the plane repaints and saves. */
  constructor(
    readonly name: string,
    protected readonly array: NpyArray,
    saved: Partial<OverlayState> | undefined,
    protected readonly changed: () => void,
  ) {
    [this.depth, this.height = 1, this.width = 1] = array.header.shape;
    this.state = {
      shown: true,
      opacity: 0.4,
      colourMap: 'jet',
      threshold: -Infinity,
      style: 'both',
      hiddenLabels: [],
      ...this.defaults(),
      ...saved,
    };
    this.checkbox = el('input', { type: 'checkbox', 'aria-label': `${name} overlay` });
    this.checkbox.checked = this.state.shown;
    this.checkbox.addEventListener(
      'change',
      this.update(() => (this.state.shown = this.checkbox.checked)),
    );
    this.element = el('div', { class: 'overlay', role: 'group', 'aria-label': `${name} overlay settings` }, [
      el('label', { class: 'control' }, [this.checkbox, ` ${name}`]),
      ...this.controls(),
    ]);
  }

  setShown(shown: boolean): void {
    this.state.shown = shown;
    this.checkbox.checked = shown;
  }

  /** Draws slice `k` over the plane's painted pixels (`width` x `height`). */
  abstract blend(k: number, pixels: Uint32Array, width: number, height: number): void;

  /** The readout's line for image pixel (x, y) of slice k, when shown. */
  abstract readout(k: number, x: number, y: number, width: number, height: number): string;

  /** Marks slice k (per-slice scores). */
  showSlice?(k: number): void;

  protected abstract defaults(): Partial<OverlayState>;
  protected abstract controls(): HTMLElement[];

  /** An event handler that changes the state, then repaints and saves. */
  protected update(f: () => void): () => void {
    return () => {
      f();
      this.changed();
    };
  }

  protected opacityControl(): HTMLElement {
    const opacity = el('input', {
      type: 'range',
      min: '0',
      max: '1',
      step: '0.05',
      'aria-label': `${this.name} opacity`,
      title: 'Opacity',
    });
    opacity.value = String(this.state.opacity);
    opacity.addEventListener(
      'input',
      this.update(() => (this.state.opacity = Number(opacity.value))),
    );
    return el('label', { class: 'control' }, ['opacity ', opacity]);
  }

  protected colourMapControl(): HTMLElement {
    const select = el(
      'select',
      { class: 'colour-map', 'aria-label': `${this.name} colour map` },
      COLOUR_MAPS.map((m) => el('option', { value: m }, [colourMapLabel(m)])),
    );
    select.value = this.state.colourMap;
    select.addEventListener(
      'change',
      this.update(() => {
        if (isColourMap(select.value)) this.state.colourMap = select.value;
      }),
    );
    return select;
  }

  /** Slice k of the overlay's images, row-major (a view in C order; gathered in Fortran order). */
  protected sourceSlice(k: number): NumericArray {
    const size = this.height * this.width;
    const values = this.array.values;
    if (!this.array.header.fortranOrder) return values.subarray(k * size, (k + 1) * size);
    const out = new Float32Array(size);
    for (let y = 0; y < this.height; y++)
      for (let x = 0; x < this.width; x++)
        out[y * this.width + x] = values[k + y * this.depth + x * this.depth * this.height];
    return out;
  }
}

/** The range of an array's finite values, as a window that is never empty. */
function valueWindow(values: NumericArray): Window {
  const { min, max, finite } = range(values, 0, values.length);
  return finite ? { low: min, high: max > min ? max : min + 1 } : { low: 0, high: 1 };
}

/**
 * A heatmap (a CAM, a saliency or probability map) of shape (slices, h, w): each slice resized
 * to the image bilinearly (as cv2.resize INTER_LINEAR), coloured through its own colour map in
 * its own window (the overlay's range) and blended at its opacity, above its threshold.
 */
class HeatmapOverlay extends Overlay {
  private window_?: Window;
  private resized = new Float32Array(0);
  private resizedSlice = -1;

  /** The overlay's own window: [0, 1] for values that all lie there (probabilities, normalised CAMs), else their range. */
  private get window(): Window {
    if (!this.window_) {
      const w = valueWindow(this.array.values);
      this.window_ = w.low >= 0 && w.high <= 1 ? { low: 0, high: 1 } : w;
    }
    return this.window_;
  }

  blend(k: number, pixels: Uint32Array, width: number, height: number): void {
    if (this.state.shown)
      blendHeatmap(
        pixels,
        this.slice(k, width, height),
        this.window,
        colourMapTable(this.state.colourMap, false),
        this.state.opacity,
        this.state.threshold,
      );
  }

  readout(k: number, x: number, y: number, width: number, height: number): string {
    return `${this.name} ${formatStat(this.slice(k, width, height)[y * width + x])}`;
  }

  /** JET at 0.4 as in the CAM papers; the faintest tenth of the window is not drawn. */
  protected defaults(): Partial<OverlayState> {
    return { colourMap: 'jet', threshold: this.window.low + (this.window.high - this.window.low) / 10 };
  }

  protected controls(): HTMLElement[] {
    const threshold = el('input', {
      type: 'number',
      step: 'any',
      class: 'window-number',
      'aria-label': `${this.name} threshold`,
      title: 'Values below this are not drawn',
    });
    threshold.value = String(Number(this.state.threshold.toPrecision(6)));
    threshold.addEventListener(
      'change',
      this.update(() => {
        const t = Number(threshold.value);
        if (threshold.value !== '' && Number.isFinite(t)) this.state.threshold = t;
      }),
    );
    return [
      this.opacityControl(),
      this.colourMapControl(),
      el('label', { class: 'control' }, ['threshold ', threshold]),
      el('span', { class: 'overlay-range' }, [`${formatStat(this.window.low)} – ${formatStat(this.window.high)}`]),
    ];
  }

  private slice(k: number, width: number, height: number): Float32Array {
    if (this.resizedSlice !== k || this.resized.length !== width * height) {
      if (this.resized.length !== width * height) this.resized = new Float32Array(width * height);
      resizeBilinear(this.sourceSlice(k), this.width, this.height, width, height, this.resized);
      this.resizedSlice = k;
    }
    return this.resized;
  }
}

/** A label mask of the image's own shape: each label in its tab10 colour, filled and/or outlined, each shown or hidden. */
class MaskOverlay extends Overlay {
  blend(k: number, pixels: Uint32Array, width: number, height: number): void {
    if (this.state.shown)
      blendMask(
        pixels,
        this.sourceSlice(k),
        width,
        height,
        this.state.opacity,
        this.state.style,
        new Set(this.state.hiddenLabels),
      );
  }

  readout(k: number, x: number, y: number): string {
    return `${this.name} ${this.sourceSlice(k)[y * this.width + x]}`;
  }

  protected defaults(): Partial<OverlayState> {
    return { opacity: 0.35 };
  }

  protected controls(): HTMLElement[] {
    const style = el('select', { 'aria-label': `${this.name} style`, class: 'colour-map' }, [
      el('option', { value: 'both' }, ['Fill and outline']),
      el('option', { value: 'fill' }, ['Fill']),
      el('option', { value: 'outline' }, ['Outline']),
    ]);
    style.value = this.state.style;
    style.addEventListener(
      'change',
      this.update(() => (this.state.style = style.value as MaskStyle)),
    );
    const labels = [...new Set(this.array.values)].filter((l) => l !== 0).sort((a, b) => a - b);
    const toggles = labels.map((label) => {
      const box = el('input', { type: 'checkbox', 'aria-label': `${this.name} label ${label}` });
      box.checked = !this.state.hiddenLabels.includes(label);
      box.addEventListener(
        'change',
        this.update(() => {
          this.state.hiddenLabels = box.checked
            ? this.state.hiddenLabels.filter((l) => l !== label)
            : [...this.state.hiddenLabels, label];
        }),
      );
      const swatch = el('span', { class: 'swatch' });
      swatch.style.background = cssColour(labelColour(label));
      return el('label', { class: 'control' }, [box, swatch, String(label)]);
    });
    return [this.opacityControl(), style, ...toggles];
  }
}

/** Scores, one per slice (a per-slice attention or probability): a strip along the slice slider; a click goes to that slice. */
class ScoresOverlay extends Overlay {
  declare readonly strip: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private current = 0;

  constructor(
    name: string,
    array: NpyArray,
    saved: Partial<OverlayState> | undefined,
    changed: () => void,
    seek: (k: number) => void,
  ) {
    super(name, array, saved, changed);
    this.canvas = el('canvas', {
      class: 'score-strip',
      role: 'img',
      'aria-label': `${name} per-slice scores`,
      title: `${name}: a click goes to that slice`,
    });
    (this as { strip: HTMLElement }).strip = this.canvas;
    this.canvas.addEventListener('click', (e) => {
      const rect = this.canvas.getBoundingClientRect();
      seek(Math.min(this.depth - 1, Math.max(0, Math.floor(((e.clientX - rect.left) / rect.width) * this.depth))));
    });
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  blend(): void {}

  readout(k: number): string {
    return `${this.name} ${formatStat(this.array.values[k])}`;
  }

  override showSlice(k: number): void {
    this.current = k;
    this.canvas.hidden = !this.state.shown;
    this.draw();
  }

  protected defaults(): Partial<OverlayState> {
    return { colourMap: 'viridis' };
  }

  protected controls(): HTMLElement[] {
    return [this.colourMapControl()];
  }

  private draw(): void {
    if (this.canvas.hidden || this.canvas.clientWidth === 0) return;
    const { ctx, width, height } = clearedCanvas(this.canvas);
    const w = valueWindow(this.array.values);
    const colours = colourMapTable(this.state.colourMap, false);
    for (let k = 0; k < this.depth; k++) {
      const v = this.array.values[k];
      const x = ((v - w.low) / (w.high - w.low)) * 256;
      ctx.fillStyle = v === v ? cssColour(colours[x < 0 ? 0 : x >= 255 ? 255 : x | 0]) : '#ff00ff';
      ctx.fillRect((k * width) / this.depth, 0, Math.ceil(width / this.depth), height);
    }
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.strokeRect(((this.current + 0.5) * width) / this.depth - 1, 1, 2, height - 2);
  }
}

function cssColour(abgr: number): string {
  return `rgb(${abgr & 255}, ${(abgr >>> 8) & 255}, ${(abgr >>> 16) & 255})`;
}

/**
 * The overlays of a plane from what the host sent, in that order: each decoded, and told a
 * heatmap, a mask or scores by its shape; a bad file or a shape that does not fit becomes a
 * message naming it.
 */
export function planeOverlays(
  contents: readonly OverlayContent[],
  planeName: string,
  planeShape: readonly number[],
  saved: readonly [string, OverlayState][] | undefined,
  changed: () => void,
  seek: (k: number) => void,
): { overlays: Overlay[]; problems: string[] } {
  const overlays: Overlay[] = [];
  const problems: string[] = [];
  for (const { name, array } of contents) {
    if (array.kind === 'error') {
      problems.push(`Cannot show the ${name} overlay (${array.fileName}): ${array.error}`);
      continue;
    }
    if (array.kind === 'sliceFirst' || array.kind === 'overview') continue; // the host sends overlays whole
    try {
      const decoded = decodeNpyData(array.header, new Uint8Array(array.data));
      const kind = overlayKind(name, decoded, planeName.toLowerCase(), planeShape);
      const state = saved?.find(([n]) => n === name)?.[1];
      if (typeof kind !== 'string') problems.push(`Cannot show ${array.fileName}: ${kind.misfit}`);
      else if (kind === 'heatmap') overlays.push(new HeatmapOverlay(name, decoded, state, changed));
      else if (kind === 'mask') overlays.push(new MaskOverlay(name, decoded, state, changed));
      else overlays.push(new ScoresOverlay(name, decoded, state, changed, seek));
    } catch (e) {
      problems.push(`Cannot show the ${name} overlay (${array.fileName}): ${errorMessage(e)}`);
    }
  }
  return { overlays, problems };
}
