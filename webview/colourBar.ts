import { ColourMapName, colourMapLabel, colourMapTable } from '../src/shared/colourMaps';
import { formatStat } from '../src/shared/format';
import { Window } from '../src/shared/windowing';
import { el } from './dom';

/** The colour bar beside a viewport's image: the colour map from the window's low (bottom) to high (top). */
export class ColourBar {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly high = el('div', { 'data-role': 'bar-high' });
  private readonly low = el('div', { 'data-role': 'bar-low' });
  private painted = '';

  constructor() {
    this.canvas = el('canvas', { class: 'bar', width: '1', height: '256', role: 'img' });
    this.element = el('div', { class: 'colour-bar' }, [this.high, this.canvas, this.low]);
  }

  show(map: ColourMapName, invert: boolean, w: Window): void {
    const key = `${map}/${invert}`;
    if (key !== this.painted) {
      const colours = colourMapTable(map, invert);
      const image = new ImageData(1, 256);
      const out = new Uint32Array(image.data.buffer);
      for (let i = 0; i < 256; i++) out[i] = colours[255 - i];
      this.canvas.getContext('2d')!.putImageData(image, 0, 0);
      this.painted = key;
    }
    const high = formatStat(w.high);
    const low = formatStat(w.low);
    if (this.high.textContent !== high) this.high.textContent = high;
    if (this.low.textContent !== low) this.low.textContent = low;
    const label = `Colour bar: ${colourMapLabel(map)}${invert ? ' inverted' : ''}, ${low} to ${high}`;
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
  }
}
