import * as assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { HeaderFacts, IntensityFacts, buildOverview } from '../../src/core/overview/buildOverview';
import { indexDataset } from '../../src/core/dataset/datasetIndex';
import { OverviewData, OverviewSelection } from '../../src/shared/overview/overviewProtocol';
import { overviewArrays, selectedCases } from '../../src/shared/overview/overviewStats';
import { post, posted, useWebviewHarness } from './harness';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${String(from + i).padStart(4, '0')}.npy`);
const PLANES = ['axial', 'coronal', 'sagittal'];

/**
 * A small dataset: train 0000-0011 (0011 has no sagittal file, 0005 no meniscus label),
 * valid 0012-0017; sagittal 0003 is float32, coronal 0004 cannot be read.
 */
function dataset(intensities = false): OverviewData {
  const train = ids(0, 12);
  const valid = ids(12, 6);
  const index = indexDataset({
    splits: [
      { name: 'train', planes: PLANES.map((name) => ({ name, files: name === 'sagittal' ? train.slice(0, 11) : train })) },
      { name: 'valid', planes: PLANES.map((name) => ({ name, files: valid })) },
    ],
    csvs: [
      { name: 'train-acl.csv', text: train.map((f, i) => `${parseInt(f)},${i < 4 ? 1 : 0}`).join('\n') },
      { name: 'train-meniscus.csv', text: train.filter((_, i) => i !== 5).map((f, i) => `${parseInt(f)},${i % 2}`).join('\n') },
      { name: 'valid-acl.csv', text: valid.map((f, i) => `${parseInt(f)},${i < 2 ? 1 : 0}`).join('\n') },
      { name: 'valid-meniscus.csv', text: valid.map((f) => `${parseInt(f)},0`).join('\n') },
    ],
  });
  const headers = new Map<string, HeaderFacts>();
  const values = new Map<string, IntensityFacts>();
  for (const split of index.splits) {
    for (const c of split.cases) {
      for (const [plane, path] of c.files) {
        const n = Number(c.key);
        const slices = plane === 'axial' ? 20 + n : plane === 'coronal' ? 30 + (n % 3) : 40 + 2 * n;
        headers.set(path, path === 'train/coronal/0004.npy' ? { error: 'not a NumPy .npy file: it does not start with the \\x93NUMPY magic string' } : { shape: [slices, 256, 256], shapeText: `(${slices}, 256, 256)`, dtype: path === 'train/sagittal/0003.npy' ? 'float32' : 'uint8' });
        if (intensities) values.set(path, { mean: n === 7 ? 200 : 50 + n / 10, high: 250 });
      }
    }
  }
  const done = { state: 'done' as const, done: 35, total: 35 };
  return buildOverview({ name: 'MRNet-v1.0', index, headers, intensities: values, headerState: done, intensityState: intensities ? done : { state: 'not started', done: 0, total: 35 }, intensityBytes: intensities ? 0 : 35 * 2_883_712 });
}

describe('dataset overview (headless Chromium)', () => {
  const harness = useWebviewHarness();
  let page: Page;

  async function open(data: OverviewData): Promise<void> {
    page = await harness.open('overview', undefined, { width: 1200, height: 900 });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await post(page, { type: 'showOverview', overview: data });
    await page.locator('body[data-ready="true"]').waitFor();
  }

  const lastPosted = async () => (await posted(page)).at(-1) as { type: string; selection?: OverviewSelection; split?: string; id?: string };

  it('tables carry each split, task and plane with its numbers in data-* attributes', async () => {
    await open(dataset());
    const split = page.locator('tr[data-split="train"]:not([data-task]):not([data-plane])');
    assert.equal(await split.getAttribute('data-cases'), '12');
    assert.equal(await split.getAttribute('data-incomplete'), '2');
    const acl = page.locator('table[aria-label="Labels per split"] tr[data-split="train"][data-task="acl"]');
    assert.equal(await acl.getAttribute('data-cases'), '12');
    assert.equal(await acl.getAttribute('data-positive'), '4');
    const meniscus = page.locator('table[aria-label="Labels per split"] tr[data-split="train"][data-task="meniscus"]');
    assert.equal(await meniscus.getAttribute('data-cases'), '11');
    // Sagittal of train: 40 + 2n for n = 0..10; median of 11 values is n = 5: 50.
    const sagittal = page.locator('table[aria-label="Slice counts per plane"] tr[data-split="train"][data-plane="sagittal"]');
    assert.deepEqual(await Promise.all(['data-cases', 'data-min-slices', 'data-median-slices', 'data-max-slices'].map((a) => sagittal.getAttribute(a))), ['11', '40', '50', '60']);
    // Coronal of train: 0004 unreadable, so 11 volumes; 30 + n % 3: median of 11 is 31 (even counts average the middle two).
    const coronal = page.locator('table[aria-label="Slice counts per plane"] tr[data-split="train"][data-plane="coronal"]');
    assert.deepEqual(await Promise.all(['data-cases', 'data-min-slices', 'data-median-slices', 'data-max-slices'].map((a) => coronal.getAttribute(a))), ['11', '30', '31', '32']);
    const validAxial = page.locator('table[aria-label="Slice counts per plane"] tr[data-split="valid"][data-plane="axial"]');
    assert.equal(await validAxial.getAttribute('data-median-slices'), '34.5');
  });

  it('every chart is an image with a name, and each histogram bar a button that filters the Cases view to exactly its volumes', async () => {
    const data = dataset();
    await open(data);
    assert.ok(await page.getByRole('img', { name: 'Cases per split' }).isVisible());
    assert.ok(await page.getByRole('img', { name: 'ACL: prevalence per split' }).isVisible());
    assert.ok(await page.getByRole('img', { name: /^Sagittal, train: slice counts \(min 40, median 50, max 60\)$/ }).isVisible());
    const bars = page.locator('rect[role="button"][data-plane="sagittal"][data-split="train"][data-low]');
    const n = await bars.count();
    assert.ok(n > 1);
    const arrays = overviewArrays(data);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const bar = bars.nth(i);
      const [low, high, count] = await Promise.all(['data-low', 'data-high', 'data-count'].map(async (a) => Number(await bar.getAttribute(a))));
      await bar.click();
      const message = await lastPosted();
      assert.deepEqual(message, { type: 'filterCases', selection: { kind: 'slices', split: 'train', plane: 'sagittal', low, high } });
      // The host filters with the same function: the bar's count is what the tree will show.
      assert.equal(selectedCases(data, arrays, message.selection).length, count);
      total += count;
    }
    assert.equal(total, 11);
    // By keyboard too.
    await bars.first().focus();
    await page.keyboard.press('Enter');
    assert.equal((await lastPosted()).selection?.kind, 'slices');
  });

  it('the co-occurrence matrix counts each pair, and "ACL tear and no meniscus tear" filters to those cases', async () => {
    await open(dataset());
    const row = page.locator('table[aria-label="Label co-occurrence in train/"] tr[data-split="train"][data-task="acl"]');
    assert.equal(await row.getAttribute('data-positive'), '4');
    // ACL in train: 0000-0003; meniscus labels (0005 unlabelled) alternate 0, 1 from 0000: 0001 and 0003 are torn.
    assert.equal(await row.locator('[data-other-task="meniscus"][data-with="1"]').getAttribute('data-count'), '2');
    const without = row.locator('[data-other-task="meniscus"][data-with="0"]');
    assert.equal(await without.getAttribute('data-count'), '2');
    await without.click();
    assert.deepEqual((await lastPosted()).selection, { kind: 'labels', split: 'train', conditions: [{ task: 'acl', value: 1 }, { task: 'meniscus', value: 0 }] });
    await page.getByRole('img', { name: 'ACL: prevalence per split' }).locator('rect[data-split="valid"]').click();
    assert.deepEqual((await lastPosted()).selection, { kind: 'labels', split: 'valid', conditions: [{ task: 'acl', value: 1 }] });
  });

  it('lists unreadable files in an alert, unusual volumes and incomplete cases, each case opening the case viewer', async () => {
    await open(dataset());
    const alert = page.getByRole('alert');
    assert.match(await alert.innerText(), /1 file could not be read; the rest is shown/);
    assert.match(await alert.innerText(), /train\/coronal\/0004\.npy: not a NumPy \.npy file/);
    const unusual = page.locator('table[aria-label="Volumes unlike the rest of their plane"] tr[data-case]');
    assert.equal(await unusual.count(), 1);
    assert.equal(await unusual.getAttribute('data-plane'), 'sagittal');
    assert.match(await unusual.innerText(), /0003\s+train\s+Sagittal\s+\(46, 256, 256\)\s+float32\s+\(…, 256, 256\) uint8/);
    await unusual.getByRole('button', { name: 'Open case 0003 (train)' }).click();
    assert.deepEqual(await lastPosted(), { type: 'openCase', split: 'train', id: '0003' });
    const incomplete = page.locator('.case-list[data-split="train"]');
    assert.match(await incomplete.innerText(), /0005 no Meniscus label/);
    assert.match(await incomplete.innerText(), /0011 no sagittal file/);
    await incomplete.getByRole('button', { name: /Show the 2 cases of train\/ with a missing label or plane/ }).click();
    assert.deepEqual((await lastPosted()).selection, { kind: 'incomplete', split: 'train' });
  });

  it('intensities are read on request; then each plane has histograms of the mean and 99.5th percentile, and outliers are listed', async () => {
    await open(dataset());
    await page.getByRole('button', { name: /^Read the intensities of 35 files \(101 MB\)$/ }).click();
    assert.deepEqual(await lastPosted(), { type: 'readIntensities' });
    const data = dataset(true);
    await post(page, { type: 'showOverview', overview: data });
    await page.locator('body[data-intensities="done"]').waitFor();
    assert.ok(await page.getByRole('img', { name: 'Axial, train: mean intensity of each volume' }).isVisible());
    const row = page.locator('table[aria-label="Intensities per plane"] tr[data-split="valid"][data-plane="axial"][data-statistic="mean"]');
    assert.equal(await row.getAttribute('data-median'), String((50 + 14.5 / 10)));
    assert.match(await page.locator('ul.outliers').innerText(), /0007 Axial: mean intensity 200/);
    const bar = page.locator('rect[role="button"][data-plane="axial"][data-split="train"][data-statistic="mean"]').last();
    const count = Number(await bar.getAttribute('data-count'));
    await bar.click();
    const selection = (await lastPosted()).selection!;
    assert.equal(selection.kind, 'intensity');
    assert.deepEqual(selectedCases(data, overviewArrays(data), selection).map((i) => data.caseIds[i]), ['0007']);
    assert.equal(count, 1);
  });

  it('exports a figure as PNG and SVG with the theme written in, and a table as the CSV of its cells', async () => {
    await open(dataset());
    await page.getByRole('button', { name: 'Export Sagittal: slice counts as SVG' }).click();
    await page.getByRole('button', { name: 'Export Sagittal: slice counts as PNG' }).click();
    await page.getByRole('button', { name: 'Export Slice counts per plane as CSV' }).click();
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type.startsWith('export')).length === 3);
    const exports = await page.evaluate(() => (window as unknown as { __posted: { type: string; name: string; format?: string; data: ArrayBuffer }[] }).__posted
      .filter((m) => m.type.startsWith('export')).map((m) => ({ type: m.type, name: m.name, format: m.format, text: new TextDecoder().decode(m.data), head: [...new Uint8Array(m.data).slice(0, 8)] })));
    const svg = exports.find((e) => e.format === 'svg')!;
    assert.equal(svg.name, 'slices_sagittal');
    assert.ok(svg.text.startsWith('<svg'));
    assert.doesNotMatch(svg.text, /var\(--/);
    assert.deepEqual(exports.find((e) => e.format === 'png')!.head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const csv = exports.find((e) => e.type === 'exportTable')!;
    assert.equal(csv.name, 'slice_counts');
    const lines = csv.text.trim().split('\n');
    assert.equal(lines[0], 'Split,Plane,Volumes,Min,Median,Max,Not read');
    assert.ok(lines.includes('train,Sagittal,11,40,50,60,1'), lines.join('\n'));
  });
});
