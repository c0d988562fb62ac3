import * as assert from 'node:assert/strict';
import { colourMapTable } from '../../src/shared/colourMaps';
import { formatWidth } from '../../src/shared/format';
import {
  NAN_COLOUR,
  NEG_INF_COLOUR,
  POS_INF_COLOUR,
  Window,
  paintColour,
  paintMapped,
  presetWindow,
  volumeStats,
  widthLevel,
} from '../../src/shared/windowing';

const paintGrey = (values: Parameters<typeof paintMapped>[0], w: Window, invert: boolean, out: Uint32Array) =>
  paintMapped(values, w, colourMapTable('grey', invert), out);

const grey = (px: number) => px & 0xff;

describe('contrast', () => {
  it('the default window is the 0.5th-99.5th percentile of the whole volume', () => {
    const values = new Uint8Array(1000);
    for (let i = 0; i < 1000; i++) values[i] = i % 200; // 0..199, five of each
    values[0] = 255; // one outlier
    const stats = volumeStats(values);
    assert.equal(stats.min, 0);
    assert.equal(stats.max, 255);
    assert.deepEqual(stats.auto, { low: 1, high: 199 });
    const floats = Float32Array.from({ length: 10000 }, (_, i) => i / 10);
    const f = volumeStats(floats).auto!;
    assert.ok(Math.abs(f.low - 5) < 0.2 && Math.abs(f.high - 995) < 0.2, JSON.stringify(f));
  });

  it('leaves NaN and infinities out of the statistics', () => {
    const stats = volumeStats(new Float64Array([1, NaN, 3, Infinity, -Infinity]));
    assert.deepEqual([stats.min, stats.max, stats.mean, stats.nan, stats.posInf, stats.negInf], [1, 3, 2, 1, 1, 1]);
  });

  it('presets: full range, per-slice min/max, and a constant image gets a usable window', () => {
    const stats = volumeStats(new Int16Array([-100, 0, 50, 400]));
    assert.deepEqual(presetWindow('full', stats, new Int16Array([0])), { low: -100, high: 400 });
    assert.deepEqual(presetWindow('slice', stats, new Int16Array([10, 20, 30])), { low: 10, high: 30 });
    assert.deepEqual(presetWindow('slice', stats, new Int16Array([7, 7])), { low: 6.5, high: 7.5 });
  });

  it('paints 8-bit data through its lookup table exactly as matplotlib places values in a colour map', () => {
    const values = Uint8Array.from({ length: 256 }, (_, i) => i);
    const out = new Uint32Array(256);
    paintGrey(values, { low: 50, high: 150 }, false, out);
    for (let v = 0; v < 256; v++) {
      // Normalize, times the 256 colours, truncated and clipped: matplotlib's Colormap.__call__.
      const index = Math.min(255, Math.max(0, Math.floor(((v - 50) / 100) * 256)));
      assert.equal(out[v], colourMapTable('grey', false)[index], `value ${v}`);
      assert.equal(out[v] >>> 24, 255);
    }
    const floats = Float32Array.from(values);
    const out2 = new Uint32Array(256);
    paintGrey(floats, { low: 50, high: 150 }, false, out2);
    assert.deepEqual(out2, out);
    paintGrey(values, { low: 0, high: 255 }, true, out);
    assert.equal(grey(out[0]), 255);
    assert.equal(grey(out[255]), 0);
  });

  it('paints signed 8-bit data and colour pixels', () => {
    const out = new Uint32Array(2);
    paintGrey(new Int8Array([-128, 127]), { low: -128, high: 127 }, false, out);
    assert.deepEqual([grey(out[0]), grey(out[1])], [0, 255]);
    paintColour(new Uint8Array([10, 20, 30, 40, 50, 60]), 3, false, out);
    assert.equal(out[0], (0xff000000 | (30 << 16) | (20 << 8) | 10) >>> 0);
  });

  it('values near the float64 limits get a finite window and a full grey ramp, never all black', () => {
    const max = Number.MAX_VALUE;
    const values = new Float64Array([-max, -max / 2, 0, max / 2, max]);
    const stats = volumeStats(values);
    const w = presetWindow('full', stats, values);
    assert.deepEqual(w, { low: -max, high: max });
    assert.equal(widthLevel(w).level, 0);
    const out = new Uint32Array(5);
    paintGrey(values, w, false, out);
    assert.deepEqual(Array.from(out, grey), [0, 64, 128, 192, 255]);
    assert.ok(Number.isFinite(stats.mean));
    // The toolbar's width is the true one, 2 · max, not Infinity.
    assert.equal(formatWidth(w.low, w.high), '3.595e+308');
    assert.equal(formatWidth(-1e308, 9e307), '1.900e+308');
    assert.equal(formatWidth(-2, 3), '5');
  });

  it('a constant array at the float64 limits gets a finite window and the grey every constant array gets', () => {
    const max = Number.MAX_VALUE;
    const reference = new Uint32Array(1);
    paintGrey(
      new Float64Array([7]),
      presetWindow('auto', volumeStats(new Float64Array([7, 7])), new Float64Array([7])),
      false,
      reference,
    );
    assert.equal(grey(reference[0]), 128);
    for (const v of [max, -max, max / 2, 1e300, -Number.MIN_VALUE]) {
      const values = new Float64Array([v, v, v]);
      const stats = volumeStats(values);
      for (const preset of ['auto', 'full', 'slice'] as const) {
        const w = presetWindow(preset, stats, values);
        assert.ok(
          Number.isFinite(w.low) && Number.isFinite(w.high) && w.low <= v && v <= w.high,
          `${v} ${preset}: ${JSON.stringify(w)}`,
        );
        assert.ok(Number.isFinite(widthLevel(w).width), `${v} ${preset}`);
        const out = new Uint32Array(3);
        paintGrey(values, w, false, out);
        assert.deepEqual(Array.from(out, grey), [128, 128, 128], `${v} ${preset}`);
      }
    }
  });

  it('an almost-all-NaN array finds its few finite values; all-NaN and all-inf arrays get a finite window', () => {
    const values = new Float32Array(3_000_000).fill(NaN);
    values[1_234_567] = 5;
    values[2_345_678] = 7;
    const stats = volumeStats(values);
    assert.deepEqual([stats.min, stats.max, stats.nan], [5, 7, 2_999_998]);
    assert.deepEqual(stats.auto, { low: 5, high: 7 });
    for (const fill of [NaN, Infinity, -Infinity]) {
      const all = new Float64Array(10).fill(fill);
      const s = volumeStats(all);
      assert.equal(s.auto, undefined);
      for (const preset of ['auto', 'full', 'slice'] as const)
        assert.deepEqual(presetWindow(preset, s, all), { low: 0, high: 1 });
    }
    // A sample of slices with no finite value: each slice gets its own range.
    const sampled = volumeStats(new Float32Array([NaN, NaN]));
    assert.deepEqual(presetWindow('auto', sampled, new Float32Array([2, NaN, 4])), { low: 2, high: 4 });
  });

  it('NaN, +inf and -inf are painted in colours of their own, not as the minimum', () => {
    const out = new Uint32Array(4);
    paintGrey(new Float32Array([0, NaN, Infinity, -Infinity]), { low: 0, high: 1 }, false, out);
    assert.deepEqual(Array.from(out), [0xff000000, NAN_COLOUR, POS_INF_COLOUR, NEG_INF_COLOUR]);
    assert.equal(new Set([0xff000000, 0xffffffff, NAN_COLOUR, POS_INF_COLOUR, NEG_INF_COLOUR]).size, 5);
  });

  it('float colour pixels in [0, 1] are painted as matplotlib shows them (times 255, truncated)', () => {
    const out = new Uint32Array(2);
    paintColour(new Float32Array([1, 0.5, 0.25, 0.999, NaN, 0]), 3, false, out);
    assert.equal(out[0], (0xff000000 | (63 << 16) | (127 << 8) | 255) >>> 0);
    assert.equal(out[1], NAN_COLOUR);
  });
});
