import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { colourMapTable } from '../../src/shared/colourMaps';
import { pixelOf, planeCanvas } from '../support/canvas';
import { SCREENSHOTS, Workbench } from './workbench';
import { closeAllEditors, explorerOpen, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { dataset, screenshotOnFailure, sharedWorkbench } from './session';

/** End-to-end (see session.ts): the extension installed from its .vsix in code-server, driven by clicks in Chromium. */

describe('In a real VS Code: The .npy editor', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

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
});
