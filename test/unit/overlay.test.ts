import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resizeBilinear } from '../../src/shared/overlay/resize';

interface ResizeCase {
  dtype: 'float32' | 'uint8';
  source: [number, number];
  size: [number, number];
  values: number[];
  resized: number[];
}
/** What OpenCV's cv2.resize(INTER_LINEAR) gives, from test/fixtures/make_overlay_fixtures.py. */
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
});
