import { PlaneSource } from '../src/shared/npy/planeSource';
import { el } from './dom';
import { PlaneViewer } from './planeViewer';

/** What the mosaic shows: the slices of the stack, or one image per index of a leading axis (a batch of images). */
export interface MosaicTiles {
  count: number;
  /** The tile's name and number: "Slice 12" / "12", "Index 3" / "3". */
  name: (i: number) => string;
  /** Tile i's image: slice `slice` of `source` (the viewer's own stack when undefined). */
  image: (i: number) => { source?: PlaneSource; slice: number };
  pick: (i: number) => void;
}

/** The longest side of a thumbnail, in array pixels (taken every n-th pixel from the slice). */
const THUMB = 96;
/** Painting stops for the frame after this long, so that scrolling and keys stay smooth. */
const FRAME_BUDGET_MS = 8;

/**
 * Every slice (or every n-th) of the viewer's stack, or every index of a leading axis, as
 * thumbnails in the viewer's window and colour map, each numbered and a button that shows it. Thumbnails are painted
 * a few per animation frame, so that 512 slices never hold the page for more than a frame.
 */
export class MosaicView {
  readonly element: HTMLElement;
  private readonly board = el('div', { class: 'mosaic-tiles' });
  private readonly stepInput: HTMLInputElement;
  private generation = 0;

  private tiles: MosaicTiles;

  constructor(
    private readonly viewer: PlaneViewer,
    tiles: MosaicTiles,
  ) {
    this.tiles = tiles;
    this.stepInput = el('input', {
      type: 'number',
      min: '1',
      value: '1',
      class: 'mosaic-step',
      'aria-label': 'Show every n-th slice',
    });
    this.stepInput.addEventListener('change', () => this.show());
    this.element = el('section', { class: 'mosaic', role: 'region', 'aria-label': 'Mosaic' }, [
      el('label', { class: 'control' }, ['Every ', this.stepInput, ' th']),
      this.board,
    ]);
  }

  /** (Re)draws every n-th tile (of `tiles` when given); a drawing under way for an older call stops. */
  show(tiles?: MosaicTiles): void {
    if (tiles) this.tiles = tiles;
    const { count, name, image, pick } = this.tiles;
    const generation = ++this.generation;
    const step = Math.max(1, Math.floor(this.stepInput.valueAsNumber) || 1);
    const shown = Array.from({ length: Math.ceil(count / step) }, (_, i) => i * step);
    const canvases = shown.map((k) => {
      const canvas = el('canvas', { class: 'thumb-canvas' });
      const tile = el('button', { type: 'button', class: 'thumb', 'aria-label': name(k), 'data-slice': String(k) }, [
        canvas,
        el('span', { class: 'thumb-label' }, [String(k)]),
      ]);
      tile.addEventListener('click', () => pick(k));
      return { k, canvas, tile };
    });
    this.board.replaceChildren(...canvases.map((c) => c.tile));
    this.element.dataset.painted = '0';
    const frameTimes: number[] = [];
    let next = 0;
    const paint = () => {
      if (generation !== this.generation) return;
      const started = performance.now();
      while (next < canvases.length && performance.now() - started < FRAME_BUDGET_MS) {
        const { k, canvas } = canvases[next++];
        const { source, slice } = image(k);
        const painted = this.viewer.thumbnail(slice, Math.max(1, Math.ceil(this.longestSide() / THUMB)), source);
        if (!painted) return;
        canvas.width = painted.width;
        canvas.height = painted.height;
        canvas.getContext('2d')!.putImageData(painted, 0, 0);
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
