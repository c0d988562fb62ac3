import { NumericArray } from '../npy/npyArray';
import { mix } from './blend';

/** matplotlib's tab10: the colours of labels 1, 2, 3, ... (again from the first after ten). */
const MASK_PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

export type MaskStyle = 'fill' | 'outline' | 'both';

/** Label `label`'s colour as a little-endian ABGR pixel (label 0 is the background and never drawn). */
export function labelColour(label: number): number {
  const hex = MASK_PALETTE[(((label - 1) % MASK_PALETTE.length) + MASK_PALETTE.length) % MASK_PALETTE.length];
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * Draws a label slice (`width` x `height`, one label per image pixel) over painted pixels, in
 * place: the fill mixes each labelled pixel with its label's colour at `opacity` (as blendHeatmap mixes); the outline
 * paints, opaque, each labelled pixel with a 4-neighbour of another label. Label 0 and labels
 * in `hidden` are not drawn.
 */
export function blendMask(
  pixels: Uint32Array,
  labels: NumericArray,
  width: number,
  height: number,
  opacity: number,
  style: MaskStyle,
  hidden: ReadonlySet<number>,
): void {
  const a = Math.round(Math.min(Math.max(opacity, 0), 1) * 256);
  const colours = new Map<number, number>();
  const colourOf = (label: number) => {
    let c = colours.get(label);
    if (c === undefined) colours.set(label, (c = labelColour(label)));
    return c;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const label = labels[i];
      if (label === 0 || hidden.has(label)) continue;
      const c = colourOf(label);
      const edge =
        (x > 0 && labels[i - 1] !== label) ||
        (x < width - 1 && labels[i + 1] !== label) ||
        (y > 0 && labels[i - width] !== label) ||
        (y < height - 1 && labels[i + width] !== label);
      if (style !== 'fill' && edge) {
        pixels[i] = c;
      } else if (style !== 'outline') {
        pixels[i] = mix(pixels[i], c, a);
      }
    }
  }
}
