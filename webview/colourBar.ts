import { ColourMapName, colourMapLabel, colourMapTable } from '../src/shared/colourMaps';
import { formatStat } from '../src/shared/format';
import { ColourScale, Window, scaleValueAt } from '../src/shared/windowing';
import { el } from './dom';

/** The colour bar beside a viewport's image: the colour map from the window's low (bottom) to high (top). */
export class ColourBar {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly high = el('div', { 'data-role': 'bar-high' });
  private readonly low = el('div', { 'data-role': 'bar-low' });
  /** The value at the bar's middle: where a log scale shows that it is one (the geometric mean). */
  private readonly mid = el('div', { 'data-role': 'bar-mid' });
  private painted = '';

  constructor() {
    this.canvas = el('canvas', { class: 'bar', width: '1', height: '256', role: 'img' });
    this.element = el('div', { class: 'colour-bar' }, [this.high, this.canvas, this.mid, this.low]);
  }

  show(map: ColourMapName, invert: boolean, w: Window, scale: ColourScale = 'linear'): void {
    const key = `${map}/${invert}`;
    if (key !== this.painted) {
      const colours = colourMapTable(map, invert);
      const image = new ImageData(1, 256);
      const out = new Uint32Array(image.data.buffer);
      for (let i = 0; i < 256; i++) out[i] = colours[255 - i];
      this.canvas.getContext('2d')!.putImageData(image, 0, 0);
      this.painted = key;
    }
    const high = formatStat(scaleValueAt(scale, w, 1));
    const low = formatStat(scaleValueAt(scale, w, 0));
    const mid = scale === 'linear' ? '' : formatStat(scaleValueAt(scale, w, 0.5));
    if (this.high.textContent !== high) this.high.textContent = high;
    if (this.low.textContent !== low) this.low.textContent = low;
    if (this.mid.textContent !== mid) this.mid.textContent = mid;
    const label = `Colour bar: ${colourMapLabel(map)}${invert ? ' inverted' : ''}, ${low} to ${high}${scale === 'linear' ? '' : `, ${scale === 'log' ? 'log' : 'symmetric log'} scale, ${mid} at the middle`}`;
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
  }
}
