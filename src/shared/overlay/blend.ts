import { Window } from '../windowing';

/**
 * Blends a heatmap over painted pixels (little-endian ABGR Uint32s, in place): each value at
 * or above `threshold` takes its colour from `colours` as a colour map places it in `w`
 * (matplotlib's rule, as the image's own), mixed with the pixel beneath at `opacity`:
 * out = beneath * (1 - opacity) + colour * opacity, in 1/256 steps of opacity (integer
 * arithmetic: within one level of the exact mix). NaN is never drawn.
 */
export function blendHeatmap(
  pixels: Uint32Array,
  values: Float32Array,
  w: Window,
  colours: Uint32Array,
  opacity: number,
  threshold: number,
): void {
  const scale = 256 / (w.high - w.low);
  const a = Math.round(Math.min(Math.max(opacity, 0), 1) * 256);
  for (let i = 0; i < pixels.length; i++) {
    const v = values[i];
    if (!(v >= threshold)) continue;
    const x = (v - w.low) * scale;
    pixels[i] = mix(pixels[i], colours[x < 0 ? 0 : x >= 255 ? 255 : x | 0], a);
  }
}

/** Pixel `p` mixed with colour `c` at a/256 (both little-endian ABGR), opaque. */
export function mix(p: number, c: number, a: number): number {
  const b = 256 - a;
  const r = ((p & 255) * b + (c & 255) * a + 128) >> 8;
  const g = (((p >>> 8) & 255) * b + ((c >>> 8) & 255) * a + 128) >> 8;
  const bl = (((p >>> 16) & 255) * b + ((c >>> 16) & 255) * a + 128) >> 8;
  return (0xff000000 | (bl << 16) | (g << 8) | r) >>> 0;
}
