import { PlaneSource } from '../src/shared/npy/planeSource';
import { ExportFormat } from '../src/shared/protocol';
import { formatStat } from '../src/shared/format';
import {
  VolumeStats, Window, WindowPreset, fromWidthLevel, paintColour, paintGrey, presetWindow, widthLevel,
} from '../src/shared/windowing';
import { button, el } from './dom';

/** What a plane viewer remembers across a hidden tab or a change of case. */
export interface PlaneViewState {
  slice: number;
  preset: WindowPreset | 'custom';
  window?: Window;
  invert: boolean;
  /** Array pixels per CSS pixel, or undefined to fit the image to the view. */
  zoom?: number;
  pan: { x: number; y: number };
  fps: number;
}

/** A view state less its slice: the contrast, zoom and cine rate that carry over to other data. */
export function withoutSlice(state: PlaneViewState): Partial<PlaneViewState> {
  const { slice: _slice, ...rest } = state;
  return rest;
}

const ZOOM_STEP = 1.25;
const FAST_STEP = 5;

/**
 * One plane of images: canvas, slice slider, window/level, zoom and pan, cine and a readout
 * of the value under the cursor. Used by the .npy editor and by the case viewer.
 */
export class PlaneViewer {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly slider: HTMLInputElement;
  private readonly sliceNumber: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly windowText: HTMLElement;
  private readonly playButton: HTMLElement;
  private readonly fpsInput: HTMLInputElement;
  private readonly presetButtons = new Map<WindowPreset, HTMLElement>();
  private readonly invertButton: HTMLElement;
  private readonly image = document.createElement('canvas');
  private readonly alert = el('div', { role: 'alert', class: 'error', hidden: '' });
  private readonly body: HTMLElement;
  private readonly resizeObserver = new ResizeObserver(() => this.draw());

  private source?: PlaneSource;
  private stats?: VolumeStats;
  private pixels?: ImageData;
  private state: PlaneViewState = { slice: 0, preset: 'auto', invert: false, pan: { x: 0, y: 0 }, fps: 10 };
  private window: Window = { low: 0, high: 1 };
  private cine?: number;
  private drag?: { kind: 'contrast' | 'pan'; x: number; y: number; window: Window; pan: { x: number; y: number } };
  private hover?: { x: number; y: number };
  /** Whether the pointer is over this plane: keys go there first. */
  pointerOver = false;

  /** Called after every change a user makes, for saving state. */
  onChange: () => void = () => undefined;
  /** Called when an export button is pressed; the view asks the host, which asks for the data. */
  onExport: (format: ExportFormat) => void = () => undefined;

  /**
   * @param regionLabel accessible name of the region, e.g. "Axial plane"
   * @param sliderLabel accessible name of the slice slider, e.g. "Axial slice"
   */
  constructor(regionLabel: string, sliderLabel: string) {
    this.canvas = el('canvas', { class: 'plane-canvas', role: 'img', 'aria-label': `${regionLabel} image` });
    this.slider = el('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': sliderLabel });
    this.sliceNumber = el('span', { class: 'slice-number', 'aria-hidden': 'true' });
    this.readout = el('div', { class: 'readout', 'data-role': 'readout' });
    this.windowText = el('span', { class: 'window-text', 'data-role': 'window' });
    this.fpsInput = el('input', { type: 'number', min: '1', max: '60', value: '10', 'aria-label': `${sliderLabel} cine rate (frames per second)`, class: 'fps' });
    this.playButton = button('Play', 'Play or pause cine (c)', () => this.toggleCine());
    this.playButton.setAttribute('aria-pressed', 'false');
    for (const [preset, label, key] of [['auto', 'Auto', '1'], ['full', 'Full range', '2'], ['slice', 'Per-slice', '3']] as const) {
      this.presetButtons.set(preset, button(label, `Contrast: ${label.toLowerCase()} (${key})`, () => this.setPreset(preset)));
    }
    this.invertButton = button('Invert', 'Invert (i)', () => this.setInvert(!this.state.invert));
    const toolbar = el('div', { class: 'plane-toolbar' }, [
      el('span', { class: 'group', role: 'group', 'aria-label': 'Contrast' }, [...this.presetButtons.values(), this.invertButton, this.windowText]),
      el('span', { class: 'group', role: 'group', 'aria-label': 'Zoom' }, [
        button('Fit', 'Fit to view (f)', () => this.setZoom(undefined)),
        button('1:1', 'One array pixel per screen pixel (o)', () => this.setZoom(1)),
        button('−', 'Zoom out (-)', () => this.zoomBy(1 / ZOOM_STEP)),
        button('+', 'Zoom in (+)', () => this.zoomBy(ZOOM_STEP)),
        button('Reset', 'Reset contrast and view (r, double-click)', () => this.reset()),
      ]),
      el('span', { class: 'group', role: 'group', 'aria-label': 'Cine' }, [this.playButton, this.fpsInput, el('span', {}, ['fps'])]),
      el('span', { class: 'group', role: 'group', 'aria-label': 'Export' }, [
        button('PNG…', 'Save slice as PNG…', () => this.onExport('png')),
        button('.npy…', 'Save slice as .npy…', () => this.onExport('npy')),
        button('NumPy', 'Copy NumPy expression', () => this.onExport('expression')),
      ]),
    ]);
    const canvasBox = el('div', { class: 'canvas-box' }, [this.canvas]);
    this.body = el('div', { class: 'plane-body' }, [toolbar, canvasBox, el('div', { class: 'slider-row' }, [this.slider, this.sliceNumber]), this.readout]);
    this.element = el('section', { class: 'plane', role: 'region', 'aria-label': regionLabel, tabindex: '0' }, [this.alert, this.body]);
    this.listen(canvasBox);
  }

  /** Shows a new stack of images; `stats` are of the whole array, for the default contrast. */
  setSource(source: PlaneSource, stats: VolumeStats, state?: Partial<PlaneViewState>): void {
    this.alert.hidden = true;
    this.body.hidden = false;
    this.source = source;
    this.stats = stats;
    this.image.width = source.width;
    this.image.height = source.height;
    this.pixels = new ImageData(Math.max(source.width, 1), Math.max(source.height, 1));
    this.state = { ...this.state, slice: Math.floor((source.depth - 1) / 2), ...state };
    this.state.slice = clamp(this.state.slice, 0, source.depth - 1);
    this.slider.max = String(Math.max(source.depth - 1, 0));
    this.slider.disabled = source.depth <= 1;
    this.fpsInput.value = String(this.state.fps);
    for (const b of [...this.presetButtons.values(), this.invertButton]) b.toggleAttribute('disabled', source.channels !== 1);
    this.render();
  }

  /** Shows why this plane cannot be drawn, in place of the image. */
  showError(message: string): void {
    this.stopCine();
    this.source = undefined;
    this.body.hidden = true;
    this.alert.hidden = false;
    this.alert.textContent = message;
  }

  /**
   * The slice shown, to leave the viewer: as a PNG at the array's resolution with the contrast
   * and colours shown (or at the displayed size, zoom and surround included), or as a `.npy`
   * of its own in the array's dtype.
   */
  async exportSlice(format: 'png' | 'npy', displayedSize = false): Promise<ArrayBuffer> {
    const source = this.source;
    if (!source) throw new Error('nothing is shown');
    if (format === 'npy') return source.sliceNpy(this.state.slice).buffer as ArrayBuffer;
    const canvas = displayedSize ? this.canvas : this.image;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the slice could not be encoded as PNG');
    return blob.arrayBuffer();
  }

  /** The NumPy index of the slice shown (null for `:`). */
  sliceIndex(): (number | null)[] {
    return this.source?.sliceIndex(this.state.slice) ?? [];
  }

  getState(): PlaneViewState {
    return structuredClone(this.state);
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
    this.state.preset = preset;
    this.state.window = undefined;
    this.render();
    this.onChange();
  }

  setWindow(w: Window): void {
    this.state.preset = 'custom';
    this.state.window = w;
    this.render();
    this.onChange();
  }

  setInvert(invert: boolean): void {
    this.state.invert = invert;
    this.render();
    this.onChange();
  }

  setZoom(zoom: number | undefined): void {
    this.state.zoom = zoom;
    this.state.pan = { x: 0, y: 0 };
    this.draw();
    this.onChange();
  }

  reset(): void {
    this.state = { ...this.state, preset: 'auto', window: undefined, invert: false, zoom: undefined, pan: { x: 0, y: 0 } };
    this.render();
    this.onChange();
  }

  /** Redraws the current slice (its data arrived or changed). */
  refresh(): void {
    this.render();
  }

  /** Stops timers and observers; the element can then be dropped. */
  dispose(): void {
    this.stopCine();
    this.resizeObserver.disconnect();
  }

  /** Paints the current slice into the offscreen image, then draws it. */
  private render(): void {
    const source = this.source;
    const pixels = this.pixels;
    if (!source || !pixels || !this.stats) return;
    const k = this.state.slice;
    const values = source.slice(k);
    // A slice that failed to read says so above the image; the other slices stay reachable.
    const problem = source.error?.(k);
    this.alert.hidden = problem === undefined;
    this.alert.textContent = problem ?? '';
    const out = new Uint32Array(pixels.data.buffer);
    if (source.channels === 1) {
      const { preset, window: custom } = this.state;
      this.window = preset === 'custom' && custom ? custom : presetWindow(preset === 'custom' ? 'auto' : preset, this.stats, values);
      paintGrey(values, this.window, this.state.invert, out);
      const { width, level } = widthLevel(this.window);
      this.windowText.textContent = `W ${formatStat(width)} L ${formatStat(level)}`;
    } else {
      paintColour(values, source.channels, this.state.invert, out);
      this.windowText.textContent = '';
    }
    if (source.width > 0 && source.height > 0) this.image.getContext('2d')!.putImageData(pixels, 0, 0);
    this.slider.value = String(k);
    this.sliceNumber.textContent = `${k} / ${source.depth}`;
    this.slider.setAttribute('aria-valuetext', `slice ${k} of ${source.depth} (0-based)`);
    for (const [preset, b] of this.presetButtons) b.setAttribute('aria-pressed', String(preset === this.state.preset));
    this.invertButton.setAttribute('aria-pressed', String(this.state.invert));
    this.draw();
    this.updateReadout();
  }

  /** Draws the offscreen image onto the visible canvas with the current zoom and pan. */
  private draw(): void {
    const source = this.source;
    if (!source) return;
    const dpr = window.devicePixelRatio || 1;
    const cssWidth = this.canvas.clientWidth;
    const cssHeight = this.canvas.clientHeight;
    const width = Math.max(1, Math.round(cssWidth * dpr));
    const height = Math.max(1, Math.round(cssHeight * dpr));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const { scale, x, y } = this.placement();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.image, x, y, source.width * scale, source.height * scale);
  }

  /** Device pixels per array pixel, and where the image's top-left corner lands on the canvas. */
  private placement(): { scale: number; x: number; y: number } {
    const source = this.source!;
    const dpr = window.devicePixelRatio || 1;
    const fit = Math.min(this.canvas.width / Math.max(source.width, 1), this.canvas.height / Math.max(source.height, 1));
    const scale = this.state.zoom === undefined ? fit : this.state.zoom * dpr;
    return {
      scale,
      x: (this.canvas.width - source.width * scale) / 2 + this.state.pan.x * dpr,
      y: (this.canvas.height - source.height * scale) / 2 + this.state.pan.y * dpr,
    };
  }

  private zoomBy(factor: number): void {
    const dpr = window.devicePixelRatio || 1;
    const current = this.placement().scale / dpr;
    this.state.zoom = clamp(current * factor, 0.05, 64);
    this.draw();
    this.onChange();
  }

  /** Array coordinates under a point of the canvas, or undefined outside the image. */
  private arrayPoint(event: MouseEvent): { x: number; y: number } | undefined {
    const source = this.source;
    if (!source) return undefined;
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const { scale, x, y } = this.placement();
    const ax = Math.floor(((event.clientX - rect.left) * dpr - x) / scale);
    const ay = Math.floor(((event.clientY - rect.top) * dpr - y) / scale);
    return ax >= 0 && ay >= 0 && ax < source.width && ay < source.height ? { x: ax, y: ay } : undefined;
  }

  private updateReadout(): void {
    const source = this.source;
    if (!source || !this.hover) {
      this.readout.textContent = source ? `slice ${this.state.slice}` : '';
      return;
    }
    const { x, y } = this.hover;
    const k = this.state.slice;
    this.readout.textContent = `x ${x}  y ${y}  slice ${k}  value ${source.valueAt(k, y, x)}  at ${source.indexAt(k, y, x)}`;
  }

  private toggleCine(): void {
    if (this.cine === undefined) this.startCine();
    else this.stopCine();
  }

  private startCine(): void {
    if (!this.source || this.source.depth <= 1) return;
    const fps = clamp(Number(this.fpsInput.value) || 10, 1, 60);
    this.state.fps = fps;
    this.cine = window.setInterval(() => {
      const depth = this.source?.depth ?? 1;
      this.state.slice = (this.state.slice + 1) % depth;
      this.render();
    }, 1000 / fps);
    this.playButton.textContent = 'Pause';
    this.playButton.setAttribute('aria-pressed', 'true');
  }

  private stopCine(): void {
    if (this.cine === undefined) return;
    window.clearInterval(this.cine);
    this.cine = undefined;
    this.playButton.textContent = 'Play';
    this.playButton.setAttribute('aria-pressed', 'false');
    this.onChange();
  }

  private listen(canvasBox: HTMLElement): void {
    this.slider.addEventListener('input', () => this.setSlice(Number(this.slider.value)));
    this.fpsInput.addEventListener('change', () => {
      this.state.fps = clamp(Number(this.fpsInput.value) || 10, 1, 60);
      if (this.cine !== undefined) {
        this.stopCine();
        this.startCine();
      }
      this.onChange();
    });
    this.resizeObserver.observe(canvasBox);

    canvasBox.addEventListener('wheel', (e) => {
      e.preventDefault();
      const delta = e.deltaY || e.deltaX; // Shift+wheel arrives as horizontal scroll in Chromium
      if (delta === 0) return;
      if (e.ctrlKey || e.metaKey) this.zoomBy(delta < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      else this.setSlice(this.state.slice + Math.sign(delta) * (e.shiftKey ? FAST_STEP : 1));
    }, { passive: false });

    canvasBox.addEventListener('contextmenu', (e) => e.preventDefault());
    canvasBox.addEventListener('dblclick', () => this.reset());
    canvasBox.addEventListener('pointerdown', (e) => {
      const kind = e.button === 2 ? 'contrast' : e.button === 1 || (e.button === 0 && e.shiftKey) ? 'pan' : undefined;
      if (!kind || !this.source) return;
      e.preventDefault();
      this.element.focus({ preventScroll: true }); // the plane dragged in is the one keys go to
      canvasBox.setPointerCapture(e.pointerId);
      this.drag = { kind, x: e.clientX, y: e.clientY, window: this.window, pan: { ...this.state.pan } };
    });
    canvasBox.addEventListener('pointermove', (e) => {
      this.hover = this.arrayPoint(e);
      this.updateReadout();
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
    });
    const endDrag = () => {
      if (this.drag) this.onChange();
      this.drag = undefined;
    };
    canvasBox.addEventListener('pointerup', endDrag);
    canvasBox.addEventListener('pointercancel', endDrag);
    canvasBox.addEventListener('pointerleave', () => {
      this.hover = undefined;
      this.updateReadout();
    });

    this.element.addEventListener('pointerenter', () => (this.pointerOver = true));
    this.element.addEventListener('pointerleave', () => (this.pointerOver = false));
  }

  /** Acts on a key meant for this plane (see PlaneKeys); true if it was one of the plane's keys. */
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

/** Inputs that take typed text: keys typed there are never the viewer's. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target.closest('vscode-single-select')) return true;
  return target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(target.type);
}

/**
 * Where the keys of a page of plane viewers go: to the plane under the pointer, else to the
 * plane that has the focus (its slider included), else to a lone plane; never while the focus
 * is in a text field or on a control outside the planes.
 */
export class PlaneKeys {
  constructor(private readonly viewers: () => PlaneViewer[]) {}

  /** The plane that acts: under the pointer, else with the focus, else the first. */
  active(): PlaneViewer | undefined {
    const viewers = this.viewers();
    return viewers.find((v) => v.pointerOver) ?? viewers.find((v) => v.element.contains(document.activeElement)) ?? viewers[0];
  }

  handle(e: KeyboardEvent): void {
    if (e.defaultPrevented || isTextField(e.target)) return;
    const viewers = this.viewers();
    const focused = viewers.find((v) => v.element.contains(e.target as Node));
    const elsewhere = !focused && e.target instanceof HTMLElement && e.target !== document.body && e.target.closest('input, select, button, vscode-button, [tabindex]') !== null;
    if (elsewhere) return;
    const target = viewers.find((v) => v.pointerOver) ?? focused ?? (viewers.length === 1 ? viewers[0] : undefined);
    if (target?.handleKey(e)) e.preventDefault();
  }
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(Math.max(v, low), high);
}
