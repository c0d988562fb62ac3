import * as assert from 'node:assert/strict';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { pixelOf } from '../support/canvas';
import { arrayMessage, useWebviewHarness } from './harness';
import { post } from '../../scripts/support/webviewHarness';

/** A (44, 64, 64) uint8 volume: slice k is filled with 5k, its pixel (0, 0) with 255. */
function volume(): Uint8Array {
  const data = new Uint8Array(44 * 64 * 64);
  for (let k = 0; k < 44; k++) {
    data.fill(5 * k, k * 4096, (k + 1) * 4096);
    data[k * 4096] = 255;
  }
  return new Uint8Array(dump(data, [44, 64, 64]));
}

describe('the mosaic (headless Chromium)', () => {
  const harness = useWebviewHarness();
  let page: Page;
  const mosaic = () => page.getByRole('region', { name: 'Mosaic' });
  /** The colour of thumbnail k's pixel (x, y). */
  const thumbPixel = (k: number, x: number, y: number) =>
    page
      .locator(`section.mosaic button[data-slice="${k}"] canvas`)
      .evaluate((c: HTMLCanvasElement, p) => Array.from(c.getContext('2d')!.getImageData(p.x, p.y, 1, 1).data), {
        x,
        y,
      });

  beforeEach(async () => {
    page = await harness.open('npy', undefined, { width: 1000, height: 900 });
    await post(page, arrayMessage('volume.npy', volume()));
    await page.getByRole('checkbox', { name: 'Show mosaic' }).check();
    await page.locator('section.mosaic[data-painted="44"]').waitFor();
  });

  it("shows every slice numbered, in the viewer's window and colours; a click shows that slice", async () => {
    assert.equal(
      await mosaic()
        .getByRole('button', { name: /^Slice \d+$/ })
        .count(),
      44,
    );
    // Each thumbnail is its slice as the viewer paints it: compare with the viewer's own pixels after a click.
    for (const k of [0, 17, 43]) {
      await mosaic()
        .getByRole('button', { name: `Slice ${k}`, exact: true })
        .click();
      await page.waitForFunction(
        (n) => (document.querySelector('input[aria-label="Slice"]') as HTMLInputElement).value === String(n),
        k,
      );
      const shown = await pixelOf(page, 'Slices', 10, 10, { width: 64, height: 64 });
      assert.deepEqual(await thumbPixel(k, 10, 10), shown.rgba, `slice ${k}`);
    }
    // The contrast changed (Full: min to max of the volume) is the thumbnails' too.
    await page.keyboard.press('2');
    await page.waitForFunction(() => document.querySelector('section.mosaic')?.getAttribute('data-painted') === '44');
    const shown = await pixelOf(page, 'Slices', 10, 10, { width: 64, height: 64 });
    assert.deepEqual(await thumbPixel(43, 10, 10), shown.rgba);
  });

  it('every n-th slice, when asked', async () => {
    await page.getByRole('spinbutton', { name: 'Show every n-th slice' }).fill('10');
    await page.getByRole('spinbutton', { name: 'Show every n-th slice' }).press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('section.mosaic button.thumb').length === 5);
    assert.deepEqual(
      await mosaic()
        .getByRole('button')
        .evaluateAll((b) => b.map((x) => x.getAttribute('aria-label'))),
      ['Slice 0', 'Slice 10', 'Slice 20', 'Slice 30', 'Slice 40'],
    );
  });

  it('a 4-D array: one tile per index of axis 0 (a batch), at the slice shown; a click shows that index', async () => {
    // (5, 4, 32, 32): volume b holds 40b + k in slice k.
    const data = new Uint8Array(5 * 4 * 32 * 32);
    for (let b = 0; b < 5; b++)
      for (let k = 0; k < 4; k++) data.fill(40 * b + k, (b * 4 + k) * 1024, (b * 4 + k + 1) * 1024);
    page = await harness.open('npy', undefined, { width: 1000, height: 900 });
    await post(page, arrayMessage('batch.npy', new Uint8Array(dump(data, [5, 4, 32, 32]))));
    await page.getByRole('checkbox', { name: 'Show mosaic' }).check();
    await page.getByRole('combobox', { name: 'Mosaic of' }).selectOption('index');
    await page.waitForFunction(
      () =>
        document.querySelector('section.mosaic')?.getAttribute('data-painted') === '5' &&
        document.querySelector('section.mosaic button')?.getAttribute('aria-label') === 'Index 0',
    );
    assert.deepEqual(
      await mosaic()
        .getByRole('button')
        .evaluateAll((b) => b.map((x) => x.getAttribute('aria-label'))),
      ['Index 0', 'Index 1', 'Index 2', 'Index 3', 'Index 4'],
    );
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    await page.waitForFunction(() => document.querySelector('section.mosaic')?.getAttribute('data-painted') === '5');
    // Every tile in the window shown (volume 0's full range, 0 to 3) at the slice shown (1): index 0's value 1 is a third of the way, index 3's 121 above it.
    assert.deepEqual(await thumbPixel(0, 5, 5), (await pixelOf(page, 'Slices', 5, 5, { width: 32, height: 32 })).rgba);
    assert.deepEqual(await thumbPixel(0, 5, 5), [85, 85, 85, 255]);
    assert.deepEqual(await thumbPixel(3, 5, 5), [255, 255, 255, 255]);
    await mosaic().getByRole('button', { name: 'Index 3', exact: true }).click();
    await page.waitForFunction(
      () => (document.querySelector('input[aria-label="Axis 0 index"]') as HTMLInputElement).value === '3',
    );
    await page.locator('[data-role="slice-label"]', { hasText: 'Slice 1 / 4' }).waitFor();
  });

  it('a stack of colour images (N, H, W, 3): one colour tile per image', async () => {
    // Image k is one colour: (40k, 255 - 40k, 7).
    const data = new Uint8Array(6 * 16 * 16 * 3);
    for (let k = 0; k < 6; k++) for (let p = 0; p < 256; p++) data.set([40 * k, 255 - 40 * k, 7], (k * 256 + p) * 3);
    page = await harness.open('npy', undefined, { width: 1000, height: 900 });
    await post(page, arrayMessage('frames.npy', new Uint8Array(dump(data, [6, 16, 16, 3]))));
    await page.getByRole('checkbox', { name: 'Show mosaic' }).check();
    await page.waitForFunction(() => document.querySelector('section.mosaic')?.getAttribute('data-painted') === '6');
    assert.deepEqual(
      await mosaic()
        .getByRole('button')
        .evaluateAll((b) => b.map((x) => x.getAttribute('aria-label'))),
      ['Slice 0', 'Slice 1', 'Slice 2', 'Slice 3', 'Slice 4', 'Slice 5'],
    );
    for (const k of [0, 5]) assert.deepEqual(await thumbPixel(k, 3, 3), [40 * k, 255 - 40 * k, 7, 255]);
  });
});
