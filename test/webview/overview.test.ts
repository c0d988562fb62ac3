import * as assert from 'node:assert/strict';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { readContent, readRegion } from '../../src/core/arraySource';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { Region } from '../../src/shared/npy/overview';
import { memorySource } from '../support/countingSource';
import { planeCanvas } from '../support/canvas';
import { post } from '../../scripts/support/webviewHarness';
import { posted, useWebviewHarness } from './harness';

/** A (3000, 3000) uint8 image whose element [y, x] is (y + 2x) mod 256: shown from an overview of every 2nd row and column. */
const SIDE = 3000;
const valueAt = (y: number, x: number) => (y + 2 * x) & 255;
function bigImage(): Uint8Array {
  const data = new Uint8Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) data[y * SIDE + x] = valueAt(y, x);
  return new Uint8Array(dump(data, [SIDE, SIDE]));
}

describe('an image too large to hold (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;

  it('opens from its overview at once, and shows full resolution where zoomed in: the readout then reads every element', async () => {
    const bytes = bigImage();
    const source = memorySource('huge.npy', bytes);
    // The host's own reads: the overview above the threshold (here 1 MB), and each region asked for.
    const content = await readContent(source, 2 ** 20);
    assert.ok(content.kind === 'overview');
    const header = parseNpyHeader(bytes, bytes.length);
    page = await harness.open('npy', undefined, { width: 900, height: 800 });
    await post(page, { type: 'showArray', array: content });
    const region = page.getByRole('region', { name: 'Slices' });
    await planeCanvas(page, 'Slices').waitFor();
    assert.match(
      (await page.locator('.view-controls .status').textContent())!,
      /overview of one row and column in 2 \(1500 x 1500\)/,
    );
    // Over the overview, the readout says which element stands for the pixel.
    await planeCanvas(page, 'Slices').hover({ position: { x: 200, y: 200 } });
    const readout = region.locator('[data-role="readout"]');
    const overviewText = (await readout.textContent())!;
    const [, ox, oy] = /^x (\d+) {2}y (\d+) \(overview: one pixel in 2 each way\)\n/.exec(overviewText)!.map(Number);
    assert.equal(ox % 2, 0);
    assert.ok(overviewText.endsWith(`\nvalue ${valueAt(oy, ox)}\nat [${oy}, ${ox}]`), overviewText);
    // Zoomed in: the region on screen is asked for once the view is still, and drawn when it comes.
    await region.focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('+');
    // As the host does, every region asked for is answered, until the view is settled: its region on screen, nothing on its way.
    const requests = async () =>
      ((await posted(page)) as { type: string; region?: Region; id?: number }[]).filter((m) => m.type === 'readRegion');
    const asks = async () => (await requests()).map((m) => m.region!);
    for (let answered = 0; ;) {
      await page.waitForFunction((n) => {
        const plane = document.querySelector('[aria-label="Slices"]') as HTMLElement;
        const settled = plane.getAttribute('aria-busy') === 'false' && plane.dataset.fullResolution !== undefined;
        return (
          (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'readRegion')
            .length > n ||
          (n > 0 && settled)
        );
      }, answered);
      const asked = await requests();
      if (asked.length === answered) break;
      if (answered === 0)
        assert.equal(await region.getAttribute('aria-busy'), 'true', 'busy while the region is on its way');
      // The reply names the request it answers, as the host's does.
      for (const { region: r, id } of asked.slice(answered))
        await post(page, { type: 'region', region: r!, data: await readRegion(source, header, r!), request: id });
      answered = asked.length;
    }
    const last = (await asks()).at(-1)!;
    assert.equal(
      await region.getAttribute('data-full-resolution'),
      `${last.y0},${last.x0},${last.height},${last.width}`,
    );
    const box = (await planeCanvas(page, 'Slices').boundingBox())!;
    await planeCanvas(page, 'Slices').hover({ position: { x: box.width / 2 + 3, y: box.height / 2 + 5 } });
    const full = (await readout.textContent())!;
    const [, x, y] = /^x (\d+) {2}y (\d+)\n/.exec(full)!.map(Number);
    assert.equal(full, `x ${x}  y ${y}\nvalue ${valueAt(y, x)}\nat [${y}, ${x}]`);
    // Elements the overview leaves out (odd rows and columns) are read too.
    const xs = new Set<number>();
    for (let dx = 0; dx < 8; dx++) {
      await planeCanvas(page, 'Slices').hover({ position: { x: box.width / 2 + dx, y: box.height / 2 } });
      const text = (await readout.textContent())!;
      const [, hx, hy] = /^x (\d+) {2}y (\d+)\n/.exec(text)!.map(Number);
      assert.equal(text, `x ${hx}  y ${hy}\nvalue ${valueAt(hy, hx)}\nat [${hy}, ${hx}]`);
      xs.add(hx);
    }
    assert.ok(
      [...xs].some((v) => v % 2 === 1),
      `columns read: ${[...xs].join(', ')}`,
    );
  });
});
