import { COLOUR_MAPS, ColourMapName, colourMapLabel, colourMapTable, isColourMap } from '../src/shared/colourMaps';
import { formatStat } from '../src/shared/format';
import { NpyArray, NumericArray, decodeNpyData } from '../src/shared/npy/decode';
import { heatmapMisfit } from '../src/shared/overlay/fit';
import { OverlayContent } from '../src/shared/protocol';
import { blendHeatmap } from '../src/shared/overlay/blend';
import { resizeBilinear } from '../src/shared/overlay/resize';
import { Window, range } from '../src/shared/windowing';
import { el } from './dom';

/** What a viewer remembers of an overlay. */
export interface OverlayState {
  shown: boolean;
  opacity: number;
  colourMap: ColourMapName;
  /** Values below it are not drawn. */
  threshold: number;
}

/**
 * A heatmap (a CAM, a saliency or probability map) of shape (slices, h, w) over a plane:
 * each slice resized to the image bilinearly (as cv2.resize INTER_LINEAR), coloured through
 * its own colour map in its own window (the overlay's range) and blended at its opacity,
 * above its threshold. Its controls sit in its plane, named after it.
 */
export class HeatmapOverlay {
  readonly element: HTMLElement;
  readonly window: Window;
  state: OverlayState;
  private readonly depth: number;
  private readonly height: number;
  private readonly width: number;
  private resized = new Float32Array(0);
  private resizedSlice = -1;
  private readonly checkbox: HTMLInputElement;
  private readonly opacity: HTMLInputElement;
  private readonly colourMap: HTMLSelectElement;
  private readonly threshold: HTMLInputElement;

  /** @param changed called after the user changed a control: the plane repaints and saves. */
  constructor(readonly name: string, private readonly array: NpyArray, saved: OverlayState | undefined, changed: () => void) {
    [this.depth, this.height, this.width] = array.header.shape;
    const { min, max, finite } = range(array.values, 0, array.values.length);
    this.window = finite ? { low: min, high: max > min ? max : min + 1 } : { low: 0, high: 1 };
    this.state = saved ?? { shown: true, opacity: 0.4, colourMap: 'jet', threshold: this.window.low };
    this.checkbox = el('input', { type: 'checkbox', 'aria-label': `${name} overlay` });
    this.opacity = el('input', { type: 'range', min: '0', max: '1', step: '0.05', 'aria-label': `${name} opacity`, title: 'Opacity' });
    this.colourMap = el('select', { class: 'colour-map', 'aria-label': `${name} colour map` }, COLOUR_MAPS.map((m) => el('option', { value: m }, [colourMapLabel(m)])));
    this.threshold = el('input', { type: 'number', step: 'any', class: 'window-number', 'aria-label': `${name} threshold`, title: 'Values below this are not drawn' });
    this.element = el('div', { class: 'overlay', role: 'group', 'aria-label': `${name} overlay settings` }, [
      el('label', { class: 'control' }, [this.checkbox, ` ${name}`]),
      el('label', { class: 'control' }, ['opacity ', this.opacity]),
      this.colourMap,
      el('label', { class: 'control' }, ['threshold ', this.threshold]),
      el('span', { class: 'overlay-range' }, [`${formatStat(this.window.low)} – ${formatStat(this.window.high)}`]),
    ]);
    this.show();
    const update = (f: () => void) => () => {
      f();
      changed();
    };
    this.checkbox.addEventListener('change', update(() => (this.state.shown = this.checkbox.checked)));
    this.opacity.addEventListener('input', update(() => (this.state.opacity = Number(this.opacity.value))));
    this.colourMap.addEventListener('change', update(() => {
      if (isColourMap(this.colourMap.value)) this.state.colourMap = this.colourMap.value;
    }));
    this.threshold.addEventListener('change', update(() => {
      const t = Number(this.threshold.value);
      if (this.threshold.value !== '' && Number.isFinite(t)) this.state.threshold = t;
    }));
  }

  setShown(shown: boolean): void {
    this.state.shown = shown;
    this.show();
  }

  /** Blends slice `k` over the plane's painted pixels (`width` x `height`). */
  blend(k: number, pixels: Uint32Array, width: number, height: number): void {
    if (!this.state.shown) return;
    blendHeatmap(pixels, this.slice(k, width, height), this.window, colourMapTable(this.state.colourMap, false), this.state.opacity, this.state.threshold);
  }

  /** The overlay's value at image pixel (x, y) of slice k, as drawn (resized). */
  valueAt(k: number, x: number, y: number, width: number, height: number): number {
    return this.slice(k, width, height)[y * width + x];
  }

  private slice(k: number, width: number, height: number): Float32Array {
    if (this.resizedSlice !== k || this.resized.length !== width * height) {
      if (this.resized.length !== width * height) this.resized = new Float32Array(width * height);
      resizeBilinear(this.sourceSlice(k), this.width, this.height, width, height, this.resized);
      this.resizedSlice = k;
    }
    return this.resized;
  }

  /** Slice k of the overlay, row-major (a view in C order; gathered in Fortran order). */
  private sourceSlice(k: number): NumericArray {
    const size = this.height * this.width;
    const values = this.array.values;
    if (!this.array.header.fortranOrder) return values.subarray(k * size, (k + 1) * size);
    const out = new Float32Array(size);
    for (let y = 0; y < this.height; y++) for (let x = 0; x < this.width; x++) out[y * this.width + x] = values[k + y * this.depth + x * this.depth * this.height];
    return out;
  }

  private show(): void {
    this.checkbox.checked = this.state.shown;
    this.opacity.value = String(this.state.opacity);
    this.colourMap.value = this.state.colourMap;
    this.threshold.value = String(Number(this.state.threshold.toPrecision(6)));
  }
}

/**
 * The heatmaps of a plane from what the host sent: each decoded and checked against the
 * plane's shape; a bad file or a shape that does not fit becomes a message naming it.
 */
export function heatmapOverlays(
  contents: readonly OverlayContent[],
  planeName: string,
  planeShape: readonly number[],
  saved: readonly [string, OverlayState][] | undefined,
  changed: () => void,
): { overlays: HeatmapOverlay[]; problems: string[] } {
  const overlays: HeatmapOverlay[] = [];
  const problems: string[] = [];
  for (const { name, array } of contents) {
    if ('error' in array) {
      problems.push(`Cannot show the ${name} overlay (${array.fileName}): ${array.error}`);
      continue;
    }
    if ('sampled' in array) continue; // the host sends overlays whole
    try {
      const decoded = decodeNpyData(array.header, new Uint8Array(array.data));
      const misfit = heatmapMisfit(name, decoded.header.shape, planeName.toLowerCase(), planeShape);
      if (misfit) problems.push(`Cannot show ${array.fileName}: ${misfit}`);
      else overlays.push(new HeatmapOverlay(name, decoded, saved?.find(([n]) => n === name)?.[1], changed));
    } catch (e) {
      problems.push(`Cannot show the ${name} overlay (${array.fileName}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { overlays, problems };
}
