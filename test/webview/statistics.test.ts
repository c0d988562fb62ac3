import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { arrayMessage, useWebviewHarness } from './harness';
import { post } from '../../scripts/support/webviewHarness';

type Num = number | 'nan' | 'inf' | '-inf';
interface Expected {
  count: number;
  nan: number;
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
const fixtures = (
  JSON.parse(readFileSync(join(DIR, 'statistics.json'), 'utf8')) as {
    fixtures: { name: string; whole: Expected; slice?: { index: number; stats: Expected } }[];
  }
).fixtures;
const num = (v: Num) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);

describe('the statistics panel (headless Chromium), against NumPy', () => {
  const harness = useWebviewHarness();
  let page: Page;

  async function open(name: string): Promise<void> {
    page = await harness.open('npy', undefined, { width: 1000, height: 1400 });
    await post(page, arrayMessage(`${name}.npy`, new Uint8Array(readFileSync(join(DIR, `${name}.npy`)))));
    await page.locator('details.statistics-panel').waitFor();
    await page.getByText('Statistics', { exact: true }).click();
  }

  const cell = (stat: string, scope: string) =>
    page.locator(`table[aria-label="Statistics"] td[data-stat="${stat}"][data-scope="${scope}"]`);
  const value = async (stat: string, scope: string) => Number(await cell(stat, scope).getAttribute('data-value'));
  const near = (actual: number, expected: Num, what: string) => {
    const e = num(expected);
    if (!Number.isFinite(e)) return assert.ok(Object.is(actual, e), `${what}: ${actual} against NumPy's ${e}`);
    assert.ok(Math.abs(actual - e) <= 1e-12 * Math.max(1, Math.abs(e)), `${what}: ${actual} against NumPy's ${e}`);
  };

  it('the whole array and the slice shown, as np.nanmean, np.nanstd and np.nanpercentile give them; min and max with their index', async () => {
    const f = fixtures.find((x) => x.name === 'f4_nan_inf')!;
    await open(f.name);
    // The viewer starts at the middle slice; the fixture's slice is another: go there by the slider.
    await page.getByRole('slider', { name: 'Slice', exact: true }).fill(String(f.slice!.index));
    await page.locator(`th[data-scope="slice"]`, { hasText: `Slice a[${f.slice!.index}, :, :]` }).waitFor();
    for (const [scope, e] of [
      ['array', f.whole],
      ['slice', f.slice!.stats],
    ] as const) {
      assert.equal(await value('count', scope), e.count);
      assert.equal(await value('nan', scope), e.nan);
      for (const stat of ['mean', 'std'])
        near(await value(stat, scope), (e as unknown as Record<string, Num>)[stat], `${scope} ${stat}`);
      for (const [q, v] of Object.entries(e.percentiles!))
        near(await value(q === '50' ? 'median' : `p${q}`, scope), v, `${scope} percentile ${q}`);
      assert.equal(await value('min', scope), num(e.min!));
    }
    // The index of the extreme, as NumPy's nanargmin gives it (in the whole array's coordinates).
    assert.match(await cell('min', 'array').innerText(), new RegExp(`at \\[${f.whole.argmin!.join(', ')}\\]$`));
    assert.match(
      await cell('min', 'slice').innerText(),
      new RegExp(`at \\[${[f.slice!.index, ...f.slice!.stats.argmin!].join(', ')}\\]$`),
    );
  });

  it("a label mask lists its distinct values with their counts; a Fortran-order array finds NumPy's argmin among ties", async () => {
    const mask = fixtures.find((x) => x.name === 'i2_mask')!;
    await open(mask.name);
    assert.equal(
      await cell('distinct', 'array').innerText(),
      mask.whole.distinct!.map(([v, c]) => `${num(v)}: ${c.toLocaleString('en-US')}`).join(' · '),
    );
    const ties = fixtures.find((x) => x.name === 'f8_fortran_ties')!;
    await open(ties.name);
    assert.match(await cell('min', 'array').innerText(), new RegExp(`at \\[${ties.whole.argmin!.join(', ')}\\]$`));
    assert.match(await cell('max', 'array').innerText(), new RegExp(`at \\[${ties.whole.argmax!.join(', ')}\\]$`));
  });

  it('a 1-D array has the whole-array column only', async () => {
    const f = fixtures.find((x) => x.name === 'f8_1d')!;
    await open(f.name);
    near(await value('median', 'array'), f.whole.percentiles!['50'], 'median');
    assert.equal(await cell('median', 'slice').count(), 0);
  });
});
