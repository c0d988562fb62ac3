import * as assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { pixelOf, planeCanvas } from '../support/canvas';
import { patternAt } from '../../scripts/support/largeArray';
import { closeAllEditors, explorerOpen, webviewFrame } from '../../scripts/support/workbenchDriver';
import { LARGE_SHAPE, MID_SHAPE, midValueAt } from './workspace';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Large arrays', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

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
});
