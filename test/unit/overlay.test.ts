import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isColourMap, colourMapTable } from '../../src/shared/colourMaps';
import { blendHeatmap } from '../../src/shared/overlay/blend';
import { MaskStyle, blendMask } from '../../src/shared/overlay/mask';
import { overlayKind } from '../../src/shared/overlay/fit';
import { decodeNpy } from '../../src/shared/npy/decode';
import { makeNpy } from './fixtures';
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
const blend = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'overlays', 'blend.json'), 'utf8')) as {
  matplotlib: string;
  blends: BlendCase[];
};
interface MaskCase {
  style: MaskStyle;
  opacity: number;
  hidden: number[];
  size: [number, number];
  image: number[];
  labels: number[];
  rgb: number[];
}
/** Label masks over grey slices, filled and outlined in tab10 colours by test/fixtures/make_overlay_fixtures.py. */
const mask = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'overlays', 'mask.json'), 'utf8')) as {
  matplotlib: string;
  masks: MaskCase[];
};
const resize = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'overlays', 'resize.json'), 'utf8')) as {
  opencv: string;
  cases: ResizeCase[];
};

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
      paintMapped(
        Uint8Array.from(c.image),
        { low: c.window[0], high: c.window[1] },
        colourMapTable('grey', false),
        pixels,
      );
      const values = new Float32Array(h * w);
      resizeBilinear(Float32Array.from(c.cam), 7, 7, w, h, values);
      if (!isColourMap(c.colourMap)) throw new Error(c.colourMap);
      blendHeatmap(
        pixels,
        values,
        { low: c.camWindow[0], high: c.camWindow[1] },
        colourMapTable(c.colourMap, false),
        c.opacity,
        c.threshold,
      );
      let worst = 0;
      let blended = 0;
      for (let i = 0; i < pixels.length; i++) {
        for (let ch = 0; ch < 3; ch++)
          worst = Math.max(worst, Math.abs(((pixels[i] >>> (8 * ch)) & 255) - c.rgb[3 * i + ch]));
        if (values[i] >= c.threshold) blended++;
      }
      assert.ok(worst <= 1, `${c.colourMap} at ${c.opacity}: off by ${worst} levels`);
      assert.ok(blended > 0 && (c.threshold < 0 || blended < pixels.length), 'the threshold leaves some pixels alone');
    }
  });

  it(`draw label masks as the reference does (matplotlib ${mask.matplotlib}'s tab10): fill, outline, both; hidden labels and 0 left alone`, () => {
    for (const c of mask.masks) {
      const [h, w] = c.size;
      const pixels = new Uint32Array(h * w);
      paintMapped(Uint8Array.from(c.image), { low: 0, high: 255 }, colourMapTable('grey', false), pixels);
      blendMask(pixels, Uint8Array.from(c.labels), w, h, c.opacity, c.style, new Set(c.hidden));
      let worst = 0;
      for (let i = 0; i < pixels.length; i++)
        for (let ch = 0; ch < 3; ch++)
          worst = Math.max(worst, Math.abs(((pixels[i] >>> (8 * ch)) & 255) - c.rgb[3 * i + ch]));
      assert.ok(worst <= 1, `${c.style}: off by ${worst} levels`);
    }
  });

  it('tell heatmaps, masks and per-slice scores apart, and refuse what does not fit with both shapes named', () => {
    const plane = [24, 64, 64];
    const kind = (descr: string, shape: number[], data: ArrayBufferView) =>
      overlayKind('cam', decodeNpy(makeNpy(descr, shape, data)), 'sagittal', plane);
    assert.equal(kind('<f4', [24, 7, 7], new Float32Array(24 * 49)), 'heatmap');
    assert.equal(
      kind(
        '|u1',
        [24, 64, 64],
        new Uint8Array(24 * 4096).map((_, i) => i % 3),
      ),
      'mask',
    );
    assert.equal(
      kind(
        '|u1',
        [24, 64, 64],
        new Uint8Array(24 * 4096).map((_, i) => i % 200),
      ),
      'heatmap',
      'many values: a map of values',
    );
    assert.equal(kind('<f8', [24], new Float64Array(24)), 'scores');
    const misfit = (descr: string, shape: number[], data: ArrayBufferView) =>
      (kind(descr, shape, data) as { misfit: string }).misfit;
    assert.equal(
      misfit('<f4', [30, 7, 7], new Float32Array(30 * 49)),
      "the cam overlay's shape (30, 7, 7) does not fit the sagittal plane's (24, 64, 64): 30 slices against 24",
    );
    assert.equal(
      misfit('<f4', [7, 7], new Float32Array(49)),
      "the cam overlay's shape (7, 7) does not fit the sagittal plane's (24, 64, 64): a 2-D array for a 3-D plane: overlays have one image (or one score) per slice",
    );
    assert.equal(
      misfit('|u1', [24, 32, 32], new Uint8Array(24 * 1024)),
      "the cam overlay's shape (24, 32, 32) does not fit the sagittal plane's (24, 64, 64): a label mask has the image's own size",
    );
    assert.equal(
      misfit('<f4', [25], new Float32Array(25)),
      "the cam overlay's shape (25,) does not fit the sagittal plane's (24, 64, 64): 25 scores against 24 slices",
    );
    assert.match(misfit('<f4', [24, 128, 128], new Float32Array(24 * 128 * 128)), /larger than the plane's images$/);
  });
});
