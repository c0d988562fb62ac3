import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dump } from 'npyjs';
import { Frame, Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { elementStrides } from '../../src/shared/npy/decode';
import { colourMapTable } from '../../src/shared/colourMaps';
import { pixelOf, planeCanvas } from '../support/canvas';
import { patternAt } from '../support/largeArray';
import {
  SCREENSHOTS,
  Workbench,
  closeAllEditors,
  explorerOpen,
  extensionLog,
  pickFromQuickPick,
  pickInOpenDialog,
  quickPick,
  runCommand,
  showCasesView,
  webviewFrame,
  workbenchRestored,
} from './workbench';
import { FORTRAN_CASE, LARGE_SHAPE, MID_SHAPE, lineValueAt, midValueAt } from './workspace';
import { aucWithInterval } from '../../src/shared/metrics/delong';
import { formatStat } from '../../src/shared/format';
import { toolbarControl } from '../support/toolbar';

/**
 * End-to-end: the extension inside a real VS Code (code-server 4.100.3 = VS Code 1.100.3),
 * driven by clicks in headless Chromium, on a sample dataset made by the sample generator.
 */
describe('MRNet Viewer in a real VS Code (code-server)', function () {
  this.timeout(180_000);
  const workbench = new Workbench();
  let page: Page;

  before(async () => {
    await workbench.start();
    page = await workbench.open();
  });
  // A failed step leaves a picture of the window behind, to see what it waited for.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page)
      await page
        .screenshot({
          path: join(SCREENSHOTS, `failed-${this.currentTest.title.slice(0, 60).replace(/[^\w]+/g, '-')}.png`),
        })
        .catch(() => undefined);
  });
  after(async () => {
    await page?.close();
    await workbench.stop();
  });

  const dataset = (...path: string[]) => join(workbench.workspace, 'MRNet-v1.0', ...path);
  const labels = (split: string, task: string) =>
    new Map(
      readFileSync(dataset(`${split}-${task}.csv`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(',') as [string, string]),
    );
  /** The sample model's ACL probability of each case of a split, from its prediction file (case,abnormal,acl,…). */
  const aclProbabilities = (split: string) =>
    new Map(
      readFileSync(dataset('predictions', 'mrnet-baseline', `${split}.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0], Number(l.split(',')[2])] as const),
    );
  /** What a case row should say, from the CSVs alone: the first model's ACL probability and outcome at 0.5, then the labels. */
  const expectedDescription = (split: string, id: string) => {
    const positive = [
      ['acl', 'ACL'],
      ['meniscus', 'meniscus'],
      ['abnormal', 'abnormal'],
    ]
      .filter(([task]) => labels(split, task).get(id) === '1')
      .map(([, word]) => word);
    const p = aclProbabilities(split).get(id)!;
    const torn = labels(split, 'acl').get(id) === '1';
    const outcome = p >= 0.5 ? (torn ? 'TP' : 'FP') : torn ? 'FN' : 'TN';
    return `p=${p.toFixed(2)} · ${outcome} · ${positive.length ? positive.join(', ') : 'normal'}`;
  };
  const sliceCount = (path: string) => {
    const bytes = new Uint8Array(readFileSync(path));
    return parseNpyHeader(bytes, bytes.length).shape[0];
  };

  it('Explorer: a click on train/axial/0000.npy opens the custom editor with the image painted', async () => {
    await explorerOpen(page, 'MRNet-v1.0', 'train', 'axial', '0000.npy');
    const frame = await webviewFrame(page, (f) => f.getByRole('slider', { name: 'Slice', exact: true }).isVisible());
    const bytes = new Uint8Array(readFileSync(dataset('train', 'axial', '0000.npy')));
    const header = parseNpyHeader(bytes, bytes.length);
    const [n, h, w] = header.shape;
    assert.equal(await frame.locator('[data-field="shape"] dd').textContent(), `(${n}, ${h}, ${w})`);
    assert.equal(await frame.locator('[data-field="dtype"] dd').textContent(), 'uint8');
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    assert.equal(await slider.inputValue(), String(Math.floor((n - 1) / 2)));
    // A plane file's tab says its case and plane (the extension's default custom label).
    assert.equal(await page.getByRole('tab', { name: /^0000 · axial/ }).count(), 1);
    assert.equal(
      await frame.locator('[data-role="slice-label"]').textContent(),
      `Slice ${Math.floor((n - 1) / 2)} / ${n}`,
    );

    // Full range: the grey matplotlib paints for (v - min) / (max - min), computed here from the file's bytes.
    await frame.getByRole('button', { name: 'Contrast: full range' }).click();
    const data = bytes.subarray(header.dataOffset);
    let min = 255;
    let max = 0;
    for (const v of data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const k = Math.floor((n - 1) / 2);
    for (const [x, y] of [
      [128, 128],
      [60, 100],
      [200, 40],
      [10, 250],
    ]) {
      const v = data[k * h * w + y * w + x];
      const { rgba } = await pixelOf(frame, 'Slices', x, y, { width: w, height: h });
      const index = Math.min(255, Math.floor(((v - min) / (max - min)) * 256));
      assert.equal(rgba[0], colourMapTable('grey', false)[index] & 255, `pixel (${x}, ${y}) of value ${v}`);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'npy-editor.png') });

    await planeCanvas(frame, 'Slices').hover();
    await page.mouse.wheel(0, 100);
    assert.equal(await slider.inputValue(), String(k + 1));
  });

  it('a volume\'s exact values and NumPy\'s statistics: the values grid, the statistics panel, "Export Slice as CSV…"', async () => {
    await closeAllEditors(page);
    // Quick Open by path: the Explorer may hold several rows named 0001.npy (one per plane folder opened).
    await quickPick(page, 'Control+P', 'MRNet-v1.0/train/coronal/0001.npy', /^0001( · coronal|\.npy)/);
    const frame = await webviewFrame(page, (f) => f.getByRole('checkbox', { name: 'Show values' }).isVisible());
    const bytes = new Uint8Array(readFileSync(dataset('train', 'coronal', '0001.npy')));
    const header = parseNpyHeader(bytes, bytes.length);
    const [n, h, w] = header.shape;
    const k = Math.floor((n - 1) / 2);
    const data = bytes.subarray(header.dataOffset);
    await frame.getByRole('checkbox', { name: 'Show values' }).check();
    const grid = frame.getByRole('grid', { name: 'Values of the slice' });
    for (const [y, x] of [
      [0, 0],
      [2, 5],
      [10, 3],
    ]) {
      assert.equal(
        await grid.getByRole('gridcell', { name: `[${k}, ${y}, ${x}]`, exact: true }).innerText(),
        String(data[(k * h + y) * w + x]),
      );
    }
    // The statistics of the whole volume: NumPy's mean and median of these bytes.
    await frame.getByText('Statistics', { exact: true }).click();
    const sorted = Float64Array.from(data).sort();
    const mean = data.reduce((a, v) => a + v, 0) / data.length;
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    assert.equal(
      Number(await frame.locator('td[data-stat="mean"][data-scope="array"]').getAttribute('data-value')),
      mean,
    );
    assert.equal(
      Number(await frame.locator('td[data-stat="median"][data-scope="array"]').getAttribute('data-value')),
      median,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'values-and-statistics.png') });
    // The slice's values out as CSV, through the save dialog (a quick input in code-server).
    await frame.getByRole('button', { name: 'Export Slice as CSV…' }).click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() =>
      /0001_slice\d+\.csv$/.test(
        document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '',
      ),
    );
    const target = join(workbench.workspace, 'exports-slice.csv');
    await input.fill(target);
    await input.press('Enter');
    for (const deadline = Date.now() + 20_000; !existsSync(target) && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    assert.equal(lines.length, h);
    assert.equal(lines[2], Array.from(data.subarray((k * h + 2) * w, (k * h + 3) * w)).join(','));
    await closeAllEditors(page);
  });

  it('a folder without a dataset: the MRNet view offers "Select Dataset Folder" and "Create Sample Dataset"', async () => {
    const other = await workbench.open('', join(workbench.workspace, 'broken'));
    try {
      await showCasesView(other);
      await other.getByText('No MRNet dataset found in this workspace.').waitFor();
      assert.equal(await other.getByRole('button', { name: 'Select Dataset Folder' }).count(), 1);
      assert.equal(await other.getByRole('button', { name: 'Create Sample Dataset' }).count(), 1);
    } finally {
      await other.close();
    }
  });

  it('a malformed .npy shows its error in an alert; a valid file opened next works', async () => {
    await explorerOpen(page, 'broken', 'truncated.npy');
    const frame = await webviewFrame(page, (f) => f.getByRole('alert').isVisible());
    assert.equal(
      await frame.getByRole('alert').textContent(),
      'Cannot show truncated.npy: the file holds 20 bytes of data, expected 24 for shape (2, 3) of float32 (the file is truncated)',
    );
    await explorerOpen(page, 'broken', 'valid_f4.npy');
    const valid = await webviewFrame(page, (f) =>
      f.locator('[data-field="dtype"] dd', { hasText: 'float32 (big-endian)' }).isVisible(),
    );
    assert.equal(await valid.getByRole('slider', { name: 'Slice', exact: true }).getAttribute('max'), '2');
    // The first test picked "Full range" in a .npy editor: the workspace remembers it for .npy files.
    assert.equal(
      await valid.getByRole('button', { name: 'Contrast: full range' }).getAttribute('aria-pressed'),
      'true',
    );
    // The editor shows the volume's histogram with the window on it, and the zoom.
    await valid
      .getByRole('group', { name: 'Histogram' })
      .getByRole('img', { name: 'Histogram of the volume' })
      .waitFor();
    assert.match((await valid.locator('[data-role="zoom"]').textContent())!, /^Zoom \d+\.\d\d×$/);
  });

  it('every file of the malformed corpus opens to an alert naming the file and the problem', async function () {
    this.timeout(600_000);
    const expected = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'npy', 'malformed', 'expected.json'), 'utf8'),
    ) as Record<string, string>;
    for (const [name, fragment] of Object.entries(expected)) {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', `malformed/${name}`, new RegExp(`^${name.replace('.', '\\.')}`));
      const frame = await webviewFrame(page, (f) =>
        f
          .getByRole('alert')
          .filter({ hasText: `Cannot show ${name}: ` })
          .isVisible(),
      );
      const text = (await frame.getByRole('alert').textContent())!;
      assert.ok(text.includes(fragment), `${name}: "${text}" lacks "${fragment}"`);
    }
    await closeAllEditors(page);
  });

  it('a 288 MB array opens slice by slice: first slice at once, other slices read as they are shown', async () => {
    await explorerOpen(page, 'large', 'volume.npy');
    const frame = await webviewFrame(page, (f) => f.getByRole('slider', { name: 'Slice', exact: true }).isVisible());
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    assert.equal(await slider.getAttribute('max'), String(LARGE_SHAPE[0] - 1));
    assert.match((await frame.locator('.view-controls .status').textContent())!, /^Read slice by slice along axis 0/);
    await slider.fill('500');
    const readout = frame.locator('[data-role="readout"]');
    const { position } = await pixelOf(frame, 'Slices', 70, 90, { width: 512, height: 512 });
    await planeCanvas(frame, 'Slices').hover({ position });
    await frame.locator('[data-role="readout"]', { hasText: /value \d/ }).waitFor({ timeout: 10_000 });
    // The pointer lands within a pixel of (70, 90) at this zoom: check the value at the pixel the readout names.
    const [, x, y] = /^x (\d+) {2}y (\d+)\nvalue \S+\nat \[500,/.exec((await readout.textContent())!)!.map(Number);
    assert.ok(Math.abs(x - 70) <= 1 && Math.abs(y - 90) <= 1, `${x}, ${y}`);
    assert.equal(await readout.textContent(), `x ${x}  y ${y}\nvalue ${patternAt(500, y, x)}\nat [500, ${y}, ${x}]`);
  });

  it("a 50 MB array is shown from its first slice, then whole once every slice has arrived: exact figures, every slice's values", async () => {
    await closeAllEditors(page);
    await explorerOpen(page, 'large');
    await page.locator('.explorer-folders-view').getByRole('treeitem', { name: 'mid.npy', exact: true }).click();
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'mid.npy' }).isVisible());
    await frame.locator('[aria-label="Slices"][data-painted-slice="23"]').waitFor();
    // The figures become exact (no "sampled") once the array is whole; the status line then goes.
    await frame.locator('[data-field="max"] dt', { hasText: /^Max$/ }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.view-controls .status').count(), 0);
    const [n, h, w] = MID_SHAPE;
    assert.equal(await frame.locator('[data-field="max"] dd').textContent(), String(midValueAt(n - 1, h - 1, w - 1)));
    assert.equal(await frame.locator('[data-field="min"] dd').textContent(), '0');
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.fill('0');
    await frame.locator('[aria-label="Slices"][data-painted-slice="0"]').waitFor();
    const readout = frame.locator('[data-role="readout"]');
    const { position } = await pixelOf(frame, 'Slices', 70, 90, { width: w, height: h });
    await planeCanvas(frame, 'Slices').hover({ position });
    await frame.locator('[data-role="readout"]', { hasText: /value \d/ }).waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\n/.exec((await readout.textContent())!)!.map(Number);
    assert.equal(await readout.textContent(), `x ${x}  y ${y}\nvalue ${midValueAt(0, y, x)}.0\nat [0, ${y}, ${x}]`);
  });

  it('a slice leaves the viewer: "Copy NumPy expression" and "Save slice as .npy…" (a save dialog outside the dataset)', async () => {
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'MRNet-v1.0/train/axial/0000.npy', /^0000( · axial|\.npy)/);
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: '0000.npy' }).isVisible());
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.waitFor();
    await slider.fill('7');
    await (await toolbarControl(frame, 'button', 'Copy NumPy expression')).click();
    await page.getByText('Copied: np.load("MRNet-v1.0/train/axial/0000.npy")[7]').first().waitFor();
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      'np.load("MRNet-v1.0/train/axial/0000.npy")[7]',
    );

    await (await toolbarControl(frame, 'button', 'Save slice as .npy…')).click();
    // code-server's save dialog is a quick input holding the path it proposes.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() =>
      /0000_slice7\.npy$/.test(
        document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '',
      ),
    );
    const proposed = await input.inputValue();
    assert.equal(proposed, join(workbench.workspace, '0000_slice7.npy'), 'the workspace folder, not the dataset');
    const target = join(workbench.workspace, 'exports-0000_slice7.npy');
    await input.fill(target);
    await input.press('Enter');
    for (const deadline = Date.now() + 20_000; !existsSync(target) && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const saved = new Uint8Array(readFileSync(target));
    const savedHeader = parseNpyHeader(saved, saved.length);
    assert.deepEqual(savedHeader.shape, [256, 256]);
    const bytes = new Uint8Array(readFileSync(dataset('train', 'axial', '0000.npy')));
    const header = parseNpyHeader(bytes, bytes.length);
    assert.deepEqual(
      saved.subarray(savedHeader.dataOffset),
      bytes.subarray(header.dataOffset + 7 * 65536, header.dataOffset + 8 * 65536),
    );

    // "Add overlay…": the open dialog (a quick input here), a file of the workspace, drawn and remembered for this file.
    // The file has a name of its own, so that its row in the dialog shows the dialog took the path typed.
    copyFileSync(
      dataset('overlays', 'cam', 'train', 'axial', '0000.npy'),
      join(workbench.workspace, 'cam-0000-axial.npy'),
    );
    await (await toolbarControl(frame, 'button', 'Add overlay…')).click();
    await pickInOpenDialog(page, 'Add an overlay', join(workbench.workspace, 'cam-0000-axial.npy'));
    const checkbox = frame
      .getByRole('region', { name: 'Slices' })
      .getByRole('checkbox', { name: 'cam-0000-axial overlay' });
    await checkbox.waitFor();
    assert.equal(await checkbox.isChecked(), true);
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'MRNet-v1.0/train/axial/0000.npy', /^0000( · axial|\.npy)/);
    const reopened = await webviewFrame(page, (f) => f.getByRole('heading', { name: '0000.npy' }).isVisible());
    await reopened
      .getByRole('region', { name: 'Slices' })
      .getByRole('checkbox', { name: 'cam-0000-axial overlay' })
      .waitFor();
    await closeAllEditors(page);
  });

  it('.npz: a click on an archive lists its members and shows the first volume with its values; another member opens on a click', async () => {
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'npz/deflated.npz', /^deflated\.npz/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('heading', { name: 'deflated.npz: volume.npy' }).isVisible(),
    );
    const expected = (
      JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'npz', 'valid', 'expected.json'), 'utf8')) as Record<
        string,
        { name: string; values: string[] }[]
      >
    )['deflated.npz'];
    const names = await frame
      .getByRole('list', { name: 'Archive members' })
      .getByRole('listitem')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('.member-name')!.textContent));
    assert.deepEqual(
      names,
      expected.map((m) => m.name),
    );
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.waitFor();
    assert.equal(await slider.inputValue(), '1');
    const { position } = await pixelOf(frame, 'Slices', 3, 2, { width: 16, height: 16 });
    await planeCanvas(frame, 'Slices').hover({ position });
    await frame.locator('[data-role="readout"]', { hasText: 'value' }).waitFor();
    assert.equal(
      await frame.locator('[data-role="readout"]').textContent(),
      `x 3  y 2\nvalue ${expected[0].values[256 + 2 * 16 + 3]}\nat [1, 2, 3]`,
    );
    await frame.getByRole('listitem').filter({ hasText: 'dir/ünïcode.npy' }).getByRole('button').click();
    await webviewFrame(page, (f) => f.getByRole('heading', { name: 'deflated.npz: dir/ünïcode.npy' }).isVisible());
  });

  it('.npz: a 288 MB stored member is read in place, slice by slice; a corrupt member shows its CRC error', async () => {
    await quickPick(page, 'Control+P', 'npz/large.npz', /^large\.npz/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('heading', { name: 'large.npz: scans/volume.npy' }).isVisible(),
    );
    assert.match((await frame.locator('.view-controls .status').textContent())!, /^Read slice by slice along axis 0/);
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.fill('500');
    const { position } = await pixelOf(frame, 'Slices', 70, 90, { width: 512, height: 512 });
    await planeCanvas(frame, 'Slices').hover({ position });
    const readout = frame.locator('[data-role="readout"]', { hasText: /value \d/ });
    await readout.waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\nvalue \S+\nat \[500,/.exec((await readout.textContent())!)!.map(Number);
    assert.equal(await readout.textContent(), `x ${x}  y ${y}\nvalue ${patternAt(500, y, x)}\nat [500, ${y}, ${x}]`);
    await quickPick(page, 'Control+P', 'npz/corrupt.npz', /^corrupt\.npz/);
    // Its corrupt member is listed with its problem (its CRC is checked as its header is read); opened, it says why in an alert.
    const list = await webviewFrame(page, (f) =>
      f
        .getByRole('listitem')
        .filter({ hasText: /^a\.npyits CRC-32 is/ })
        .isVisible(),
    );
    await list
      .getByRole('listitem')
      .filter({ hasText: /^a\.npy/ })
      .getByRole('button')
      .click();
    const corrupt = await webviewFrame(page, (f) =>
      f.getByRole('alert').filter({ hasText: 'Cannot show corrupt.npz: a.npy: ' }).isVisible(),
    );
    assert.match(
      (await corrupt.getByRole('alert').filter({ hasText: 'Cannot show' }).textContent())!,
      /its CRC-32 is 0x[0-9a-f]{8}, not the 0x[0-9a-f]{8} the archive records/,
    );
    await closeAllEditors(page);
  });

  it('the MRNet view lists splits with counts and prevalences, and cases with their CSV labels', async () => {
    await closeAllEditors(page);
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    await view.getByRole('treeitem', { name: /^train / }).waitFor();
    for (const split of ['train', 'valid']) {
      const acl = labels(split, 'acl');
      const share = (task: string) => {
        const l = [...labels(split, task).values()];
        return `${((100 * l.filter((v) => v === '1').length) / l.length).toFixed(1)}%`;
      };
      const row = view.getByRole('treeitem', { name: new RegExp(`^${split} `) });
      assert.equal(
        await row.getAttribute('aria-label'),
        `${split} ${acl.size} cases · ACL ${share('acl')} · meniscus ${share('meniscus')} · abnormal ${share('abnormal')}`,
      );
      for (const id of acl.keys()) {
        assert.equal(
          await view.getByRole('treeitem', { name: new RegExp(`^Case ${id},`) }).getAttribute('aria-label'),
          `Case ${id}, ${expectedDescription(split, id)}`,
        );
      }
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'cases-tree.png') });
  });

  it('a click on a case opens the three planes at their middle slices with its badges; "Next" walks on', async () => {
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    await view.getByRole('treeitem', { name: /^Case 0003,/ }).click();
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0003' }).isVisible());
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const n = sliceCount(dataset('train', plane, '0003.npy'));
      const slider = frame.getByRole('slider', { name: `${plane[0].toUpperCase()}${plane.slice(1)} slice` });
      assert.equal(await slider.getAttribute('max'), String(n - 1));
      assert.equal(await slider.inputValue(), String(Math.floor((n - 1) / 2)), plane);
    }
    for (const task of ['acl', 'meniscus', 'abnormal']) {
      assert.equal(
        await frame.locator(`.badge[data-task="${task}"]`).getAttribute('data-value'),
        labels('train', task).get('0003'),
        task,
      );
    }
    // Once every slice has arrived (sent middle first, then the rest), the planes are where they opened.
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      await frame.locator(`[aria-label="${plane} plane"][aria-busy="false"]`).waitFor();
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const n = sliceCount(dataset('train', plane, '0003.npy'));
      assert.equal(
        await frame.getByRole('slider', { name: `${plane[0].toUpperCase()}${plane.slice(1)} slice` }).inputValue(),
        String(Math.floor((n - 1) / 2)),
        `${plane}, settled`,
      );
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'case-viewer.png') });
    await viewportChecks(frame, 'train', '0003');
    // The neighbours are read ahead and held by the page (at most two); Next shows the one held.
    const holds = (...ids: string[]) =>
      frame.waitForFunction((ids) => {
        const held = (document.body.dataset.heldCases ?? '').split(' ').filter(Boolean);
        return held.length === ids.length && ids.every((id) => held.some((key) => key.endsWith(`#train/${id}`)));
      }, ids);
    await holds('0002', '0004');
    await frame.getByRole('button', { name: 'Next case' }).click();
    await frame.getByRole('heading', { name: 'Case 0004' }).waitFor();
    // The page shows it at once; the host follows with the tab's title.
    await page.getByRole('tab', { name: /Case 0004/ }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /Case/ }).count(), 1);
    const axialMax = (id: string) => String(sliceCount(dataset('train', 'axial', `${id}.npy`)) - 1);
    assert.equal(await frame.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'), axialMax('0004'));
    assert.equal(
      await frame.locator('.badge[data-task="acl"]').getAttribute('data-value'),
      labels('train', 'acl').get('0004'),
    );
    await holds('0003', '0005');
    // A held neighbour whose file changed meanwhile is read again, not shown stale.
    const file = dataset('train', 'axial', '0005.npy');
    const original = readFileSync(file);
    try {
      writeFileSync(file, new Uint8Array(dump(new Uint8Array(7 * 256 * 256), [7, 256, 256])));
      await frame.getByRole('button', { name: 'Next case' }).click();
      await frame.getByRole('heading', { name: 'Case 0005' }).waitFor();
      await frame.getByRole('slider', { name: 'Axial slice' }).and(frame.locator('[max="6"]')).waitFor();
    } finally {
      writeFileSync(file, original);
    }
  });

  /**
   * The viewport in the real VS Code: corner annotations on a dark surround, one toolbar on the
   * active plane, keys, link, a colour map from the setting mrnet.defaultColormap.
   */
  async function viewportChecks(frame: Frame, split: string, id: string): Promise<void> {
    const region = (plane: string) => frame.getByRole('region', { name: `${plane} plane`, exact: true });
    const corner = (plane: string, role: string) => region(plane).locator(`[data-role="${role}"]`);
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const n = sliceCount(dataset(split, plane, `${id}.npy`));
      const name = `${plane[0].toUpperCase()}${plane.slice(1)}`;
      assert.equal(await corner(name, 'slice-label').textContent(), `${name} ${Math.floor((n - 1) / 2)} / ${n}`);
      assert.equal(await corner(name, 'case').textContent(), `Case ${id}`);
      assert.match((await corner(name, 'window').textContent())!, /^W \S+ L \S+$/);
      assert.equal(
        await region(name)
          .locator('.viewport')
          .evaluate((e) => getComputedStyle(e).backgroundColor),
        'rgb(0, 0, 0)',
      );
    }
    assert.equal(await frame.getByRole('toolbar').count(), 1);
    const colourMap = frame.getByRole('combobox', { name: 'Colour map', exact: true });
    // Keys go to the plane clicked (and under the pointer), which the toolbar then shows.
    await planeCanvas(frame, 'Sagittal plane').click();
    await page.keyboard.press('m');
    await corner('Sagittal', 'colour-map').filter({ hasText: 'Inverted grey' }).waitFor();
    assert.equal(await colourMap.inputValue(), 'inverted-grey');
    assert.equal(await corner('Axial', 'colour-map').textContent(), 'Grey');
    await page.keyboard.press('m');
    await (await toolbarControl(frame, 'button', 'Link contrast, zoom and colour map across planes')).click();
    for (const plane of ['Coronal', 'Axial'])
      await corner(plane, 'colour-map').filter({ hasText: 'viridis' }).waitFor();
    await page.keyboard.press('l'); // unlinked again (the toolbar has the focus: keys still reach the viewer)
    await colourMap.selectOption('grey');
    for (const plane of ['Coronal', 'Axial']) assert.equal(await corner(plane, 'colour-map').textContent(), 'viridis');
    await planeCanvas(frame, 'Sagittal plane').click(); // the focus leaves the colour map's list
    await page.keyboard.press('b'); // the sagittal plane large, the other two beside it
    await frame.locator('[aria-label="Sagittal plane"][data-large]').waitFor();
    assert.equal(await frame.locator('.planes').getAttribute('data-layout'), 'large');
    await page.keyboard.press('h');
    await region('Sagittal').getByRole('group', { name: 'Histogram' }).waitFor();
    await page.keyboard.press('a');
    await corner('Axial', 'slice-label').waitFor({ state: 'hidden' });
    await page.keyboard.press('a');
    await corner('Axial', 'slice-label').waitFor();

    // The setting mrnet.defaultColormap (here in the workspace's settings): planes on the old default take the new one at once.
    const settings = join(workbench.workspace, '.vscode', 'settings.json');
    mkdirSync(dirname(settings), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'mrnet.defaultColormap': 'magma' }));
    try {
      await corner('Sagittal', 'colour-map').filter({ hasText: 'magma' }).waitFor();
      assert.equal(await corner('Axial', 'colour-map').textContent(), 'viridis', 'a map the user chose stays');
    } finally {
      writeFileSync(settings, '{}');
    }
    await corner('Sagittal', 'colour-map').filter({ hasText: 'Grey' }).waitFor();
  }

  it('a webview that forges messages reaches nothing: every forged request is refused and logged', async () => {
    // The case viewer (left open by the previous test) and the .npy editor of the large file,
    // each sending what a compromised webview could: the same call acquireVsCodeApi makes.
    const forge = (frame: Frame, message: unknown) =>
      frame
        .parentFrame()!
        .evaluate(
          (m) =>
            (window as unknown as { __vscode_post_message__: (c: string, d: unknown) => void }).__vscode_post_message__(
              'onmessage',
              { message: m, transfer: [] },
            ),
          message,
        );
    const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0005' }).isVisible());
    const forged = [
      { type: 'openCase', id: '../../../etc/passwd' },
      { type: 'openCase', id: '9999' },
      { type: 'openCase', id: '0001', path: '/etc/passwd' },
      { type: 'readFile', path: '/etc/passwd' },
      { type: 'navigate', direction: 'sideways' },
      { type: 'readSlice', index: 0 },
      'ready',
    ];
    for (const message of forged) await forge(viewer, message);
    await quickPick(page, 'Control+P', 'large/volume.npy', /^volume\.npy/);
    const editor = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'volume.npy' }).isVisible());
    for (const message of [
      { type: 'readSlice', index: LARGE_SHAPE[0] },
      { type: 'readSlice', index: -1 },
      { type: 'readSlice', index: 1.5 },
      { type: 'openCase', id: '0000' },
    ])
      await forge(editor, message);
    // Each refusal is logged as it happens: wait for them all (the log is flushed as written).
    const refusalsLogged = () =>
      extensionLog(workbench.server!)
        .split('\n')
        .filter((l) => l.includes('Refused'));
    for (const deadline = Date.now() + 20_000; refusalsLogged().length < forged.length + 4 && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const refusals = refusalsLogged();
    assert.equal(refusals.length, forged.length + 4, refusals.join('\n'));
    assert.ok(refusals.some((l) => l.includes('Refused to open case 9999: not in MRNet-v1.0')));
    assert.ok(refusals.some((l) => l.includes(`Refused to read slice ${LARGE_SHAPE[0]}`)));
    // Nothing was opened: the tabs are the case viewer and the editor, as before.
    const editorTabs = page.locator('.tabs-container [role="tab"]');
    assert.deepEqual(
      await editorTabs.evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label')?.split(',')[0])),
      ['Case 0005', 'volume.npy'],
    );
    await closeAllEditors(page);
  });

  it("the sample's CAMs (overlays/cam/…) show on every plane of a case, blended in JET, their value in the readout", async () => {
    await runCommand(page, 'MRNet: Open Case');
    await pickFromQuickPick(page, /^Type a case id/, '0003', /^0003/);
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0003' }).isVisible());
    for (const plane of ['Coronal', 'Sagittal', 'Axial']) {
      const region = frame.getByRole('region', { name: `${plane} plane`, exact: true });
      const checkbox = region.getByRole('checkbox', { name: 'cam overlay' });
      await checkbox.waitFor();
      assert.equal(await checkbox.isChecked(), true, plane);
      assert.equal(await region.getByRole('combobox', { name: 'cam colour map' }).inputValue(), 'jet');
      await planeCanvas(frame, `${plane} plane`).hover();
      await region.locator('[data-role="readout"]', { hasText: /\ncam \d/ }).waitFor();
      // Hiding the overlay changes the picture: it was drawn.
      const pixels = () =>
        planeCanvas(frame, `${plane} plane`).evaluate((c: HTMLCanvasElement) =>
          Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join(),
        );
      const shown = await pixels();
      await checkbox.uncheck();
      assert.notEqual(await pixels(), shown, plane);
      await checkbox.check();
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'overlays.png') });
  });

  it('the model report: open it (MRNet: Model Report), drag the threshold, click "false negatives" and walk them in the case viewer', async () => {
    await closeAllEditors(page);
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    // The model's row sits below every case (out of view in a tall tree): the command opens it too.
    await runCommand(page, 'MRNet: Model Report');
    await pickFromQuickPick(page, /a model and split/, 'mrnet-baseline', /mrnet-baseline · valid/);
    const frame = await webviewFrame(page, (f) => f.locator('section.task[data-task="acl"][data-auc]').isVisible());
    // The AUC the report shows is the one the sample's files give.
    const acl = labels('valid', 'acl');
    const p = aclProbabilities('valid');
    const scores = (label: string) => [...acl].filter(([, l]) => l === label).map(([id]) => p.get(id)!);
    const torn = [...acl].filter(([, l]) => l === '1').map(([id]) => id);
    assert.ok(torn.length > 0, 'the sample has ACL tears in valid/');
    assert.equal(
      await frame.locator('section.task[data-task="acl"]').getAttribute('data-auc'),
      aucWithInterval(scores('1'), scores('0')).auc.toFixed(4),
    );
    assert.ok(await frame.getByRole('img', { name: 'ACL: ROC curve' }).isVisible());
    await page.screenshot({ path: join(SCREENSHOTS, 'model-report.png') });
    // Dragged (by keyboard) to the top: every torn ACL becomes a false negative.
    const slider = frame.getByRole('slider', { name: 'ACL threshold' });
    await slider.focus();
    await slider.press('End');
    const fn = frame.locator('section.task[data-task="acl"] .confusion [data-outcome="FN"]');
    await frame
      .locator(`section.task[data-task="acl"] .confusion [data-outcome="FN"][data-count="${torn.length}"]`)
      .waitFor();
    await fn.click();
    // The per-case outcomes leave as CSV through a save dialog (a quick input in code-server).
    await frame.getByRole('button', { name: 'Export per-case CSV' }).click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() =>
      /outcomes_mrnet-baseline_valid\.csv$/.test(
        document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '',
      ),
    );
    const target = join(workbench.workspace, 'exports-outcomes.csv');
    await input.fill(target);
    await input.press('Enter');
    for (const deadline = Date.now() + 20_000; !existsSync(target) && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const csv = readFileSync(target, 'utf8').trim().split('\n');
    assert.equal(csv[0], 'case,split,task,label,probability,threshold,outcome');
    assert.ok(csv.includes(`${torn[0]},valid,acl,1,${p.get(torn[0])},1,FN`), csv.join('\n'));
    // The Cases view shows just those cases, each row saying so.
    await view
      .getByRole('treeitem', { name: new RegExp(`^valid ${torn.length} of ${acl.size} cases match`) })
      .waitFor();
    for (const id of torn)
      await view.getByRole('treeitem', { name: new RegExp(`^Case ${id}, p=\\d\\.\\d\\d · FN · `) }).waitFor();
    assert.equal(await view.getByRole('treeitem', { name: /^Case \d+,/ }).count(), torn.length);
    await view.getByRole('treeitem', { name: new RegExp(`^Case ${torn[0]},`) }).click();
    const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${torn[0]}` }).isVisible());
    const badge = viewer.locator('.badge[data-task="acl"]');
    assert.equal(await badge.getAttribute('data-outcome'), 'FN');
    assert.equal(Number(await badge.getAttribute('data-probability')), p.get(torn[0]));
    // The sample's file has per-plane columns: the badge shows them beside the combined probability.
    assert.match(await badge.innerText(), /\(axial \d\.\d\d · coronal \d\.\d\d · sagittal \d\.\d\d\)/);
    if (torn.length > 1) {
      await viewer.getByRole('button', { name: 'Next case' }).click();
      await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${torn[1]}` }).isVisible());
      assert.equal(await viewer.locator('.badge[data-task="acl"]').getAttribute('data-outcome'), 'FN');
    }
    await runCommand(page, 'MRNet: Clear Filter');
    await view.getByRole('treeitem', { name: /^train \d+ cases/ }).waitFor();
    await closeAllEditors(page);
  });

  it('"MRNet: Load Predictions…" a headerless file written ACL, meniscus, abnormal: the extension says so, and switches only when asked', async () => {
    await closeAllEditors(page);
    // Rows in the order of valid-paths.csv (the sample lists its cases from the last); each column its task's label, nudged off 0 and 1.
    const ids = [
      ...new Set(
        readFileSync(dataset('valid-paths.csv'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('/').pop()!.replace('.npy', '')),
      ),
    ];
    const score = (task: string, id: string) => (labels('valid', task).get(id) === '1' ? 0.9 : 0.1);
    mkdirSync(join(workbench.workspace, 'runs'), { recursive: true });
    const file = join(workbench.workspace, 'runs', 'dazcona.csv');
    writeFileSync(file, ids.map((id) => ['acl', 'meniscus', 'abnormal'].map((t) => score(t, id)).join(',')).join('\n'));
    await runCommand(page, 'MRNet: Load Predictions…');
    await pickInOpenDialog(page, 'Load Predictions', file);
    await pickFromQuickPick(page, /^a split$/, 'valid', /^valid/);
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value === 'runs',
    );
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('dazcona');
    await input.press('Enter');
    // Read as the submission's order, the columns fit the labels badly: a notification says so and offers the switch.
    const offer = page
      .locator('.notification-toast')
      .filter({ hasText: /fit the labels far better as ACL, Meniscus, Abnormal/ });
    await offer.getByRole('button', { name: 'Set Column Order…' }).click();
    await pickFromQuickPick(page, /a model and split/, 'dazcona', /^dazcona · valid/);
    await pickFromQuickPick(
      page,
      /the tasks of the three columns/,
      'ACL, Meniscus, Abnormal',
      /^ACL, Meniscus, Abnormal/,
    );
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    await runCommand(page, 'MRNet: Choose Model…');
    await page
      .locator('.quick-input-list')
      .getByRole('option', { name: /^dazcona/ })
      .click();
    // Once re-indexed in the order chosen, each task reads its own column: every valid case is called right.
    for (const id of ids)
      await view
        .getByRole('treeitem', { name: new RegExp(`^Case ${id}, p=0\\.90 · TP|^Case ${id}, p=0\\.10 · TN`) })
        .waitFor();
    await runCommand(page, 'MRNet: Choose Model…');
    await page
      .locator('.quick-input-list')
      .getByRole('option', { name: /^mrnet-baseline/ })
      .click();
  });

  it('the dataset overview: open it from the dataset row, read the slice counts per plane, click a bin and walk its cases', async () => {
    await closeAllEditors(page);
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    const row = view.getByRole('treeitem', { name: /^Dataset MRNet-v1\.0, / });
    await row.hover();
    await row.getByRole('button', { name: 'Dataset Overview' }).click();
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('img', { name: /^Sagittal, train: slice counts/ }).isVisible(),
    );
    // Each plane's numbers are those of the files' headers.
    const ids = [...labels('train', 'acl').keys()];
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const counts = ids.map((id) => sliceCount(dataset('train', plane, `${id}.npy`))).sort((a, b) => a - b);
      const median =
        counts.length % 2
          ? counts[counts.length >> 1]
          : (counts[counts.length / 2 - 1] + counts[counts.length / 2]) / 2;
      const tr = frame.locator(
        `table[aria-label="Slice counts per plane"] tr[data-split="train"][data-plane="${plane}"]`,
      );
      assert.deepEqual(
        await Promise.all(
          ['data-cases', 'data-min-slices', 'data-median-slices', 'data-max-slices'].map((a) => tr.getAttribute(a)),
        ),
        [counts.length, counts[0], median, counts.at(-1)].map(String),
      );
    }
    assert.equal(
      await frame
        .locator('table[aria-label="Labels per split"] tr[data-split="train"][data-task="acl"]')
        .getAttribute('data-positive'),
      String([...labels('train', 'acl').values()].filter((v) => v === '1').length),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-overview.png') });
    // Intensities on request: each volume's mean, as its bytes give it.
    await frame.getByRole('button', { name: /^Read the intensities of 36 files \(/ }).click();
    const meanRow = frame.locator(
      'table[aria-label="Intensities per plane"] tr[data-split="valid"][data-plane="axial"][data-statistic="mean"]',
    );
    await meanRow.waitFor();
    const means = [...labels('valid', 'acl').keys()]
      .map((id) => {
        const bytes = new Uint8Array(readFileSync(dataset('valid', 'axial', `${id}.npy`)));
        const header = parseNpyHeader(bytes, bytes.length);
        return bytes.subarray(header.dataOffset).reduce((sum, v) => sum + v, 0) / header.count;
      })
      .sort((a, b) => a - b);
    assert.equal(Number(await meanRow.getAttribute('data-median')), (means[1] + means[2]) / 2);
    // The fullest sagittal bin of train: the tree shows exactly its cases, and Next walks them.
    const bars = frame.locator('rect[role="button"][data-plane="sagittal"][data-split="train"][data-low]');
    const sizes = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
    const bar = bars.nth(sizes.indexOf(Math.max(...sizes)));
    const [low, high] = await Promise.all(
      ['data-low', 'data-high'].map(async (a) => Number(await bar.getAttribute(a))),
    );
    const inBin = ids.filter((id) => {
      const n = sliceCount(dataset('train', 'sagittal', `${id}.npy`));
      return n >= low && n <= high;
    });
    await bar.click();
    await view
      .getByRole('treeitem', { name: new RegExp(`^train ${inBin.length} of ${ids.length} cases match`) })
      .waitFor();
    const range = low === high ? `${low}` : `${low}–${high}`;
    await view
      .getByRole('treeitem', { name: new RegExp(`^Dataset MRNet-v1\\.0, filter: sagittal: ${range} slices in train/`) })
      .waitFor();
    assert.deepEqual(
      await view
        .getByRole('treeitem', { name: /^Case \d+,/ })
        .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')!.match(/^Case (\d+),/)![1])),
      inBin,
    );
    // The click in the overview ends by focusing the Cases view: a click on a row before that is taken by the focus change.
    await view.locator('.monaco-list:focus-within').waitFor();
    await view.getByRole('treeitem', { name: new RegExp(`^Case ${inBin[0]},`) }).click();
    const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${inBin[0]}` }).isVisible());
    if (inBin.length > 1) {
      await viewer.getByRole('button', { name: 'Next case' }).click();
      await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${inBin[1]}` }).isVisible());
    }
    await runCommand(page, 'MRNet: Clear Filter');
    await view.getByRole('treeitem', { name: /^train \d+ cases/ }).waitFor();
    await closeAllEditors(page);
  });

  it('the command palette: "MRNet: Open Case", type an id, Enter: that case opens', async () => {
    await runCommand(page, 'MRNet: Open Case');
    await pickFromQuickPick(page, /^Type a case id/, '0009', /^0009/);
    const frame: Frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0009' }).isVisible());
    assert.equal(await frame.locator('.case-split').textContent(), 'MRNet-v1.0 · valid');
  });

  it('"MRNet: Open Case" on a case stored in Fortran order: each plane along axis 0 at its middle slice, from the first paint to the settled state', async () => {
    await closeAllEditors(page);
    await runCommand(page, 'MRNet: Open Case');
    await pickFromQuickPick(page, /^Type a case id/, FORTRAN_CASE, new RegExp(`^${FORTRAN_CASE}`));
    const frame: Frame = await webviewFrame(page, (f) =>
      f.getByRole('heading', { name: `Case ${FORTRAN_CASE}` }).isVisible(),
    );
    const planes = ['coronal', 'sagittal', 'axial'].map((plane) => {
      const bytes = new Uint8Array(readFileSync(dataset('valid', plane, `${FORTRAN_CASE}.npy`)));
      const header = parseNpyHeader(bytes, bytes.length);
      assert.ok(header.fortranOrder, plane);
      const name = `${plane[0].toUpperCase()}${plane.slice(1)}`;
      return { name, header, bytes, slider: frame.getByRole('slider', { name: `${name} slice` }) };
    });
    const middles = async () =>
      Promise.all(
        planes.map(async ({ slider }) => `${await slider.inputValue()} of ${await slider.getAttribute('max')}`),
      );
    const expected = planes.map(({ header }) => `${Math.floor((header.shape[0] - 1) / 2)} of ${header.shape[0] - 1}`);
    assert.deepEqual(await middles(), expected, 'the first paint');
    // Settled: nothing of any plane is on its way any more, each plane painted at its middle slice.
    for (const { name, header } of planes)
      await frame
        .locator(
          `[aria-label="${name} plane"][aria-busy="false"][data-painted-slice="${Math.floor((header.shape[0] - 1) / 2)}"]`,
        )
        .waitFor();
    assert.deepEqual(await middles(), expected, 'the settled state');
    // The values under the pointer are the file's: element [k, y, x] at k + n·(y + H·x).
    for (const { name, header, bytes } of planes) {
      const [n, h, w] = header.shape;
      const k = Math.floor((n - 1) / 2);
      const { position } = await pixelOf(frame, `${name} plane`, 120, 100, { width: w, height: h });
      await planeCanvas(frame, `${name} plane`).hover({ position });
      const readout = frame
        .getByRole('region', { name: `${name} plane` })
        .locator('[data-role="readout"]', { hasText: /value \d/ });
      await readout.waitFor();
      const [, x, y] = /^x (\d+) {2}y (\d+)\n/.exec((await readout.textContent())!)!.map(Number);
      assert.match(
        (await readout.textContent())!,
        new RegExp(`\\nvalue ${bytes[header.dataOffset + k + n * (y + h * x)]}\\nat \\[${k}, ${y}, ${x}\\]`),
        name,
      );
    }
    await closeAllEditors(page);
  });

  it("real MR and CT scans (nibabel's and pydicom's test data): each opens with NumPy's shape, dtype, min, max and mean", async () => {
    const facts = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'scans', 'scans.json'), 'utf8')) as Record<
      string,
      { shape: number[]; dtype: string; min: number; max: number; mean: number }
    >;
    const dtypeNames: Record<string, string> = {
      '<i2': 'int16',
      '>i2': 'int16 (big-endian)',
      '<u4': 'uint32',
      '|u1': 'uint8',
    };
    for (const [name, fact] of Object.entries(facts)) {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', `scans/${name}`, new RegExp(`^${name.replace('.', '\\.')}`));
      const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name, exact: true }).isVisible());
      await frame.locator('[data-field="mean"] dd').filter({ hasText: /\d/ }).waitFor();
      const field = async (key: string) => (await frame.locator(`[data-field="${key}"] dd`).textContent())!;
      const shape = fact.shape.length === 1 ? `(${fact.shape[0]},)` : `(${fact.shape.join(', ')})`;
      assert.deepEqual(
        [await field('shape'), await field('dtype'), await field('min'), await field('max'), await field('mean')],
        [shape, dtypeNames[fact.dtype], formatStat(fact.min), formatStat(fact.max), formatStat(fact.mean)],
        name,
      );
      assert.equal(await frame.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, name);
    }
    await closeAllEditors(page);
  });

  /** Picks an axis in one of an editor's axis choices, as choosing it in the list does. */
  const chooseAxis = (frame: Frame, label: string, axis: number) =>
    frame.locator(`vscode-single-select[aria-label="${label}"]`).evaluate((s: HTMLElement & { value: string }, a) => {
      s.value = String(a);
      s.dispatchEvent(new Event('change'));
    }, axis);

  it("nibabel's 4-D example (x, y, z, t): (x, y) as the image along z, t held; reopened, the file keeps the choice", async () => {
    const name = 'nifti_example4d.npy';
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'scans', name)));
    const header = parseNpyHeader(bytes, bytes.length);
    const open = async () => {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', `scans/${name}`, /^nifti_example4d\.npy/);
      return webviewFrame(page, (f) => f.getByRole('slider', { name: 'Slice', exact: true }).isVisible());
    };
    let frame = await open();
    const slider = () => frame.getByRole('slider', { name: 'Slice', exact: true });
    assert.equal(await slider().getAttribute('max'), '95', "NumPy's: along axis 1");
    await chooseAxis(frame, 'Image rows', 0);
    await chooseAxis(frame, 'Image columns', 1);
    await chooseAxis(frame, 'View along axis', 2);
    await frame.getByRole('slider', { name: 'Axis 3 index' }).fill('1');
    assert.equal(await slider().getAttribute('max'), '23');
    const k = Number(await slider().inputValue());
    assert.equal(k, 11);
    const { position } = await pixelOf(frame, 'Slices', 70, 40, { width: 96, height: 128 });
    await planeCanvas(frame, 'Slices').hover({ position });
    const readout = frame
      .getByRole('region', { name: 'Slices' })
      .locator('[data-role="readout"]', { hasText: /value/ });
    await readout.waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\n/.exec((await readout.textContent())!)!.map(Number);
    // int16 element [y, x, k, 1] of (128, 96, 24, 2), in the file's order (nibabel's arrays are Fortran order).
    const strides = elementStrides(header.shape, header.fortranOrder);
    const at = header.dataOffset + 2 * (y * strides[0] + x * strides[1] + k * strides[2] + strides[3]);
    assert.equal(
      await readout.textContent(),
      `x ${x}  y ${y}\nvalue ${new DataView(bytes.buffer).getInt16(at, true)}\nat [${y}, ${x}, ${k}, 1]`,
    );
    frame = await open();
    assert.equal(await slider().getAttribute('max'), '23', 'the axes chosen, remembered for the file');
    assert.equal(await frame.getByRole('slider', { name: 'Axis 3 index' }).inputValue(), '1');
    await closeAllEditors(page);
  });

  it("the case viewer follows the axes chosen for a plane's file in its editor", async () => {
    const file = dataset('valid', 'axial', '0009.npy');
    const [n, h] = parseNpyHeader(readFileSync(file), readFileSync(file).length).shape;
    const openAxial = async () => {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', 'MRNet-v1.0/valid/axial/0009.npy', /^0009( · axial|\.npy)/);
      return webviewFrame(page, (f) =>
        f.getByRole('button', { name: 'Open this case in the three-plane viewer' }).isVisible(),
      );
    };
    let editor = await openAxial();
    await chooseAxis(editor, 'View along axis', 1);
    await editor
      .getByRole('slider', { name: 'Slice', exact: true })
      .and(editor.locator(`[max="${h - 1}"]`))
      .waitFor();
    await editor.getByRole('button', { name: 'Open this case in the three-plane viewer' }).click();
    let viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0009' }).isVisible());
    await viewer.locator(`[aria-label="Axial plane"][aria-busy="false"]`).waitFor();
    assert.equal(
      await viewer.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'),
      String(h - 1),
      'along axis 1, as chosen',
    );
    // Back to NumPy's axes: the case viewer follows again.
    editor = await openAxial();
    await chooseAxis(editor, 'View along axis', 0);
    await editor
      .getByRole('slider', { name: 'Slice', exact: true })
      .and(editor.locator(`[max="${n - 1}"]`))
      .waitFor();
    await editor.getByRole('button', { name: 'Open this case in the three-plane viewer' }).click();
    viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0009' }).isVisible());
    await viewer.locator(`[aria-label="Axial plane"][aria-busy="false"]`).waitFor();
    assert.equal(await viewer.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'), String(n - 1));
    await closeAllEditors(page);
  });

  it('a 2.7 GB (30000, 30000, 3) colour image opens from an overview at once, and at full resolution where zoomed in', async () => {
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'large/photo.npy', /^photo\.npy/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('heading', { name: 'photo.npy', exact: true }).isVisible(),
    );
    await frame
      .locator('.view-controls .status', { hasText: 'overview of one row and column in 15 (2000 x 2000)' })
      .waitFor();
    assert.equal(await frame.getByRole('alert').filter({ hasText: /\S/ }).count(), 0);
    const plane = frame.getByRole('region', { name: 'Slices' });
    await plane.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('+');
    // Settled: the region on screen read at full resolution, nothing on its way.
    await frame.locator('[aria-label="Slices"][aria-busy="false"][data-full-resolution]').waitFor();
    // Row 15000 (the centre row) holds patternAt(15000, x, channel); every other row near it zeros.
    const box = (await planeCanvas(frame, 'Slices').boundingBox())!;
    const readout = plane.locator('[data-role="readout"]');
    const rows = new Set<number>();
    for (let dy = -24; dy <= 24; dy += 2) {
      await planeCanvas(frame, 'Slices').hover({ position: { x: box.width / 2, y: box.height / 2 + dy } });
      const text = (await readout.textContent())!;
      const [, x, y] = /^x (\d+) {2}y (\d+)\n/.exec(text)!.map(Number);
      const value = [0, 1, 2].map((c) => (y === 15000 ? patternAt(15000, x, c) : 0)).join(', ');
      assert.equal(text, `x ${x}  y ${y}\nvalue ${value}\nat [${y}, ${x}]`);
      rows.add(y);
    }
    assert.ok(rows.has(15000) && rows.size > 3, `rows read: ${[...rows].join(', ')}`);
    await closeAllEditors(page);
  });

  it('a 1-D array: its line plot (the charts bundle, as packaged) and its values', async () => {
    await quickPick(page, 'Control+P', 'line/signal.npy', /^signal\.npy/);
    const frame = await webviewFrame(page, (f) => f.getByRole('img', { name: 'Line plot' }).isVisible());
    assert.equal(
      await frame
        .getByRole('alert')
        .filter({ hasText: /line plot/i })
        .count(),
      0,
    );
    assert.ok((await frame.getByRole('img', { name: 'Line plot' }).locator('path').count()) > 0, 'the line is drawn');
    const grid = frame.getByRole('grid', { name: 'Values of the slice' });
    assert.equal(Number(await grid.getByRole('gridcell', { name: '[10]', exact: true }).innerText()), lineValueAt(10));
    await closeAllEditors(page);
  });

  it('the extension-host suite passes inside the same VS Code, on the extension installed from the .vsix (workbench payload)', async () => {
    rmSync(workbench.resultFile, { force: true });
    const root = join(__dirname, '..', '..');
    const authority = `127.0.0.1:${workbench.server!.port}`;
    // The extension as installed from the .vsix, not the checkout.
    assert.ok(
      existsSync(join(workbench.server!.extensionDir, 'dist', 'charts.js')),
      `${workbench.server!.extensionDir} holds the installed package`,
    );
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${workbench.server!.extensionDir}`],
      ['extensionTestsPath', `vscode-remote://${authority}${join(root, 'out', 'test', 'extensionHost', 'index')}`],
    ];
    const host = await workbench.open(`&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const log: string[] = [];
    host.on('console', (m) => log.push(m.text()));
    try {
      const deadline = Date.now() + 150_000;
      while (!existsSync(workbench.resultFile) && Date.now() < deadline) await host.waitForTimeout(500);
      assert.ok(existsSync(workbench.resultFile), `the suite wrote no result; console:\n${log.slice(-30).join('\n')}`);
      const result = JSON.parse(readFileSync(workbench.resultFile, 'utf8')) as {
        passes: number;
        failures: number;
        errors: string[];
      };
      console.log(`      extension host: ${result.passes} passed, ${result.failures} failed`);
      assert.deepEqual(result.errors, []);
      assert.ok(result.passes >= 15, `${result.passes} passed`);
    } finally {
      await host.close();
    }
  });

  it("in a dataset with every quirk, a case with a truncated plane file shows that pane's error and the other planes, read slice by slice", async () => {
    // The extension-host suite (another window) added the broken dataset to this workspace's
    // settings; a reloaded window reads them afresh. A threshold of 0.5 MB has the case viewer
    // read these plane files (over 1 MB) slice by slice, as it reads a 2 GiB one.
    const settingsFile = join(workbench.workspace, '.vscode', 'settings.json');
    const settings = existsSync(settingsFile)
      ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)
      : {};
    mkdirSync(dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'mrnet.largeFileThresholdMB': 0.5 }));
    await page.reload();
    await workbenchRestored(page);
    await runCommand(page, 'MRNet: Open Case');
    // "broken-dataset" matches the dataset of its 13 cases.
    await pickFromQuickPick(page, /^Type a case id/, 'broken-dataset 0005', /^0005.*broken-dataset/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('region', { name: 'Sagittal plane' }).getByRole('alert').isVisible(),
    );
    assert.match(
      (await frame.getByRole('region', { name: 'Sagittal plane' }).getByRole('alert').textContent())!,
      /^Cannot show 0005\.npy: the header is truncated/,
    );
    assert.equal(await frame.getByRole('slider', { name: 'Coronal slice' }).isVisible(), true);
    // Slice 0 of the axial file is not among those sent first: the host reads it when shown.
    const axial = frame.getByRole('region', { name: 'Axial plane' });
    await axial.getByRole('slider', { name: 'Axial slice' }).fill('0');
    const bytes = new Uint8Array(
      readFileSync(join(`${workbench.workspace}-broken-dataset`, 'train', 'axial', '0005.npy')),
    );
    const header = parseNpyHeader(bytes, bytes.length);
    const [, h, w] = header.shape;
    const { position } = await pixelOf(frame, 'Axial plane', 100, 120, { width: w, height: h });
    await planeCanvas(frame, 'Axial plane').hover({ position });
    const readout = axial.locator('[data-role="readout"]', { hasText: /value \d/ });
    await readout.waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\nvalue \S+\nat \[0,/.exec((await readout.textContent())!)!.map(Number);
    // The sample's CAM is drawn over it too: its line follows.
    assert.match(
      (await readout.textContent())!,
      new RegExp(
        `^x ${x}  y ${y}\\nvalue ${bytes[header.dataOffset + y * w + x]}\\nat \\[0, ${y}, ${x}\\]\\ncam \\S+$`,
      ),
    );
    await closeAllEditors(page);
  });
});
