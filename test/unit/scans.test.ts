import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '../../src/shared/npy/decode';
import { dtypeStr } from '../../src/shared/npy/dtype';
import { arrayStatistics, cOrderOf } from '../../src/shared/statistics';

const DIR = join(__dirname, '..', 'fixtures', 'scans');
const facts = JSON.parse(readFileSync(join(DIR, 'scans.json'), 'utf8')) as Record<
  string,
  { source: string; shape: number[]; dtype: string; min: number; max: number; mean: number }
>;

describe("real scans from nibabel's and pydicom's test data (test/fixtures/make_scan_fixtures.py)", () => {
  for (const [name, fact] of Object.entries(facts)) {
    it(`${name} (${fact.source}): NumPy's shape, dtype, min, max and mean`, () => {
      const array = decodeNpy(new Uint8Array(readFileSync(join(DIR, name))));
      assert.deepEqual(array.header.shape, fact.shape);
      assert.equal(dtypeStr(array.header.dtype), fact.dtype);
      const s = arrayStatistics(array.values, cOrderOf(array.header.shape, array.header.fortranOrder));
      assert.deepEqual([s.min, s.max], [fact.min, fact.max]);
      assert.ok(
        Math.abs(s.mean! - fact.mean) <= 1e-12 * Math.abs(fact.mean),
        `mean ${s.mean} against NumPy's ${fact.mean}`,
      );
    });
  }
});
