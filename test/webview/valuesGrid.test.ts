import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { decodeNpy } from '../../src/shared/npy/decode';
import { formatElement } from '../../src/shared/npy/formatValue';
import { planeCanvas } from '../support/canvas';
import { arrayMessage, posted, useWebviewHarness } from './harness';
import { post } from '../../scripts/support/webviewHarness';

const STATS = join(__dirname, '..', 'fixtures', 'statistics');
/** A (1, 2048, 2048) uint16 slice whose value at [0, y, x] is (7y + x) mod 65536. */
const BIG = 2048;
const bigValue = (y: number, x: number) => (7 * y + x) % 65536;
function bigSlice(): Uint8Array {
  const data = new Uint16Array(BIG * BIG);
  for (let y = 0; y < BIG; y++) for (let x = 0; x < BIG; x++) data[y * BIG + x] = bigValue(y, x);
  return new Uint8Array(dump(data, [1, BIG, BIG]));
}

describe('the values grid (headless Chromium)', () => {
  const harness = useWebviewHarness();
  let page: Page;
  const grid = () => page.getByRole('grid', { name: 'Values of the slice' });

  async function open(name: string, bytes: Uint8Array, showValues = true): Promise<void> {
    page = await harness.open('npy', undefined, { width: 1100, height: 1000 });
    await post(page, arrayMessage(name, bytes));
    if (showValues) await page.getByRole('checkbox', { name: 'Show values' }).check();
    await (
      showValues || /_[01]d\.npy$/.test(name) ? grid() : page.getByRole('button', { name: 'Export Slice as CSV…' })
    ).waitFor();
  }

  it("shows the slice's values as NumPy prints them, each cell named by its NumPy index, NaN and infinities included", async () => {
    const bytes = new Uint8Array(readFileSync(join(STATS, 'f4_nan_inf.npy')));
    const array = decodeNpy(bytes);
    await open('f4_nan_inf.npy', bytes);
    const k = 4; // the middle of 10 slices (floor((n - 1) / 2)), where the viewer starts
    for (const [y, x] of [
      [0, 0],
      [1, 2],
      [3, 7],
    ]) {
      const cell = grid().getByRole('gridcell', { name: `[${k}, ${y}, ${x}]`, exact: true });
      assert.equal(await cell.innerText(), formatElement(array, (k * 50 + y) * 60 + x));
    }
    assert.equal(await grid().getAttribute('aria-rowcount'), '51');
    assert.equal(await grid().getAttribute('aria-colcount'), '61');
    assert.equal(await grid().getByRole('columnheader', { name: '7', exact: true }).count(), 1);
    assert.equal(await grid().getByRole('rowheader', { name: '3', exact: true }).count(), 1);
  });

  it('scrolls a 2048 x 2048 slice with only the cells in view in the page', async () => {
    await open('big.npy', bigSlice());
    await grid().evaluate((g) => {
      g.scrollTop = 1500 * 20;
      g.scrollLeft = 1800 * parseFloat(g.querySelector<HTMLElement>('.grid-head')!.style.width);
    });
    const cell = grid().getByRole('gridcell', { name: '[0, 1510, 1805]', exact: true });
    await cell.waitFor();
    assert.equal(await cell.innerText(), String(bigValue(1510, 1805)));
    assert.ok((await grid().getByRole('gridcell').count()) < 3000, 'virtualised');
  });

  it('keys move the active cell, Shift extends a block, and a copy is its values tab-separated', async () => {
    await open('big.npy', bigSlice());
    await grid().focus();
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown', 'Shift+ArrowRight', 'Shift+ArrowDown'])
      await page.keyboard.press(key);
    await page.locator('#cell-2-3.active').waitFor();
    assert.equal(await grid().getAttribute('aria-activedescendant'), 'cell-2-3');
    assert.equal(await grid().locator('[aria-selected="true"]').count(), 4);
    const copied = await grid().evaluate((g) => {
      const clipboardData = new DataTransfer();
      g.dispatchEvent(new ClipboardEvent('copy', { clipboardData, bubbles: true, cancelable: true }));
      return clipboardData.getData('text/plain');
    });
    assert.equal(copied, `${bigValue(1, 2)}\t${bigValue(1, 3)}\n${bigValue(2, 2)}\t${bigValue(2, 3)}`);
    await page.keyboard.press('Control+End');
    await page.locator(`#cell-${BIG - 1}-${BIG - 1}.active`).waitFor();
  });

  it('the pointer over the image marks its cell, scrolled into view; cells are shaded in the colours painted, or not', async () => {
    await open('big.npy', bigSlice());
    const canvas = planeCanvas(page, 'Slices');
    const box = (await canvas.boundingBox())!;
    // The image fits the canvas, centred: the pointer just below and right of the centre is over it.
    await canvas.hover({ position: { x: box.width / 2 + 20, y: box.height / 2 + 30 } });
    const marked = grid().locator('.grid-cell.marked');
    await marked.waitFor();
    const readout = await page.getByRole('region', { name: 'Slices' }).locator('[data-role="readout"]').innerText();
    const [, x, y] = readout.match(/x (\d+)\s+y (\d+)/)!;
    assert.deepEqual([await marked.getAttribute('data-row'), await marked.getAttribute('data-col')], [y, x]);
    assert.match((await marked.getAttribute('style')) ?? '', /background: rgb\(/);
    await page.getByRole('checkbox', { name: 'Shade values by the colour map' }).uncheck();
    await page.waitForFunction(
      () => !document.querySelector('.grid-cell')?.getAttribute('style')?.includes('background'),
    );
  });

  it('"Export Slice as CSV…" answers the host with the slice\'s values as CSV', async () => {
    const bytes = new Uint8Array(readFileSync(join(STATS, 'i2_mask.npy')));
    const array = decodeNpy(bytes);
    await open('i2_mask.npy', bytes, false);
    await page.getByRole('button', { name: 'Export Slice as CSV…' }).click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'exportSlice', format: 'csv' });
    await post(page, { type: 'requestExport', format: 'csv' });
    await page.waitForFunction(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'exportData'),
    );
    const csv = await page.evaluate(() =>
      new TextDecoder().decode(
        (window as unknown as { __posted: { type: string; data: ArrayBuffer }[] }).__posted.find(
          (m) => m.type === 'exportData',
        )!.data,
      ),
    );
    const lines = csv.trim().split('\n');
    const k = 5; // the middle of 12
    assert.equal(lines.length, 20);
    assert.equal(lines[3], Array.from({ length: 20 }, (_, x) => formatElement(array, (k * 20 + 3) * 20 + x)).join(','));
  });

  it('0-D and 1-D arrays are shown in the same grid, with their statistics', async () => {
    await open('f8_1d.npy', new Uint8Array(readFileSync(join(STATS, 'f8_1d.npy'))), false);
    const array = decodeNpy(new Uint8Array(readFileSync(join(STATS, 'f8_1d.npy'))));
    assert.equal(await grid().getByRole('gridcell', { name: '[3]', exact: true }).innerText(), formatElement(array, 3));
    assert.equal(await grid().getAttribute('aria-rowcount'), '1002');
    await open('f8_0d.npy', new Uint8Array(readFileSync(join(STATS, 'f8_0d.npy'))), false);
    assert.equal(await grid().getByRole('gridcell', { name: '()', exact: true }).innerText(), '3.25');
    await page.getByText('Statistics', { exact: true }).click();
    assert.equal(await page.locator('td[data-stat="mean"][data-scope="array"]').getAttribute('data-value'), '3.25');
  });

  it('a 1-D array is also a line plot (the charts bundle loaded on demand): the value under the pointer, wheel zoom, drag pan', async () => {
    const bytes = new Uint8Array(readFileSync(join(STATS, 'f8_1d.npy')));
    const array = decodeNpy(bytes);
    await open('f8_1d.npy', bytes, false);
    const plot = page.getByRole('img', { name: /^Line plot: values 0 to 1000$/ });
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    await plot.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    const index = Number(await page.locator('.line-plot').getAttribute('data-index'));
    assert.ok(index > 300 && index < 700, String(index));
    assert.equal(
      await page.locator('[data-role="line-readout"]').innerText(),
      `[${index}] ${formatElement(array, index)}`,
    );
    await page.mouse.wheel(0, -100);
    const zoomed = page.getByRole('img', { name: /^Line plot: values \d+ to \d+$/ });
    await page.waitForFunction(
      () => !/values 0 to 1000$/.test(document.querySelector('.line-plot svg')?.getAttribute('aria-label') ?? ''),
    );
    const [a, b] = (await zoomed.getAttribute('aria-label'))!
      .match(/values (\d+) to (\d+)/)!
      .slice(1)
      .map(Number);
    assert.ok(b - a < 1000 && a <= index && index <= b, `${a} to ${b} around ${index}`);
    // A drag to the left shows later indices.
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const [a2] = (await page.locator('.line-plot svg').getAttribute('aria-label'))!
      .match(/values (\d+) to (\d+)/)!
      .slice(1)
      .map(Number);
    assert.ok(a2 > a, `panned from ${a} to ${a2}`);
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByRole('img', { name: /^Line plot: values 0 to 1000$/ }).waitFor();
  });
});
