import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isColourMap, colourMapTable } from '../../src/shared/colourMaps';
import { blendHeatmap } from '../../src/shared/overlay/blend';
import { resizeBilinear } from '../../src/shared/overlay/resize';
import { paintMapped } from '../../src/shared/windowing';

interface ResizeCase {
  dtype: 'float32' | 'uint8';
  source: [number, number];
  size: [number, number];
  values: number[];
  resized: number[];
}
/** What OpenCV's cv2.resize(INTER_LINEAR) gives, from test/fixtures/make_overlay_fixtures.py. */
interface BlendCase {
  colourMap: string;
  opacity: number;
  threshold: number;
  image: number[];
  window: [number, number];
  cam: number[];
  camWindow: [number, number];
  size: [number, number];
  rgb: number[];
}
/** A 7 x 7 heatmap resized by OpenCV, coloured by matplotlib and blended over a grey slice, by test/fixtures/make_overlay_fixtures.py. */
const blend = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'overlays', 'blend.json'), 'utf8')) as { matplotlib: string; blends: BlendCase[] };
const resize = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'overlays', 'resize.json'), 'utf8')) as { opencv: string; cases: ResizeCase[] };

describe('overlays', () => {
  it(`resize bilinearly as OpenCV ${resize.opencv}'s cv2.resize(INTER_LINEAR): within one level on uint8, to float precision on float32`, () => {
    for (const c of resize.cases) {
      const [sh, sw] = c.source;
      const [dh, dw] = c.size;
      const src = c.dtype === 'uint8' ? Uint8Array.from(c.values) : Float32Array.from(c.values);
      const out = new Float32Array(dw * dh);
      resizeBilinear(src, sw, sh, dw, dh, out);
      let worst = 0;
      for (let i = 0; i < out.length; i++) {
        const ours = c.dtype === 'uint8' ? Math.round(out[i]) : out[i];
        worst = Math.max(worst, Math.abs(ours - c.resized[i]));
      }
      const label = `${c.dtype} ${sh}x${sw} to ${dh}x${dw}`;
      if (c.dtype === 'uint8') assert.ok(worst <= 1, `${label}: off by ${worst}`);
      else assert.ok(worst < 1e-5, `${label}: off by ${worst}`);
    }
  });

  it(`blend a heatmap over the grey slice within one level of matplotlib ${blend.matplotlib} and OpenCV: resized, coloured, thresholded, at its opacity`, () => {
    for (const c of blend.blends) {
      const [h, w] = c.size;
      const pixels = new Uint32Array(h * w);
      paintMapped(Uint8Array.from(c.image), { low: c.window[0], high: c.window[1] }, colourMapTable('grey', false), pixels);
      const values = new Float32Array(h * w);
      resizeBilinear(Float32Array.from(c.cam), 7, 7, w, h, values);
      if (!isColourMap(c.colourMap)) throw new Error(c.colourMap);
      blendHeatmap(pixels, values, { low: c.camWindow[0], high: c.camWindow[1] }, colourMapTable(c.colourMap, false), c.opacity, c.threshold);
      let worst = 0;
      let blended = 0;
      for (let i = 0; i < pixels.length; i++) {
        for (let ch = 0; ch < 3; ch++) worst = Math.max(worst, Math.abs(((pixels[i] >>> (8 * ch)) & 255) - c.rgb[3 * i + ch]));
        if (values[i] >= c.threshold) blended++;
      }
      assert.ok(worst <= 1, `${c.colourMap} at ${c.opacity}: off by ${worst} levels`);
      assert.ok(blended > 0 && (c.threshold < 0 || blended < pixels.length), 'the threshold leaves some pixels alone');
    }
  });
});
