import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '../../src/shared/npy/decode';
import { planeSource } from '../../src/shared/npy/planeSource';
import { statisticsOfSlices } from '../../src/shared/sliceStatistics';
import {
  ArrayStatistics,
  PERCENTILES,
  StatisticsAccumulator,
  arrayStatistics,
  cOrderOf,
  elementIndex,
  exactLerp,
  wideOf,
} from '../../src/shared/statistics';

type Num = number | 'nan' | 'inf' | '-inf';
interface Expected {
  count: number;
  nan: number;
  posInf: number;
  negInf: number;
  min?: Num;
  argmin?: number[];
  max?: Num;
  argmax?: number[];
  mean?: Num;
  std?: Num;
  percentiles?: Record<string, Num>;
  distinct?: [Num, number][] | null;
}
const DIR = join(__dirname, '..', 'fixtures', 'statistics');
const fixture = JSON.parse(readFileSync(join(DIR, 'statistics.json'), 'utf8')) as {
  numpy: string;
  fixtures: { name: string; whole: Expected; slice?: { index: number; stats: Expected } }[];
};
const num = (v: Num) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);

/** Equal to float64 rounding: NumPy sums pairwise, we in order; 1e-12 relative is far below any digit the panel shows. */
function close(actual: number | undefined, expected: Num, what: string): void {
  const e = num(expected);
  assert.ok(actual !== undefined, what);
  if (Number.isNaN(e) || !Number.isFinite(e))
    return assert.ok(
      Object.is(actual, e) || (Number.isNaN(e) && Number.isNaN(actual)),
      `${what}: ${actual} against NumPy's ${e}`,
    );
  assert.ok(Math.abs(actual - e) <= 1e-12 * Math.max(1, Math.abs(e)), `${what}: ${actual} against NumPy's ${e}`);
}

function check(s: ArrayStatistics, e: Expected, indexOf: (position: number) => number[], what: string): void {
  assert.deepEqual([s.count, s.nan, s.posInf, s.negInf], [e.count, e.nan, e.posInf, e.negInf], `${what}: counts`);
  if (e.min === undefined) {
    assert.equal(s.min, undefined, `${what}: no min of an all-NaN array`);
    return;
  }
  assert.equal(s.min, num(e.min), `${what}: min`);
  assert.equal(s.max, num(e.max!), `${what}: max`);
  assert.deepEqual(indexOf(s.minAt!), e.argmin, `${what}: argmin`);
  assert.deepEqual(indexOf(s.maxAt!), e.argmax, `${what}: argmax`);
  close(s.mean, e.mean!, `${what}: mean`);
  close(s.std, e.std!, `${what}: std`);
  for (const q of PERCENTILES) close(s.percentiles!.get(q), e.percentiles![String(q)], `${what}: percentile ${q}`);
  assert.deepEqual(
    s.distinct?.map((d) => [d.value, d.count]) ?? null,
    e.distinct?.map(([v, c]) => [num(v), c]) ?? null,
    `${what}: distinct values`,
  );
}

describe(`statistics, against NumPy ${fixture.numpy}`, () => {
  for (const f of fixture.fixtures) {
    it(`${f.name}: the whole array${f.slice ? ' and a slice' : ''}`, () => {
      const array = decodeNpy(new Uint8Array(readFileSync(join(DIR, `${f.name}.npy`))));
      const { shape, fortranOrder } = array.header;
      check(
        arrayStatistics(array.values, cOrderOf(shape, fortranOrder)),
        f.whole,
        (p) => elementIndex(p, shape, fortranOrder),
        'whole',
      );
      if (f.slice) {
        // A slice as the viewer has it: the plane source's row-major image of slice k along axis 0.
        const source = planeSource(array);
        const k = f.slice.index;
        check(
          arrayStatistics(source.slice(k)),
          f.slice.stats,
          (p) => [Math.floor(p / source.width), p % source.width],
          `slice ${k}`,
        );
      }
    });
  }

  for (const f of fixture.fixtures.filter((x) => x.slice)) {
    it(`${f.name}: the whole array from its slices, chunk by chunk and pass by pass, as a file read slice by slice`, () => {
      const array = decodeNpy(new Uint8Array(readFileSync(join(DIR, `${f.name}.npy`))));
      const { shape, fortranOrder } = array.header;
      const accumulator = new StatisticsAccumulator(cOrderOf(shape, fortranOrder));
      // The slices of the axis outermost in memory: contiguous runs of the values.
      const slices = fortranOrder ? shape[shape.length - 1] : shape[0];
      const size = array.values.length / slices;
      for (let pass = 1; pass <= accumulator.passes; pass++) {
        for (let k = 0; k < slices; k++)
          accumulator.add(array.values.subarray(k * size, (k + 1) * size), k * size, pass);
      }
      check(accumulator.result(), f.whole, (p) => elementIndex(p, shape, fortranOrder), 'chunked');
    });
  }

  // Files read slice by slice arrive in C order (the host gathers a Fortran-order file's slices).
  const cOrder = (name: string) =>
    !decodeNpy(new Uint8Array(readFileSync(join(DIR, `${name}.npy`)))).header.fortranOrder;
  for (const f of fixture.fixtures.filter((x) => x.slice && cOrder(x.name))) {
    it(`${f.name}: the statistics panel's figures of a file read slice by slice (statisticsOfSlices), NumPy's`, async () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, `${f.name}.npy`)));
      const { header } = decodeNpy(bytes);
      const sliceBytes = header.dataBytes / header.shape[0];
      const read = (k: number) =>
        Promise.resolve(bytes.slice(header.dataOffset + k * sliceBytes, header.dataOffset + (k + 1) * sliceBytes));
      const heard: string[] = [];
      const result = await statisticsOfSlices(
        header,
        read,
        ({ pass, passes, done }) => heard.push(`${pass}/${passes} ${done}`),
        () => true,
      );
      check(result!, f.whole, (p) => elementIndex(p, header.shape, false), 'slice by slice');
      assert.equal(heard[0], `1/${heard[0].split(' ')[0].split('/')[1]} 0`, 'the first slice of the first pass');
      // Another file shown: reading stops at once, with no figures.
      assert.equal(
        await statisticsOfSlices(
          header,
          read,
          () => undefined,
          () => false,
        ),
        undefined,
      );
    });
  }

  const wide = JSON.parse(readFileSync(join(DIR, 'wide.json'), 'utf8')) as {
    fixtures: {
      name: string;
      min: string;
      max: string;
      argmin: number[];
      argmax: number[];
      mean: number;
      std: number;
      percentiles: Record<string, string>;
    }[];
  };
  for (const f of wide.fixtures) {
    it(`${f.name}: 64-bit integers' min, max, their indices and percentiles exactly, the mean and std as NumPy's float64 ones (whole, and slice by slice)`, () => {
      const array = decodeNpy(new Uint8Array(readFileSync(join(DIR, `${f.name}.npy`))));
      const { shape, fortranOrder } = array.header;
      const cOrder = cOrderOf(shape, fortranOrder);
      const results = [arrayStatistics(array.values, cOrder, wideOf(array.raw))];
      if (!fortranOrder && shape.length === 3) {
        // As a file read slice by slice: chunks of values with their elements as stored.
        const accumulator = new StatisticsAccumulator();
        const size = array.values.length / shape[0];
        for (let pass = 1; pass <= accumulator.passes; pass++) {
          for (let k = 0; k < shape[0]; k++)
            accumulator.add(
              array.values.subarray(k * size, (k + 1) * size),
              k * size,
              pass,
              wideOf(array.raw)!.subarray(k * size, (k + 1) * size),
            );
        }
        results.push(accumulator.result());
      }
      for (const s of results) {
        assert.deepEqual([s.exact?.min, s.exact?.max], [f.min, f.max]);
        assert.deepEqual(elementIndex(s.minAt!, shape, fortranOrder), f.argmin, 'argmin');
        assert.deepEqual(elementIndex(s.maxAt!, shape, fortranOrder), f.argmax, 'argmax');
        close(s.mean, f.mean, 'mean');
        close(s.std, f.std, 'std');
        assert.deepEqual(Object.fromEntries([...s.exact!.percentiles].map(([q, v]) => [String(q), v])), f.percentiles);
      }
    });
  }

  it('exact interpolation: integers as such, else six decimals rounded half away from zero', () => {
    assert.equal(exactLerp(3n, 3n, 0.5), '3');
    assert.equal(exactLerp(1n, 2n, 0.5), '1.5');
    assert.equal(exactLerp(-(2n ** 63n), 2n ** 63n - 1n, 0.5), '-0.5');
    assert.equal(exactLerp(0n, 1n, 1 / 3), '0.333333');
    assert.equal(exactLerp(-1n, 0n, 2 ** -10), '-0.999023');
    assert.equal(exactLerp(-1n, 0n, 2 ** -30), '-1');
  });

  it('percentiles of a large float array are exact without sorting it all (buckets, then the few values needed)', () => {
    const values = Float64Array.from({ length: 200_001 }, (_, i) => Math.sin(i) * 1e6);
    const sorted = Float64Array.from(values).sort();
    const s = arrayStatistics(values);
    for (const q of PERCENTILES) {
      const virtual = (q / 100) * (values.length - 1);
      const lo = Math.floor(virtual);
      const t = virtual - lo;
      const [a, b] = [sorted[lo], sorted[Math.min(lo + 1, values.length - 1)]];
      assert.equal(s.percentiles!.get(q), t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t, `q ${q}`);
    }
  });
});
