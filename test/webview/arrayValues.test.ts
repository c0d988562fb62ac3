import * as assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { sliceByteRange } from '../../src/shared/npy/streaming';
import { ArrayContent, HostMessage } from '../../src/shared/protocol';
import { decodeNpy } from '../../src/shared/npy/decode';
import { NAN_COLOUR, NEG_INF_COLOUR, POS_INF_COLOUR } from '../../src/shared/windowing';
import { pixelOf, planeCanvas } from '../support/canvas';
import { makeNpy } from '../unit/fixtures';
import { arrayContent, arrayMessage, posted, useWebviewHarness } from './harness';
import { post } from '../../scripts/support/webviewHarness';
import { toolbarControl } from '../support/toolbar';

/** RGBA bytes of a little-endian ABGR colour. */
const rgba = (abgr: number) => [abgr & 255, (abgr >>> 8) & 255, (abgr >>> 16) & 255, abgr >>> 24];

describe('the viewers show what the array holds (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;
  const info = (field: string) => page.locator(`[data-field="${field}"] dd`);
  const slider = (name = 'Slice') => page.getByRole('slider', { name, exact: true });

  async function open(bytes: Uint8Array, name = 'a.npy'): Promise<void> {
    page = await harness.open('npy');
    await post(page, arrayMessage(name, bytes));
    await page.locator('[data-field="shape"]').waitFor();
  }

  it('NaN, +inf and -inf are drawn in their own colours and counted apart; values near the float64 limits are not black', async () => {
    const max = Number.MAX_VALUE;
    await open(makeNpy('<f8', [2, 3], Float64Array.from([NaN, Infinity, -Infinity, -max, 0, max])));
    assert.deepEqual(
      [await info('nan').textContent(), await info('posinf').textContent(), await info('neginf').textContent()],
      ['1', '1', '1'],
    );
    const size = { width: 3, height: 2 };
    assert.deepEqual((await pixelOf(page, 'Slices', 0, 0, size)).rgba, rgba(NAN_COLOUR));
    assert.deepEqual((await pixelOf(page, 'Slices', 1, 0, size)).rgba, rgba(POS_INF_COLOUR));
    assert.deepEqual((await pixelOf(page, 'Slices', 2, 0, size)).rgba, rgba(NEG_INF_COLOUR));
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    assert.deepEqual((await pixelOf(page, 'Slices', 1, 1, size)).rgba.slice(0, 3), [128, 128, 128]);
    assert.deepEqual((await pixelOf(page, 'Slices', 2, 1, size)).rgba.slice(0, 3), [255, 255, 255]);
    const { position } = await pixelOf(page, 'Slices', 0, 0, size);
    await planeCanvas(page, 'Slices').hover({ position });
    await page.locator('[data-role="readout"]', { hasText: 'value nan' }).waitFor();
  });

  it('an all-NaN array shows its NaN colour with a finite window', async () => {
    await open(makeNpy('<f4', [4, 4], new Float32Array(16).fill(NaN)));
    assert.equal(await info('nan').textContent(), '16');
    assert.match((await page.locator('[data-role="window"]').textContent())!, /^W 1 L 0\.5$/);
    assert.deepEqual((await pixelOf(page, 'Slices', 2, 2, { width: 4, height: 4 })).rgba, rgba(NAN_COLOUR));
  });

  it('a float (H, W, 3) image in [0, 1] is in colour, as imshow shows it, and can be viewed as three channel slices', async () => {
    const values = new Float32Array(2 * 2 * 3);
    values.set([1, 0.5, 0.25], 0); // pixel (0, 0)
    await open(makeNpy('<f4', [2, 2, 3], values));
    assert.equal(await slider().count(), 0, 'a single image has no slice slider');
    assert.deepEqual((await pixelOf(page, 'Slices', 0, 0, { width: 2, height: 2 })).rgba, [255, 127, 63, 255]);
    await page.getByRole('checkbox', { name: 'Show channels as slices' }).check();
    await page.waitForFunction(() => (document.querySelector('[aria-label="Slice"]') as HTMLInputElement).max === '2');
    assert.equal(await slider().inputValue(), '1');
  });

  it('64-bit integers: the info panel shows the exact minimum, maximum and mean', async () => {
    await open(makeNpy('<i8', [2, 2], BigInt64Array.from([-9223372036854775808n, 9223372036854775807n, 5n, 4n])));
    assert.deepEqual(
      [await info('min').textContent(), await info('max').textContent(), await info('mean').textContent()],
      ['-9223372036854775808', '9223372036854775807', '2'],
    );
  });

  it('64-bit integers in the statistics panel: min, max, their indices and percentiles exact, whole and for the slice', async () => {
    const values = BigInt64Array.from([
      2n ** 62n + 1n,
      2n ** 62n + 2n,
      -(2n ** 63n),
      2n ** 63n - 1n,
      2n ** 62n,
      2n ** 62n + 2n,
    ]);
    await open(makeNpy('<i8', [2, 3], values));
    await page.getByText('Statistics', { exact: true }).click();
    const cell = (stat: string, scope: string) => page.locator(`td[data-stat="${stat}"][data-scope="${scope}"]`);
    await cell('max', 'array').filter({ hasNotText: '…' }).waitFor();
    assert.equal(await cell('min', 'array').textContent(), '-9223372036854775808 at [0, 2]');
    assert.equal(await cell('max', 'array').textContent(), '9223372036854775807 at [1, 0]');
    assert.equal(await cell('max', 'array').getAttribute('data-value'), '9223372036854775807');
    // The median of the six: between 2^62 + 1 and 2^62 + 2.
    assert.equal(await cell('median', 'array').textContent(), '4611686018427387905.5');
    // The slice shown (the whole 2-D array): values that differ below float64 precision.
    await open(makeNpy('<i8', [2], BigInt64Array.from([2n ** 62n + 1n, 2n ** 62n + 2n])));
    await page.getByText('Statistics', { exact: true }).click();
    await cell('max', 'array').filter({ hasNotText: '…' }).waitFor();
    assert.equal(await cell('max', 'array').textContent(), '4611686018427387906 at [1]');
    assert.equal(await cell('mean', 'array').textContent(), '4.611686e+18');
  });

  it('a constant array at the float64 limits is the grey of any constant array, with a finite window; [-max, max] says its true width', async () => {
    const max = Number.MAX_VALUE;
    for (const v of [max, -max]) {
      await open(makeNpy('<f8', [2, 2], new Float64Array(4).fill(v)));
      assert.deepEqual(
        (await pixelOf(page, 'Slices', 1, 1, { width: 2, height: 2 })).rgba,
        [128, 128, 128, 255],
        String(v),
      );
      assert.match((await page.locator('[data-role="window"]').textContent())!, /^W 0 L -?1\.798e\+308$/);
    }
    await open(makeNpy('<f8', [2], Float64Array.from([-max, max])));
    await open(makeNpy('<f8', [1, 2], Float64Array.from([-max, max])));
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    assert.equal(await page.locator('[data-role="window"]').textContent(), 'W 3.595e+308 L 0');
    assert.equal(
      await page.getByRole('spinbutton', { name: 'Window width' }).getAttribute('placeholder'),
      '3.595e+308',
    );
  });

  it('a 4-D array: the default contrast follows the volume shown, or covers the whole array when asked', async () => {
    // Volume 0 holds 0..63, volume 1 holds 1000..1063: one window for both would paint volume 0 black.
    const values = Float32Array.from({ length: 2 * 4 * 4 * 4 }, (_, i) => (i < 64 ? i : 936 + i));
    await open(makeNpy('<f4', [2, 4, 4, 4], values));
    const windowText = () => page.locator('[data-role="window"]').textContent();
    const first = await windowText();
    await page.getByRole('slider', { name: 'Axis 0 index' }).fill('1');
    await page.waitForFunction((w) => document.querySelector('[data-role="window"]')!.textContent !== w, first);
    assert.match((await windowText())!, /L 10[0-9]{2}/);
    await page.getByRole('checkbox', { name: 'One window for the whole array' }).check();
    await page.waitForFunction(() => /L 5\d\d/.test(document.querySelector('[data-role="window"]')!.textContent));
  });

  it('a slice of a large file that fails to read shows its error in its plane; other slices still show', async () => {
    const bytes = makeNpy(
      '|u1',
      [10, 8, 8],
      Uint8Array.from({ length: 640 }, (_, i) => i & 255),
    );
    const header = parseNpyHeader(bytes, bytes.length);
    const sliceOf = (k: number) => {
      const { offset, length } = sliceByteRange(header, k);
      return bytes.slice(offset, offset + length).buffer;
    };
    const content: ArrayContent = {
      kind: 'sliceFirst',
      fileName: 'big.npy',
      header,
      sliceFirst: { first: { index: 4, data: sliceOf(4) }, whole: false },
    };
    page = await harness.open('npy');
    await post(page, { type: 'showArray', array: content });
    await slider().waitFor();
    await post(page, {
      type: 'sliceError',
      index: 5,
      message: 'Cannot show slice 5 of big.npy: the file ended inside slice 5',
    });
    await page.keyboard.press('ArrowUp');
    const alert = page.getByRole('region', { name: 'Slices' }).getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.textContent(), 'Cannot show slice 5 of big.npy: the file ended inside slice 5');
    await page.keyboard.press('ArrowDown');
    await alert.waitFor({ state: 'hidden' });

    // The same in the case viewer, for a plane file read slice by slice.
    const casePage = await harness.open('case');
    const message: HostMessage = {
      type: 'showCase',
      caseInfo: { id: '0000', split: 'train', dataset: 'd', labels: [] },
      planes: [
        { plane: 'axial', array: content },
        { plane: 'coronal', array: arrayContent('0000.npy', bytes) },
      ],
      caseIds: ['0000'],
    };
    await post(casePage, message);
    await casePage.getByRole('slider', { name: 'Axial slice' }).waitFor();
    assert.equal(await casePage.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'), '9');
    await post(casePage, {
      type: 'sliceError',
      plane: 'axial',
      index: 4,
      message: 'Cannot show slice 4 of 0000.npy: the file ended inside slice 4',
    });
    await casePage.getByRole('region', { name: 'Axial plane' }).getByRole('alert').waitFor();
    assert.equal(await casePage.getByRole('region', { name: 'Coronal plane' }).getByRole('alert').isVisible(), false);
  });

  it("the slice leaves as a PNG at the array's resolution (with the window shown) or at the displayed size, as a .npy, or as its NumPy index", async () => {
    await open(
      makeNpy(
        '<f4',
        [3, 5, 7],
        Float32Array.from({ length: 105 }, (_, i) => i),
      ),
    );
    await (await toolbarControl(page, 'button', 'Save slice as PNG…')).click();
    assert.deepEqual((await posted(page)).pop(), { type: 'exportSlice', format: 'png' });
    const answer = async (request: HostMessage) => {
      const before = (await posted(page)).length;
      await post(page, request);
      await page.waitForFunction((n) => (window as unknown as { __posted: unknown[] }).__posted.length > n, before);
      return (await posted(page)).pop() as {
        type: string;
        format?: string;
        slice?: number;
        data?: ArrayBuffer;
        index?: unknown[];
      };
    };
    // What the page posts back crosses as a plain object here: read it inside the page.
    const pngSize = () =>
      page.evaluate(async () => {
        const m = (window as unknown as { __posted: { data: ArrayBuffer }[] }).__posted.at(-1)!;
        const bitmap = await createImageBitmap(new Blob([m.data], { type: 'image/png' }));
        const pixels = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
        pixels.drawImage(bitmap, 0, 0);
        return {
          width: bitmap.width,
          height: bitmap.height,
          first: Array.from(pixels.getImageData(0, 0, 1, 1).data),
          last: Array.from(pixels.getImageData(6, 4, 1, 1).data),
        };
      });
    await page.getByRole('button', { name: 'Contrast: per-slice' }).click();
    const png = await answer({ type: 'requestExport', format: 'png' });
    assert.deepEqual([png.type, png.format, png.slice], ['exportData', 'png', 1]);
    const image = await pngSize();
    assert.deepEqual([image.width, image.height], [7, 5]);
    assert.deepEqual(
      [image.first, image.last],
      [
        [0, 0, 0, 255],
        [255, 255, 255, 255],
      ],
      'the per-slice window shown: 35 black, 69 white',
    );
    await answer({ type: 'requestExport', format: 'png', displayedSize: true });
    const shown = await pngSize();
    const canvas = await planeCanvas(page, 'Slices').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    assert.deepEqual([shown.width, shown.height], canvas);
    const npy = await answer({ type: 'requestExport', format: 'npy' });
    assert.deepEqual([npy.format, npy.slice], ['npy', 1]);
    const bytes = await page.evaluate(() =>
      Array.from(new Uint8Array((window as unknown as { __posted: { data: ArrayBuffer }[] }).__posted.at(-1)!.data)),
    );
    const saved = decodeNpy(new Uint8Array(bytes));
    assert.deepEqual(
      [saved.header.shape, Array.from(saved.values)],
      [[5, 7], Array.from({ length: 35 }, (_, i) => 35 + i)],
    );
    assert.deepEqual(await answer({ type: 'requestExport', format: 'expression' }), {
      type: 'exportIndex',
      index: [1, null, null],
    });
  });
});
