import * as assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { planeCanvas } from '../support/canvas';
import { patternAt } from '../../scripts/support/largeArray';
import { closeAllEditors, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Images too large to hold', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

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
});
