import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COLOUR_MAPS,
  ColourMapName,
  centredOnZero,
  colourMapTable,
  isColourMap,
  nextColourMap,
} from '../../src/shared/colourMaps';
import { histogramOf } from '../../src/shared/histogram';
import { WHEEL_NOTCH, WheelSteps, wheelPixels, wheelZoom } from '../../src/shared/wheel';
import { paintMapped, scaleTransform, scaleValueAt, volumeStats } from '../../src/shared/windowing';

interface Ramp {
  name: string;
  dtype: 'float64' | 'uint8';
  vmin: number;
  vmax: number;
  values: number[];
  colours: Record<string, number[]>;
}
/** What matplotlib paints (imshow's Normalize and colour map, bytes=True), from test/fixtures/make_colourmap_fixtures.py. */
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'colourmaps', 'ramps.json'), 'utf8')) as {
  matplotlib: string;
  cases: Ramp[];
};

interface ScaledRamp {
  scale: 'log' | 'symlog';
  low: number;
  high: number;
  values: number[];
  colours: number[][];
}
/** What matplotlib paints through LogNorm and SymLogNorm (viridis), from test/fixtures/make_scale_fixtures.py. */
const scales = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'colourmaps', 'scales.json'), 'utf8')) as {
  matplotlib: string;
  cases: ScaledRamp[];
};

describe('colour scales', () => {
  for (const ramp of scales.cases) {
    it(`${ramp.scale} from ${ramp.low} to ${ramp.high} paints within one level of matplotlib ${scales.matplotlib}`, () => {
      const values = Float64Array.from(ramp.values);
      const out = new Uint32Array(values.length);
      paintMapped(values, { low: ramp.low, high: ramp.high }, colourMapTable('viridis', false), out, ramp.scale);
      // A value on a bin's edge (t × 256 a whole number, to 1e-9) may fall either side: log10 in
      // C and in JavaScript can differ in the last bit. Everywhere else, within one level.
      const place = scaleTransform(ramp.scale, { low: ramp.low, high: ramp.high });
      let worst = 0;
      for (let i = 0; i < values.length; i++) {
        if (ramp.scale === 'log' && values[i] <= 0) continue;
        const x = place(values[i]) * 256;
        if (Math.abs(x - Math.round(x)) < 1e-9) continue;
        for (let c = 0; c < 3; c++)
          worst = Math.max(worst, Math.abs(((out[i] >>> (8 * c)) & 255) - ramp.colours[i][c]));
      }
      assert.ok(worst <= 1, `off by ${worst} levels`);
    });
  }

  it('8-bit data through a log scale: the table gives what each value would', () => {
    const values = Uint8Array.from({ length: 256 }, (_, i) => i);
    const table = new Uint32Array(256);
    const each = new Uint32Array(256);
    paintMapped(values, { low: 1, high: 255 }, colourMapTable('magma', false), table, 'log');
    paintMapped(Float64Array.from(values), { low: 1, high: 255 }, colourMapTable('magma', false), each, 'log');
    assert.deepEqual([...table], [...each]);
  });

  it("the colour bar's middle value: the geometric mean under log, 0 under a symmetric symlog", () => {
    assert.ok(Math.abs(scaleValueAt('log', { low: 1, high: 1e4 }, 0.5) - 100) < 1e-9);
    assert.equal(scaleValueAt('symlog', { low: -1000, high: 1000 }, 0.5), 0);
    assert.equal(scaleValueAt('linear', { low: 0, high: 10 }, 0.5), 5);
  });
});

describe('colour maps', () => {
  for (const ramp of fixture.cases) {
    it(`paint ${ramp.name} within one level of matplotlib ${fixture.matplotlib}, every map, plain and reversed`, () => {
      const values = ramp.dtype === 'uint8' ? Uint8Array.from(ramp.values) : Float64Array.from(ramp.values);
      const out = new Uint32Array(values.length);
      for (const name of COLOUR_MAPS) {
        for (const reversed of [false, true]) {
          const expected = ramp.colours[name + (reversed ? ' reversed' : '')];
          paintMapped(values, { low: ramp.vmin, high: ramp.vmax }, colourMapTable(name, reversed), out);
          let worst = 0;
          for (let i = 0; i < values.length; i++) {
            for (let c = 0; c < 3; c++)
              worst = Math.max(worst, Math.abs(((out[i] >>> (8 * c)) & 255) - expected[3 * i + c]));
          }
          assert.ok(worst <= 1, `${name}${reversed ? ' reversed' : ''}: off by ${worst} levels`);
        }
      }
    });
  }

  it('are the twelve the viewer offers, and the key cycles through them both ways', () => {
    assert.deepEqual(
      [...COLOUR_MAPS],
      [
        'grey',
        'inverted-grey',
        'viridis',
        'magma',
        'inferno',
        'plasma',
        'cividis',
        'turbo',
        'jet',
        'hot',
        'bone',
        'coolwarm',
      ],
    );
    let name: ColourMapName = 'grey';
    const seen = new Set<string>();
    for (let i = 0; i < COLOUR_MAPS.length; i++) seen.add((name = nextColourMap(name, 1)));
    assert.equal(seen.size, COLOUR_MAPS.length);
    assert.equal(name, 'grey');
    assert.equal(nextColourMap('grey', -1), 'coolwarm');
    assert.ok(isColourMap('viridis') && !isColourMap('gray') && !isColourMap('constructor'));
  });

  it('a diverging map is centred on 0 when the data spans 0, and only then', () => {
    const spans = volumeStats(new Float32Array([-1, 0, 3]));
    assert.deepEqual(centredOnZero({ low: -1, high: 3 }, spans), { low: -3, high: 3 });
    const positive = volumeStats(new Float32Array([1, 2, 3]));
    assert.deepEqual(centredOnZero({ low: 1, high: 3 }, positive), { low: 1, high: 3 });
  });
});

describe('histogram', () => {
  it('counts 8-bit values one bin per value, NaN and infinities apart', () => {
    const h = histogramOf(Uint8Array.from([0, 0, 1, 255]), 0, 255)!;
    assert.equal(h.counts.length, 256);
    assert.deepEqual([h.low, h.high, h.counts[0], h.counts[1], h.counts[255]], [-0.5, 255.5, 2, 1, 1]);
    const stats = volumeStats(new Float32Array([1, 2, NaN, Infinity, -Infinity, 3]));
    assert.deepEqual(
      stats.histogram!.counts.reduce((a, b) => a + b),
      3,
    );
    assert.deepEqual([stats.nan, stats.posInf, stats.negInf], [1, 1, 1]);
  });

  it('8- and 16-bit integers are counted once for their statistics and histogram, as the general count would', () => {
    const values = Int16Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 3001) - 1000);
    const stats = volumeStats(values);
    assert.deepEqual([stats.min, stats.max], [-1000, 2000]);
    assert.ok(Math.abs(stats.mean - values.reduce((a, b) => a + b, 0) / values.length) < 1e-9);
    assert.deepEqual(stats.histogram, histogramOf(Float64Array.from(values), -1000, 2000));
    const small = volumeStats(Int8Array.from([-5, -5, 3]));
    assert.deepEqual(
      [
        small.histogram!.low,
        small.histogram!.high,
        small.histogram!.counts.length,
        small.histogram!.counts[0],
        small.histogram!.counts[8],
      ],
      [-5.5, 3.5, 9, 2, 1],
    );
  });

  it('floats in 256 equal bins from min to max, the maximum in the last; values near the float64 limits too', () => {
    const h = histogramOf(
      Float64Array.from({ length: 1024 }, (_, i) => i),
      0,
      1023,
    )!;
    assert.equal(h.counts.length, 256);
    assert.ok(
      h.counts.every((c) => c === 4),
      JSON.stringify(h.counts.slice(0, 4)),
    );
    const max = Number.MAX_VALUE;
    const wide = histogramOf(new Float64Array([-max, 0, max]), -max, max)!;
    assert.deepEqual([wide.counts[0], wide.counts[128], wide.counts[255]], [1, 1, 1]);
    assert.equal(histogramOf(new Float32Array([NaN]), NaN, NaN), undefined);
  });
});

describe('wheel', () => {
  it("a notch moves one slice; a trackpad's small events add up to one slice per notch of pixels", () => {
    const wheel = new WheelSteps();
    assert.equal(wheel.steps(WHEEL_NOTCH), 1);
    assert.equal(wheel.steps(-120), -1);
    assert.equal(wheel.steps(53), 1, 'a smaller notch still moves one slice');
    assert.equal(wheel.steps(200), 2, 'two notches in one event');
    const trackpad = new WheelSteps();
    const moved = Array.from({ length: 50 }, () => trackpad.steps(4)).reduce((a, b) => a + b);
    assert.equal(moved, 2, '200 px of 4 px events');
    assert.equal(trackpad.steps(-4), 0, 'a change of direction starts afresh');
  });

  it('lines and pages are turned into pixels; Ctrl+wheel zooms by one step per notch', () => {
    assert.equal(wheelPixels({ deltaX: 0, deltaY: 3, deltaMode: 1 }, 800), 120);
    assert.equal(wheelPixels({ deltaX: 0, deltaY: 1, deltaMode: 2 }, 800), 800);
    assert.equal(wheelPixels({ deltaX: 100, deltaY: 0, deltaMode: 0 }, 800), 100);
    assert.equal(wheelZoom(-WHEEL_NOTCH, 1.25), 1.25);
    assert.ok(Math.abs(wheelZoom(WHEEL_NOTCH, 1.25) - 0.8) < 1e-12);
  });
});
