import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { histogramFromCounts, histogramOf, numpyBin } from '../../src/shared/histogram';
import { probabilityBin } from '../../src/shared/metrics/calibration';
import { valueBin, valueBinEdges } from '../../src/shared/overview/overviewStats';

interface Case {
  name: string;
  values: number[];
  bins: number;
  range: [number, number];
  counts: number[];
}
const { cases } = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'histogram', 'histogram.json'), 'utf8'),
) as { cases: Case[] };

/** Counts of `values` in `bins` bins by a bin function (-1: not counted). */
function countBy(values: number[], bins: number, bin: (v: number) => number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const b = bin(v);
    if (b >= 0) counts[b]++;
  }
  return counts;
}

describe("the charts' bins are np.histogram's (test/fixtures/make_histogram_fixtures.py)", () => {
  for (const c of cases) {
    it(`${c.name}: the same counts as NumPy`, () => {
      const [lo, hi] = c.range;
      assert.deepEqual(
        countBy(c.values, c.bins, (v) => numpyBin(v, lo, hi, c.bins)),
        c.counts,
      );
      // The overview's intensity bins.
      assert.deepEqual(
        countBy(
          c.values.filter((v) => v >= lo && v <= hi),
          c.bins,
          (v) => valueBin(v, { min: lo, max: hi, count: c.bins }),
        ),
        c.counts,
      );
      // The report's probability bars.
      if (lo === 0 && hi === 1)
        assert.deepEqual(
          countBy(c.values, c.bins, (v) => probabilityBin(v, c.bins)),
          c.counts,
        );
    });
  }

  it("a probability of exactly 0.30 is in the bar [0.25, 0.30) of 20, as NumPy counts it; the bar edges are linspace's", () => {
    assert.equal(probabilityBin(0.3, 20), 5);
    assert.equal(probabilityBin(1, 20), 19);
    assert.deepEqual(valueBinEdges(5, { min: 0, max: 1, count: 20 }), [0.25, 6 * (1 / 20)]);
    assert.equal(valueBinEdges(19, { min: 0, max: 1, count: 20 })[1], 1);
  });

  it("the viewer's histogram of float64 values and of counted integers: NumPy's 256 bins over [min, max]", () => {
    for (const c of cases.filter((x) => x.bins === 256)) {
      const [lo, hi] = c.range;
      const inside = Float64Array.from(c.values.filter((v) => v >= lo && v <= hi));
      assert.deepEqual(histogramOf(inside, lo, hi)?.counts, c.counts, c.name);
    }
    const integers = cases.find((c) => c.name.startsWith('integers'))!;
    const counts = new Uint32Array(65536);
    for (const v of integers.values) counts[v + 32768]++;
    assert.deepEqual(histogramFromCounts(counts, 32768, -3000, 3000).counts, integers.counts);
  });
});
