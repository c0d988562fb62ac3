import { el } from './dom';
import { PlaneViewer } from './planeViewer';

/** The longest side of a thumbnail, in array pixels (taken every n-th pixel from the slice). */
const THUMB = 96;
/** Painting stops for the frame after this long, so that scrolling and keys stay smooth. */
const FRAME_BUDGET_MS = 8;

/**
 * Every slice (or every n-th) of the viewer's stack as thumbnails in its window and colour
 * map, each numbered and a button that shows that slice in the viewer. Thumbnails are painted
 * a few per animation frame, so that 512 slices never hold the page for more than a frame.
 */
export class MosaicView {
  readonly element: HTMLElement;
  private readonly tiles = el('div', { class: 'mosaic-tiles' });
  private readonly stepInput: HTMLInputElement;
  private generation = 0;

  constructor(private readonly viewer: PlaneViewer, private readonly onPick: (k: number) => void) {
    this.stepInput = el('input', { type: 'number', min: '1', value: '1', class: 'mosaic-step', 'aria-label': 'Show every n-th slice' });
    this.stepInput.addEventListener('change', () => this.show());
    this.element = el('section', { class: 'mosaic', role: 'region', 'aria-label': 'Mosaic' }, [
      el('label', { class: 'control' }, ['Every ', this.stepInput, ' th slice']),
      this.tiles,
    ]);
  }

  /** (Re)draws every n-th slice; a drawing under way for an older call stops. */
  show(): void {
    const generation = ++this.generation;
    const depth = this.viewer.depth;
    const step = Math.max(1, Math.floor(this.stepInput.valueAsNumber) || 1);
    const slices = Array.from({ length: Math.ceil(depth / step) }, (_, i) => i * step);
    const canvases = slices.map((k) => {
      const canvas = el('canvas', { class: 'thumb-canvas' });
      const tile = el('button', { type: 'button', class: 'thumb', 'aria-label': `Slice ${k}`, 'data-slice': String(k) }, [canvas, el('span', { class: 'thumb-label' }, [String(k)])]);
      tile.addEventListener('click', () => this.onPick(k));
      return { k, canvas, tile };
    });
    this.tiles.replaceChildren(...canvases.map((c) => c.tile));
    this.element.dataset.painted = '0';
    const frameTimes: number[] = [];
    let next = 0;
    const paint = () => {
      if (generation !== this.generation) return;
      const started = performance.now();
      while (next < canvases.length && performance.now() - started < FRAME_BUDGET_MS) {
        const { k, canvas } = canvases[next++];
        const image = this.viewer.thumbnail(k, Math.max(1, Math.ceil(this.longestSide() / THUMB)));
        if (!image) return;
        canvas.width = image.width;
        canvas.height = image.height;
        canvas.getContext('2d')!.putImageData(image, 0, 0);
      }
      frameTimes.push(performance.now() - started);
      // For the benchmark: each frame's painting time, once every thumbnail is painted.
      if (next === canvases.length) this.element.dataset.frameTimes = frameTimes.map((t) => t.toFixed(2)).join(',');
      this.element.dataset.painted = String(next);
      if (next < canvases.length) requestAnimationFrame(paint);
    };
    requestAnimationFrame(paint);
  }

  private longestSide(): number {
    const shape = this.viewer.planeShape();
    return shape ? Math.max(shape[1], shape[2]) : THUMB;
  }
}
