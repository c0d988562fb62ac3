import { PlaneSource, sliceCsv } from '../src/shared/npy/planeSource';
import { DataFormat } from '../src/shared/protocol';
import {
  ColourMapName,
  DEFAULT_COLOUR_MAP,
  centredOnZero,
  colourMapLabel,
  colourMapTable,
  isColourMap,
  isDiverging,
  nextColourMap,
} from '../src/shared/colourMaps';
import { formatStat, formatWidth } from '../src/shared/format';
import { WheelSteps, wheelPixels, wheelZoom } from '../src/shared/wheel';
import {
  ColourScale,
  VolumeStats,
  Window,
  WindowPreset,
  fromWidthLevel,
  paintColour,
  paintMapped,
  presetWindow,
  widthLevel,
} from '../src/shared/windowing';
import { ColourBar } from './colourBar';
import { clearedCanvas, el } from './dom';
import { Overlay, OverlayState } from './overlays';
import { HistogramView } from './histogramView';
import { FullResolution, OverviewImage } from './fullResolution';
import { Region } from '../src/shared/npy/overview';

/** What a plane viewer remembers across a hidden tab or a change of case. */
export interface PlaneViewState {
  slice: number;
  preset: WindowPreset | 'custom';
  window?: Window;
  invert: boolean;
  colourMap: ColourMapName;
  /** Linear, log or symmetric log placing of values in the window (linear when unset: states saved before there was a choice). */
  scale?: ColourScale;
  /** Array pixels per CSS pixel, or undefined to fit the image to the view. */
  zoom?: number;
  pan: { x: number; y: number };
  fps: number;
  histogram: boolean;
  /** Each overlay's settings, by overlay name (pairs: names are data). */
  overlays?: [string, OverlayState][];
}

/** What the link toggle carries from one viewport to the others. */
export type SharedPart = 'contrast' | 'zoom' | 'colourMap';

/** A view state less its slice: the contrast, zoom and cine rate that carry over to other data. */
export function withoutSlice(state: Partial<PlaneViewState>): Partial<PlaneViewState> {
  const { slice: _slice, ...rest } = state;
  return rest;
}

/** A saved or default state, with whatever an older version did not save filled in. */
function completeState(state: Partial<PlaneViewState>): Partial<PlaneViewState> {
  return { ...state, colourMap: isColourMap(state.colourMap) ? state.colourMap : DEFAULT_COLOUR_MAP };
}

export const ZOOM_STEP = 1.25;
const FAST_STEP = 5;

/**
 * One viewport: the image on a dark surround with its annotations in the corners (plane and
 * slice, window, zoom, readout, case), a colour bar beside it, a slice slider and, on demand,
 * the volume's histogram with the window on it. Used by the .npy editor and the case viewer;
 * the panel's one toolbar acts on it through its methods.
 */
export class PlaneViewer {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly canvasBox: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly sliderRow: HTMLElement;
  private readonly sliceLabel: HTMLElement;
  private readonly caseLabel: HTMLElement;
  private readonly windowText: HTMLElement;
  private readonly zoomText: HTMLElement;
  private readonly mapText: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly colourBar = new ColourBar();
  private readonly histogram = new HistogramView(
    (w) => this.setWindow(w),
    () => this.onChange(),
  );
  private readonly image = document.createElement('canvas');
  private readonly alert = el('div', { role: 'alert', class: 'error', hidden: '' });
  private readonly overlayRow = el('div', { class: 'overlays', hidden: '' });
  private readonly overlayAlert = el('div', { role: 'alert', class: 'error', hidden: '' });
  private overlays: Overlay[] = [];
  private readonly strips = el('div', { class: 'score-strips' });
  private readonly body: HTMLElement;
  private readonly resizeObserver = new ResizeObserver(() => this.draw());
  private readonly wheel = new WheelSteps();

  private source?: PlaneSource;
  private stats?: VolumeStats;
  private pixels?: ImageData;
  private state: PlaneViewState = {
    slice: 0,
    preset: 'auto',
    invert: false,
    colourMap: DEFAULT_COLOUR_MAP,
    pan: { x: 0, y: 0 },
    fps: 10,
    histogram: false,
  };
  private window: Window = { low: 0, high: 1 };
  private cine?: number;
  private drag?: { kind: 'contrast' | 'pan'; x: number; y: number; window: Window; pan: { x: number; y: number } };
  private hover?: { x: number; y: number };
  /** Where the pointer is on the canvas (device pixels): an image shown from an overview reads its full resolution there. */
  private pointer?: { cx: number; cy: number };
  /** An image too large to hold, shown from an overview: full resolution where zoomed in. */
  private fullResolution?: FullResolution;
  /** Slices of this plane are on their way (see setBusy). */
  private busy = false;
  /** A pixel marked from outside (the values grid's cell under the pointer). */
  private marked?: { x: number; y: number };
  /** Whether the pointer is over this viewport: keys go there first. */
  pointerOver = false;

  /** Called after every change a user makes, for saving state. */
  onChange: () => void = () => undefined;
  /** Called when the user changed a part the link toggle shares. */
  onShared: (part: SharedPart) => void = () => undefined;
  /** Called after each paint: the toolbar shows the active viewport's values. */
  onPainted: () => void = () => undefined;
  /** Called when the pointer enters, presses or the focus comes in: this becomes the active viewport. */
  onActivate: () => void = () => undefined;
  /** Called as the pointer moves over the image: the array pixel under it, or undefined. */
  onHover: (point: { x: number; y: number } | undefined) => void = () => undefined;
  /** Called when the user picks a contrast preset. */
  onPresetChosen: (preset: WindowPreset) => void = () => undefined;

  /**
   * @param regionLabel accessible name of the region, e.g. "Axial plane"
   * @param sliderLabel accessible name of the slice slider, e.g. "Axial slice"
   * @param planeName the plane's name on the image ("Axial"); none for a lone array, whose slices say "Slice k / n"
   */
  constructor(
    regionLabel: string,
    sliderLabel: string,
    private readonly planeName?: string,
  ) {
    this.canvas = el('canvas', { class: 'plane-canvas', role: 'img', 'aria-label': `${regionLabel} image` });
    this.slider = el('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': sliderLabel });
    this.sliceLabel = el('div', { 'data-role': 'slice-label' });
    this.caseLabel = el('div', { 'data-role': 'case', hidden: '' });
    this.windowText = el('div', { 'data-role': 'window' });
    this.zoomText = el('div', { 'data-role': 'zoom' });
    this.mapText = el('div', { 'data-role': 'colour-map' });
    this.readout = el('div', { 'data-role': 'readout' });
    const annotations = el('div', { class: 'annotations' }, [
      el('div', { class: 'corner top-left' }, [this.sliceLabel]),
      el('div', { class: 'corner top-right' }, [this.caseLabel]),
      el('div', { class: 'corner bottom-left' }, [this.windowText, this.zoomText, this.mapText]),
      el('div', { class: 'corner bottom-right' }, [this.readout]),
    ]);
    this.canvasBox = el('div', { class: 'canvas-box' }, [this.canvas, annotations]);
    this.sliderRow = el('div', { class: 'slider-row' }, [this.strips, this.slider]);
    const viewport = el('div', { class: 'viewport' }, [this.canvasBox, this.colourBar.element]);
    this.body = el('div', { class: 'plane-body' }, [
      viewport,
      this.sliderRow,
      this.overlayAlert,
      this.overlayRow,
      this.histogram.element,
    ]);
    this.element = el('section', { class: 'plane', role: 'region', 'aria-label': regionLabel, tabindex: '0' }, [
      this.alert,
      this.body,
    ]);
    this.listen();
  }

  /** Shows a new stack of images; `stats` are of the whole array, for the default contrast and the histogram. */
  setSource(source: PlaneSource, stats: VolumeStats, state: Partial<PlaneViewState> = {}, sampled = false): void {
    this.alert.hidden = true;
    this.body.hidden = false;
    this.source = source;
    this.stats = stats;
    this.image.width = source.width;
    this.image.height = source.height;
    this.pixels = new ImageData(Math.max(source.width, 1), Math.max(source.height, 1));
    this.state = { ...this.state, slice: Math.floor((source.depth - 1) / 2), ...completeState(state) };
    this.state.slice = clamp(this.state.slice, 0, source.depth - 1);
    this.slider.max = String(Math.max(source.depth - 1, 0));
    // A single image has no slices to move through: no slider, no cine, no slice number.
    this.sliderRow.hidden = source.depth <= 1;
    this.colourBar.element.hidden = source.channels !== 1;
    this.histogram.setData(source.channels === 1 ? stats : undefined, sampled);
    this.histogram.element.hidden = !this.state.histogram || source.channels !== 1;
    this.setBusy(false);
    this.render();
  }

  /**
   * Whether slices of this plane are still on their way (aria-busy): tests and assistive
   * technology wait for the settled state. Every new source starts settled.
   */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.element.setAttribute('aria-busy', String(busy || this.fullResolution?.pending === true));
  }

  /**
   * The source set is the overview of an image too large to hold (every `image.step`-th row
   * and column): where the view is zoomed in, the region on screen is asked for at full resolution.
   */
  setOverview(image: OverviewImage): void {
    this.fullResolution?.dispose();
    this.fullResolution = new FullResolution(image, () => {
      this.setBusy(this.busy);
      this.draw();
      this.updateReadout();
    });
    this.render();
  }

  /** A region at full resolution arrived (a source of its own pixels, indexed in the whole image). */
  showRegion(region: Region, source: PlaneSource, request?: number): void {
    this.fullResolution?.show(region, source, request);
  }

  /** A region asked for cannot be read: the overview stands there. */
  regionFailed(message: string, request?: number): void {
    this.fullResolution?.failed(request);
    this.alert.hidden = false;
    this.alert.textContent = message;
  }

  /** Shows why this plane cannot be drawn, in place of the image. */
  showError(message: string): void {
    this.stopCine();
    this.source = undefined;
    this.body.hidden = true;
    this.setBusy(false);
    this.alert.hidden = false;
    this.alert.textContent = message;
    this.onPainted();
  }

  /**
   * The overlays drawn over this plane, in this order (the last on top), and why others
   * cannot be (a shape that does not fit, a bad file), said in the plane.
   */
  setOverlays(overlays: Overlay[], problems: string[]): void {
    this.overlays = overlays;
    this.overlayRow.replaceChildren(...overlays.map((o) => o.element));
    this.strips.replaceChildren(...overlays.flatMap((o) => (o.strip ? [o.strip] : [])));
    this.overlayRow.hidden = overlays.length === 0;
    this.overlayAlert.hidden = problems.length === 0;
    this.overlayAlert.textContent = problems.join('\n');
    this.render();
  }

  /** (slices, height, width) of the images shown: what an overlay must fit. */
  planeShape(): number[] | undefined {
    const source = this.source;
    return source && [source.depth, source.height, source.width];
  }

  /** Whether any of this plane's overlays is shown. */
  get overlaysShown(): boolean {
    return this.overlays.some((o) => o.state.shown);
  }

  /** Shows or hides every overlay of this plane (the `v` key does it for every plane). */
  showOverlays(show: boolean): void {
    if (!this.overlays.length) return;
    for (const o of this.overlays) o.setShown(show);
    this.render();
    this.onChange();
  }

  /** Repaints after an overlay's control changed, and saves. */
  overlayChanged(): void {
    this.render();
    this.onChange();
  }

  /** The case shown, in the top-right corner; none for a file of no dataset. */
  setCaseLabel(text: string | undefined): void {
    this.caseLabel.hidden = text === undefined;
    this.caseLabel.textContent = text ?? '';
  }

  /**
   * The slice shown, to leave the viewer: as a PNG at the array's resolution with the contrast
   * and colours shown (or at the displayed size, zoom and surround included), or as a `.npy`
   * of its own in the array's dtype.
   */
  async exportSlice(format: DataFormat, displayedSize = false): Promise<ArrayBuffer> {
    const source = this.source;
    if (!source) throw new Error('nothing is shown');
    if (format === 'npy') return source.sliceNpy(this.state.slice).buffer as ArrayBuffer;
    if (format === 'csv') return new TextEncoder().encode(sliceCsv(source, this.state.slice)).buffer;
    const canvas = displayedSize ? this.canvas : this.image;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the slice could not be encoded as PNG');
    return blob.arrayBuffer();
  }

  /** The NumPy index of the slice shown (null for `:`). */
  sliceIndex(): (number | null)[] {
    return this.source?.sliceIndex(this.state.slice) ?? [];
  }

  /** The slice's axes in the image's order, when that is not NumPy's (a turned image). */
  sliceOrder(): number[] | undefined {
    return this.source?.sliceOrder;
  }

  getState(): PlaneViewState {
    const state = structuredClone(this.state);
    if (this.overlays.length) state.overlays = this.overlays.map((o) => [o.name, { ...o.state }]);
    return state;
  }

  /** What the toolbar shows of this viewport. */
  get shown(): { window: Window; channels: number; depth: number; playing: boolean } | undefined {
    const source = this.source;
    return (
      source && {
        window: this.window,
        channels: source.channels,
        depth: source.depth,
        playing: this.cine !== undefined,
      }
    );
  }

  get slice(): number {
    return this.state.slice;
  }

  setSlice(k: number): void {
    if (!this.source) return;
    const next = clamp(Math.round(k), 0, this.source.depth - 1);
    if (next === this.state.slice) return;
    this.state.slice = next;
    this.render();
    this.onChange();
  }

  setPreset(preset: WindowPreset): void {
    this.changeContrast({ preset, window: undefined });
    this.onPresetChosen(preset);
  }

  setWindow(w: Window): void {
    this.changeContrast({ preset: 'custom', window: w });
  }

  setInvert(invert: boolean): void {
    this.changeContrast({ invert });
  }

  setScale(scale: ColourScale): void {
    this.changeContrast({ scale });
  }

  setColourMap(colourMap: ColourMapName): void {
    this.state.colourMap = colourMap;
    this.render();
    this.changed('colourMap');
  }

  cycleColourMap(step: 1 | -1): void {
    this.setColourMap(nextColourMap(this.state.colourMap, step));
  }

  setZoom(zoom: number | undefined): void {
    this.state.zoom = zoom;
    this.state.pan = { x: 0, y: 0 };
    this.draw();
    this.changed('zoom');
  }

  zoomBy(factor: number): void {
    this.zoomAt(factor, this.canvas.width / 2, this.canvas.height / 2);
  }

  reset(): void {
    this.state = {
      ...this.state,
      preset: 'auto',
      window: undefined,
      invert: false,
      zoom: undefined,
      pan: { x: 0, y: 0 },
    };
    this.render();
    this.changed('contrast');
    this.onShared('zoom');
  }

  setFps(fps: number): void {
    this.state.fps = clamp(Math.round(fps) || 10, 1, 60);
    if (this.cine !== undefined) {
      this.stopCine();
      this.startCine();
    }
    this.onChange();
  }

  toggleCine(): void {
    if (this.cine === undefined) this.startCine();
    else this.stopCine();
    this.onPainted();
  }

  showHistogram(show: boolean): void {
    this.state.histogram = show;
    this.histogram.element.hidden = !show || this.source?.channels !== 1;
    this.render();
    this.onChange();
  }

  /** Takes another viewport's contrast, zoom or colour map (the link toggle). */
  adopt(part: SharedPart, from: PlaneViewState): void {
    if (part === 'contrast')
      Object.assign(this.state, { preset: from.preset, window: from.window, invert: from.invert });
    else if (part === 'colourMap') this.state.colourMap = from.colourMap;
    else Object.assign(this.state, { zoom: from.zoom, pan: { x: 0, y: 0 } });
    this.render();
    this.onChange();
  }

  /** Redraws the current slice (its data arrived or changed). */
  refresh(): void {
    this.render();
  }

  /**
   * Slice k painted as it would be shown now (window, colour map, invert), every `stride`-th
   * pixel (nearest): a mosaic's thumbnail; of `other` (another sub-volume of the array) when
   * given. Undefined before a source is set.
   */
  thumbnail(k: number, stride: number, other?: PlaneSource): ImageData | undefined {
    const source = other ?? this.source;
    if (!source || !this.stats) return undefined;
    const width = Math.ceil(source.width / stride);
    const height = Math.ceil(source.height / stride);
    const values = source.slice(k);
    const ctor = values.constructor as new (n: number) => typeof values;
    const sampled = new ctor(width * height * source.channels);
    let i = 0;
    for (let y = 0; y < source.height; y += stride) {
      for (let x = 0; x < source.width; x += stride) {
        const at = (y * source.width + x) * source.channels;
        for (let c = 0; c < source.channels; c++) sampled[i++] = values[at + c];
      }
    }
    const image = new ImageData(width, height);
    const out = new Uint32Array(image.data.buffer);
    if (source.channels === 1)
      paintMapped(sampled, this.window, colourMapTable(this.state.colourMap, this.state.invert), out, this.state.scale);
    else paintColour(sampled, source.channels, this.state.invert, out);
    return image;
  }

  /** The stack of images shown (the values grid reads its values), if any. */
  get shownSource(): PlaneSource | undefined {
    return this.source;
  }

  /** The number of slices in the stack shown. */
  get depth(): number {
    return this.source?.depth ?? 0;
  }

  /** Marks one pixel of the image (or none): the cell under the pointer in the values grid. */
  mark(point: { x: number; y: number } | undefined): void {
    this.marked = point;
    this.draw();
  }

  /** The colour a value of a one-channel image is painted in now (window, colour map, invert), as CSS. */
  colourOf(value: number): string | undefined {
    if (this.source?.channels !== 1) return undefined;
    const out = new Uint32Array(1);
    paintMapped(
      Float64Array.of(value),
      this.window,
      colourMapTable(this.state.colourMap, this.state.invert),
      out,
      this.state.scale,
    );
    const c = out[0];
    return `rgb(${c & 255}, ${(c >> 8) & 255}, ${(c >> 16) & 255})`;
  }

  /** Stops timers and observers; the element can then be dropped. */
  dispose(): void {
    this.stopCine();
    this.fullResolution?.dispose();
    this.resizeObserver.disconnect();
  }

  private changeContrast(change: Partial<PlaneViewState>): void {
    Object.assign(this.state, change);
    this.render();
    this.changed('contrast');
  }

  private changed(part: SharedPart): void {
    this.onChange();
    this.onShared(part);
  }

  /** Paints the current slice into the offscreen image, then draws it. */
  private render(): void {
    const source = this.source;
    const pixels = this.pixels;
    const stats = this.stats;
    if (!source || !pixels || !stats) return;
    const k = this.state.slice;
    const values = source.slice(k);
    // A slice that failed to read says so above the image; the other slices stay reachable.
    const problem = source.error?.(k);
    this.alert.hidden = problem === undefined;
    this.alert.textContent = problem ?? '';
    const out = new Uint32Array(pixels.data.buffer);
    if (source.channels === 1) {
      const { preset, window: custom, colourMap, invert } = this.state;
      if (preset === 'custom' && custom) this.window = custom;
      else {
        const w = presetWindow(preset === 'custom' ? 'auto' : preset, stats, values);
        this.window = isDiverging(colourMap) ? centredOnZero(w, stats) : w;
      }
      const colours = colourMapTable(colourMap, invert);
      paintMapped(values, this.window, colours, out, this.state.scale);
      this.fullResolution?.paint({ window: this.window, colours, invert, scale: this.state.scale });
      for (const o of this.overlays) o.blend(k, out, source.width, source.height);
      this.putImage();
      setText(
        this.windowText,
        `W ${formatWidth(this.window.low, this.window.high)} L ${formatStat(widthLevel(this.window).level)}`,
      );
      setText(this.mapText, `${colourMapLabel(colourMap)}${invert ? ' (inverted)' : ''}`);
      this.colourBar.show(colourMap, invert, this.window, this.state.scale);
      if (this.state.histogram) this.histogram.showWindow(this.window, colours);
    } else {
      paintColour(values, source.channels, this.state.invert, out);
      this.fullResolution?.paint({
        window: this.window,
        colours: new Uint32Array(0),
        invert: this.state.invert,
        scale: this.state.scale,
      });
      for (const o of this.overlays) o.blend(k, out, source.width, source.height);
      this.putImage();
      setText(this.windowText, '');
      setText(this.mapText, source.channels === 4 ? 'RGBA' : 'RGB');
    }
    for (const o of this.overlays) o.showSlice?.(k);
    this.slider.value = String(k);
    this.slider.setAttribute('aria-valuetext', `slice ${k} of ${source.depth} (0-based)`);
    const slices = source.depth > 1 ? `${k} / ${source.depth}` : '';
    setText(
      this.sliceLabel,
      this.planeName ? `${this.planeName}${slices && ` ${slices}`}` : slices && `Slice ${slices}`,
    );
    this.draw();
    this.updateReadout();
    // The slice whose values are on screen (not a blank stand-in for one still being read): what tests and the benchmark wait for.
    const painted = source.pending?.(k) ? undefined : String(k);
    if (this.element.dataset.paintedSlice !== painted) {
      if (painted === undefined) delete this.element.dataset.paintedSlice;
      else this.element.dataset.paintedSlice = painted;
    }
    this.onPainted();
  }

  private putImage(): void {
    if (this.source!.width > 0 && this.source!.height > 0)
      this.image.getContext('2d')!.putImageData(this.pixels!, 0, 0);
  }

  /** Draws the offscreen image onto the visible canvas with the current zoom and pan. */
  private draw(): void {
    const source = this.source;
    if (!source) return;
    const { ctx, dpr } = clearedCanvas(this.canvas);
    const { scale, x, y } = this.placement();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.image, x, y, source.width * scale, source.height * scale);
    if (this.fullResolution) {
      this.fullResolution.draw(ctx, { scale, x, y }, this.canvas);
      const shown = this.fullResolution.shownRegion;
      if (shown === undefined) delete this.element.dataset.fullResolution;
      else this.element.dataset.fullResolution = shown;
    }
    if (this.marked) {
      ctx.strokeStyle = getComputedStyle(this.element).getPropertyValue('--vscode-focusBorder').trim() || '#0af';
      ctx.lineWidth = Math.max(1, dpr);
      ctx.strokeRect(x + this.marked.x * scale, y + this.marked.y * scale, Math.max(scale, 3), Math.max(scale, 3));
    }
    setText(this.zoomText, `Zoom ${(scale / dpr).toFixed(2)}×`);
  }

  /** Device pixels per array pixel, and where the image's top-left corner lands on the canvas. */
  private placement(): { scale: number; x: number; y: number } {
    const source = this.source!;
    const dpr = window.devicePixelRatio || 1;
    const fit = Math.min(
      this.canvas.width / Math.max(source.width, 1),
      this.canvas.height / Math.max(source.height, 1),
    );
    const scale = this.state.zoom === undefined ? fit : this.state.zoom * dpr;
    return {
      scale,
      x: (this.canvas.width - source.width * scale) / 2 + this.state.pan.x * dpr,
      y: (this.canvas.height - source.height * scale) / 2 + this.state.pan.y * dpr,
    };
  }

  /** Zooms by `factor` keeping the image point under canvas pixel (cx, cy) where it is. */
  private zoomAt(factor: number, cx: number, cy: number): void {
    if (!this.source) return;
    const dpr = window.devicePixelRatio || 1;
    const { scale, x, y } = this.placement();
    const zoom = clamp((scale / dpr) * factor, 0.05, 64);
    const next = zoom * dpr;
    const { width, height } = this.source;
    // The array point under (cx, cy) stays there: solve the new offset for it, as a pan.
    const nx = cx - ((cx - x) / scale) * next;
    const ny = cy - ((cy - y) / scale) * next;
    this.state.zoom = zoom;
    this.state.pan = {
      x: (nx - (this.canvas.width - width * next) / 2) / dpr,
      y: (ny - (this.canvas.height - height * next) / 2) / dpr,
    };
    this.draw();
    this.changed('zoom');
  }

  /** Canvas pixel of a pointer position. */
  private canvasPoint(event: MouseEvent): { cx: number; cy: number } {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    return { cx: (event.clientX - rect.left) * dpr, cy: (event.clientY - rect.top) * dpr };
  }

  /** Array coordinates under a point of the canvas, or undefined outside the image. */
  private arrayPoint(event: MouseEvent): { x: number; y: number } | undefined {
    const source = this.source;
    if (!source) return undefined;
    const { cx, cy } = this.canvasPoint(event);
    const { scale, x, y } = this.placement();
    const ax = Math.floor((cx - x) / scale);
    const ay = Math.floor((cy - y) / scale);
    return ax >= 0 && ay >= 0 && ax < source.width && ay < source.height ? { x: ax, y: ay } : undefined;
  }

  private updateReadout(): void {
    const source = this.source;
    if (!source || !this.hover) {
      setText(this.readout, '');
      return;
    }
    const detailed =
      this.fullResolution &&
      this.pointer &&
      this.fullResolution.readout(this.pointer.cx, this.pointer.cy, this.placement(), source);
    if (detailed) {
      setText(this.readout, detailed);
      return;
    }
    const { x, y } = this.hover;
    const k = this.state.slice;
    const overlays = this.overlays
      .filter((o) => o.state.shown)
      .map((o) => `\n${o.readout(k, x, y, source.width, source.height)}`);
    setText(
      this.readout,
      `x ${x}  y ${y}\nvalue ${source.valueAt(k, y, x)}\nat ${source.indexAt(k, y, x)}${overlays.join('')}`,
    );
  }

  private startCine(): void {
    if (!this.source || this.source.depth <= 1) return;
    this.cine = window.setInterval(() => {
      const depth = this.source?.depth ?? 1;
      this.state.slice = (this.state.slice + 1) % depth;
      this.render();
    }, 1000 / this.state.fps);
  }

  private stopCine(): void {
    if (this.cine === undefined) return;
    window.clearInterval(this.cine);
    this.cine = undefined;
    this.onChange();
  }

  private listen(): void {
    const box = this.canvasBox;
    this.slider.addEventListener('input', () => this.setSlice(Number(this.slider.value)));
    this.resizeObserver.observe(box);
    this.element.addEventListener('pointerenter', () => {
      this.pointerOver = true;
      this.onActivate();
    });
    this.element.addEventListener('pointerleave', () => (this.pointerOver = false));
    this.element.addEventListener('pointerdown', () => this.onActivate());
    this.element.addEventListener('focusin', () => this.onActivate());

    box.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const pixels = wheelPixels(e, box.clientHeight);
        if (e.ctrlKey || e.metaKey) {
          const { cx, cy } = this.canvasPoint(e);
          this.zoomAt(wheelZoom(pixels, ZOOM_STEP), cx, cy);
          return;
        }
        const steps = this.wheel.steps(pixels);
        if (steps) this.setSlice(this.state.slice + steps * (e.shiftKey ? FAST_STEP : 1));
      },
      { passive: false },
    );

    box.addEventListener('contextmenu', (e) => e.preventDefault());
    box.addEventListener('dblclick', () => this.reset());
    box.addEventListener('pointerdown', (e) => {
      const kind = e.button === 2 ? 'contrast' : e.button === 1 || (e.button === 0 && e.shiftKey) ? 'pan' : undefined;
      if (!kind || !this.source) return;
      e.preventDefault();
      this.element.focus({ preventScroll: true }); // the plane dragged in is the one keys go to
      box.setPointerCapture(e.pointerId);
      this.drag = { kind, x: e.clientX, y: e.clientY, window: this.window, pan: { ...this.state.pan } };
    });
    box.addEventListener('pointermove', (e) => {
      this.hover = this.arrayPoint(e);
      this.pointer = this.canvasPoint(e);
      this.updateReadout();
      this.onHover(this.hover);
      const drag = this.drag;
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (drag.kind === 'pan') {
        this.state.pan = { x: drag.pan.x + dx, y: drag.pan.y + dy };
        this.draw();
        return;
      }
      // Right-drag: horizontal changes the width, vertical the level, in steps of the
      // volume's range per 256 screen pixels.
      const { width, level } = widthLevel(drag.window);
      const stats = this.stats!;
      const unit = (Number.isFinite(stats.max - stats.min) && stats.max > stats.min ? stats.max - stats.min : 1) / 256;
      this.state.preset = 'custom';
      this.state.window = fromWidthLevel(Math.max(width + dx * unit, unit / 16), level + dy * unit);
      this.render();
      this.onShared('contrast');
    });
    const endDrag = () => {
      if (this.drag) this.onChange();
      this.drag = undefined;
    };
    box.addEventListener('pointerup', endDrag);
    box.addEventListener('pointercancel', endDrag);
    box.addEventListener('pointerleave', () => {
      this.hover = undefined;
      this.updateReadout();
      this.onHover(undefined);
    });
  }

  /** Acts on a key meant for this plane (see ViewportGroup); true if it was one of the plane's keys. */
  handleKey(e: KeyboardEvent): boolean {
    if (e.altKey || e.ctrlKey || e.metaKey) return false;
    const step = e.shiftKey ? FAST_STEP : 1;
    const k = this.state.slice;
    const depth = this.source?.depth ?? 1;
    const actions: Record<string, () => void> = {
      ArrowUp: () => this.setSlice(k + step),
      ArrowRight: () => this.setSlice(k + step),
      ArrowDown: () => this.setSlice(k - step),
      ArrowLeft: () => this.setSlice(k - step),
      PageUp: () => this.setSlice(k + FAST_STEP * step),
      PageDown: () => this.setSlice(k - FAST_STEP * step),
      Home: () => this.setSlice(0),
      End: () => this.setSlice(depth - 1),
      '1': () => this.setPreset('auto'),
      '2': () => this.setPreset('full'),
      '3': () => this.setPreset('slice'),
      i: () => this.setInvert(!this.state.invert),
      I: () => this.setInvert(!this.state.invert),
      m: () => this.cycleColourMap(1),
      M: () => this.cycleColourMap(-1),
      h: () => this.showHistogram(!this.state.histogram),
      r: () => this.reset(),
      R: () => this.reset(),
      '+': () => this.zoomBy(ZOOM_STEP),
      '=': () => this.zoomBy(ZOOM_STEP),
      '-': () => this.zoomBy(1 / ZOOM_STEP),
      f: () => this.setZoom(undefined),
      o: () => this.setZoom(1),
      c: () => this.toggleCine(),
    };
    const action = actions[e.key];
    if (!action) return false;
    action();
    return true;
  }
}

/** Sets an element's text only when it changed: no layout work for the same text. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(Math.max(v, low), high);
}
