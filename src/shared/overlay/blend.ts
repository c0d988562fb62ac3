import { Window } from '../windowing';

/**
 * Blends a heatmap over painted pixels (little-endian ABGR Uint32s, in place): each value at
 * or above `threshold` takes its colour from `colours` as a colour map places it in `w`
 * (matplotlib's rule, as the image's own), mixed with the pixel beneath at `opacity`:
 * out = beneath * (1 - opacity) + colour * opacity, rounded. NaN is never drawn.
 */
export function blendHeatmap(pixels: Uint32Array, values: Float32Array, w: Window, colours: Uint32Array, opacity: number, threshold: number): void {
  const span = w.high - w.low;
  const a = Math.min(Math.max(opacity, 0), 1);
  const b = 1 - a;
  for (let i = 0; i < pixels.length; i++) {
    const v = values[i];
    if (!(v >= threshold)) continue;
    const x = ((v - w.low) / span) * 256;
    const c = colours[x < 0 ? 0 : x >= 255 ? 255 : x | 0];
    const p = pixels[i];
    const r = Math.round((p & 255) * b + (c & 255) * a);
    const g = Math.round(((p >>> 8) & 255) * b + ((c >>> 8) & 255) * a);
    const bl = Math.round(((p >>> 16) & 255) * b + ((c >>> 16) & 255) * a);
    pixels[i] = (0xff000000 | (bl << 16) | (g << 8) | r) >>> 0;
  }
}
