import { formatStat } from '../src/shared/format';
import { Histogram } from '../src/shared/histogram';
import { VolumeStats, Window } from '../src/shared/windowing';
import { clearedCanvas, el } from './dom';

/** How close (CSS pixels) a press must be to a window edge to drag that edge. */
const GRAB = 6;

/**
 * The volume's histogram (linear or log counts) with the window drawn over it. Dragging an
 * edge moves it, dragging inside moves the whole window; each edge is also a slider for the
 * keyboard. NaN and infinities are counted apart, below it.
 */
export class HistogramView {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly box: HTMLElement;
  private readonly lowHandle: HTMLElement;
  private readonly highHandle: HTMLElement;
  private readonly log: HTMLInputElement;
  private readonly specials = el('span', { 'data-role': 'histogram-specials' });
  private readonly resizeObserver = new ResizeObserver(() => this.draw());
  private data?: Histogram;
  private window: Window = { low: 0, high: 1 };
  private colours?: Uint32Array;
  private drag?: { kind: 'low' | 'high' | 'centre'; x: number; window: Window };

  /**
   * @param setWindow applies a window as it is dragged
   * @param committed called when a drag or key change ends, for saving state
   */
  constructor(
    private readonly setWindow: (w: Window) => void,
    private readonly committed: () => void,
  ) {
    this.canvas = el('canvas', { class: 'histogram-canvas', role: 'img', 'aria-label': 'Histogram of the volume' });
    this.lowHandle = el('div', {
      class: 'edge',
      role: 'slider',
      tabindex: '0',
      'aria-label': 'Window low',
      title: 'Window low: drag, or arrow keys (Shift: faster)',
    });
    this.highHandle = el('div', {
      class: 'edge',
      role: 'slider',
      tabindex: '0',
      'aria-label': 'Window high',
      title: 'Window high: drag, or arrow keys (Shift: faster)',
    });
    this.box = el('div', { class: 'histogram-box', title: 'Drag an edge of the window, or inside it to move it' }, [
      this.canvas,
      this.lowHandle,
      this.highHandle,
    ]);
    this.log = el('input', { type: 'checkbox', 'aria-label': 'Log counts' });
    this.element = el('div', { class: 'histogram', role: 'group', 'aria-label': 'Histogram', hidden: '' }, [
      el('div', { class: 'histogram-header' }, [
        el('label', { class: 'control' }, [this.log, ' Log counts']),
        this.specials,
      ]),
      this.box,
    ]);
    this.log.addEventListener('change', () => this.draw());
    this.resizeObserver.observe(this.box);
    this.listen();
  }

  /** The volume's histogram and its NaN and infinity counts; none for colour images. */
  setData(stats: VolumeStats | undefined, sampled: boolean): void {
    this.data = stats?.histogram;
    const counted = stats ? `NaN ${count(stats.nan)} · +inf ${count(stats.posInf)} · −inf ${count(stats.negInf)}` : '';
    this.specials.textContent = sampled ? `${counted} (sampled)` : counted;
  }

  showWindow(w: Window, colours: Uint32Array): void {
    this.window = w;
    this.colours = colours;
    for (const [handle, value] of [
      [this.lowHandle, w.low],
      [this.highHandle, w.high],
    ] as const) {
      handle.setAttribute('aria-valuenow', String(value));
      handle.setAttribute('aria-valuetext', formatStat(value));
    }
    this.draw();
  }

  private draw(): void {
    const data = this.data;
    if (this.element.hidden || !data) return;
    const { ctx, width, height, dpr } = clearedCanvas(this.canvas);
    const lowX = this.xOf(this.window.low) * dpr;
    const highX = this.xOf(this.window.high) * dpr;
    // The window, tinted with its colour map, under the bars.
    if (this.colours) {
      const gradient = ctx.createLinearGradient(lowX, 0, highX, 0);
      for (let i = 0; i < 256; i += 15) gradient.addColorStop(i / 255, css(this.colours[i]));
      gradient.addColorStop(1, css(this.colours[255]));
      ctx.globalAlpha = 0.45;
      ctx.fillStyle = gradient;
      ctx.fillRect(lowX, 0, highX - lowX, height);
      ctx.globalAlpha = 1;
    }
    const counts = data.counts;
    const scale = (c: number) => (this.log.checked ? Math.log1p(c) : c);
    const top = Math.max(1, ...counts.map(scale));
    ctx.fillStyle = '#c8c8c8';
    const binWidth = width / counts.length;
    for (let i = 0; i < counts.length; i++) {
      const h = (scale(counts[i]) / top) * (height - 2);
      if (h > 0) ctx.fillRect(i * binWidth, height - h, Math.max(binWidth - (binWidth > 3 ? 1 : 0), 1), h);
    }
    ctx.fillStyle = '#ffffff';
    for (const x of [lowX, highX]) ctx.fillRect(Math.round(x) - dpr, 0, 2 * dpr, height);
    const boxWidth = this.box.clientWidth;
    this.lowHandle.style.left = `${clampX(lowX / dpr, boxWidth)}px`;
    this.highHandle.style.left = `${clampX(highX / dpr, boxWidth)}px`;
  }

  /** CSS pixels from the box's left edge of a value (in halves: the range may exceed the float64 limits). */
  private xOf(value: number): number {
    const data = this.data!;
    const x = ((value / 2 - data.low / 2) / (data.high / 2 - data.low / 2)) * this.box.clientWidth;
    return Math.min(Math.max(x, -1e6), 1e6);
  }

  private valuePerPixel(): number {
    const data = this.data!;
    return ((data.high / 2 - data.low / 2) / Math.max(this.box.clientWidth, 1)) * 2;
  }

  private move(kind: 'low' | 'high' | 'centre', from: Window, delta: number): void {
    const minWidth = this.valuePerPixel() / 16;
    if (kind === 'centre') this.setWindow({ low: from.low + delta, high: from.high + delta });
    else if (kind === 'low') this.setWindow({ low: Math.min(from.low + delta, from.high - minWidth), high: from.high });
    else this.setWindow({ low: from.low, high: Math.max(from.high + delta, from.low + minWidth) });
  }

  private listen(): void {
    this.box.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || !this.data) return;
      e.preventDefault();
      const x = e.clientX - this.box.getBoundingClientRect().left;
      const lowX = this.xOf(this.window.low);
      const highX = this.xOf(this.window.high);
      const kind =
        Math.abs(x - lowX) <= GRAB
          ? 'low'
          : Math.abs(x - highX) <= GRAB
            ? 'high'
            : x > lowX && x < highX
              ? 'centre'
              : x <= lowX
                ? 'low'
                : 'high';
      this.box.setPointerCapture(e.pointerId);
      this.drag = { kind, x: e.clientX, window: this.window };
      // A press outside the window brings the nearer edge there at once.
      if (kind !== 'centre' && Math.abs(x - (kind === 'low' ? lowX : highX)) > GRAB) {
        const value = this.data.low + x * this.valuePerPixel();
        this.move(kind, this.window, value - (kind === 'low' ? this.window.low : this.window.high));
        this.drag.window = this.window;
      }
    });
    this.box.addEventListener('pointermove', (e) => {
      const drag = this.drag;
      if (!drag) return;
      this.move(drag.kind, drag.window, (e.clientX - drag.x) * this.valuePerPixel());
    });
    const end = () => {
      if (this.drag) this.committed();
      this.drag = undefined;
    };
    this.box.addEventListener('pointerup', end);
    this.box.addEventListener('pointercancel', end);
    for (const [handle, kind] of [
      [this.lowHandle, 'low'],
      [this.highHandle, 'high'],
    ] as const) {
      handle.addEventListener('keydown', (e) => {
        const sign =
          e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
        if (!sign || !this.data) return;
        e.preventDefault();
        this.move(
          kind,
          this.window,
          sign * (e.shiftKey ? 10 : 1) * this.valuePerPixel() * (this.box.clientWidth / 256),
        );
        this.committed();
      });
    }
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function clampX(x: number, width: number): number {
  return Math.min(Math.max(x, 0), width);
}

/** A little-endian ABGR pixel as a CSS colour. */
function css(abgr: number): string {
  return `rgb(${abgr & 255}, ${(abgr >>> 8) & 255}, ${(abgr >>> 16) & 255})`;
}
