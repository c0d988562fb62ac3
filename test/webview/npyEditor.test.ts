import * as assert from 'node:assert/strict';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { sampleSlices, sampledStats, sliceByteRange } from '../../src/shared/npy/streaming';
import { fixtureBytes, validFixtures } from '../unit/fixtures';
import { pixelOf, planeCanvas } from '../support/canvas';
import { useWebviewHarness, arrayContent, arrayMessage, posted, storedState } from './harness';
import { post } from '../../scripts/support/webviewHarness';
import { toolbarControl } from '../support/toolbar';

/** An MRNet-sized uint8 volume whose value at [k, y, x] is (x + 2y + 3k) mod 256. */
const SHAPE = [44, 256, 256];
const valueAt = (k: number, y: number, x: number) => (x + 2 * y + 3 * k) & 255;
function mrnetVolume(): Uint8Array {
  const data = new Uint8Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  let i = 0;
  for (let k = 0; k < SHAPE[0]; k++)
    for (let y = 0; y < SHAPE[1]; y++) for (let x = 0; x < SHAPE[2]; x++) data[i++] = valueAt(k, y, x);
  return new Uint8Array(dump(data, SHAPE));
}
const IMAGE = { width: 256, height: 256 };

/** The id of the last request the page posted for slice `k`: the host's reply names it, as the host does. */
async function requestFor(page: Page, k: number): Promise<number> {
  return (await sliceRequests(page)).filter((m) => m.index === k).at(-1)!.id;
}

/** The slices the page has asked the host for, in order. */
async function sliceRequests(page: Page): Promise<{ index: number; id: number }[]> {
  return ((await posted(page)) as { type: string; index: number; id: number }[]).filter((m) => m.type === 'readSlice');
}

describe('the .npy editor webview (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;

  const slider = () => page.getByRole('slider', { name: 'Slice', exact: true });
  const region = () => page.getByRole('region', { name: 'Slices' });
  const readout = () => region().locator('[data-role="readout"]');
  const info = (field: string) => page.locator(`[data-field="${field}"] dd`);

  async function openVolume(): Promise<void> {
    page = await harness.open('npy');
    await post(page, arrayMessage('0000.npy', mrnetVolume()));
    await slider().waitFor();
  }

  it('asks the host for its file once loaded, under the strict CSP', async () => {
    page = await harness.open('npy');
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp!, /default-src 'none'/);
    assert.doesNotMatch(csp!, /unsafe-eval|unsafe-inline/);
  });

  it('shows a (44, 256, 256) uint8 volume at its middle slice, painted with the array values', async () => {
    await openVolume();
    assert.equal(await slider().getAttribute('max'), '43');
    assert.equal(await slider().inputValue(), '21');
    assert.equal(await region().locator('[data-role="slice-label"]').textContent(), 'Slice 21 / 44');
    assert.equal(await info('shape').textContent(), '(44, 256, 256)');
    assert.equal(await info('dtype').textContent(), 'uint8');
    assert.equal(await info('order').textContent(), 'C (row-major)');
    assert.equal(await info('min').textContent(), '0');
    assert.equal(await info('max').textContent(), '255');
    assert.equal(await page.getByRole('img', { name: 'Slices image' }).count(), 1);
    // Full range maps 0..255 to grey 0..255: each canvas pixel shows its array value.
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    for (const [x, y] of [
      [0, 0],
      [10, 20],
      [200, 100],
      [255, 255],
    ]) {
      const { rgba } = await pixelOf(page, 'Slices', x, y, IMAGE);
      assert.deepEqual(rgba, [valueAt(21, y, x), valueAt(21, y, x), valueAt(21, y, x), 255], `pixel (${x}, ${y})`);
    }
  });

  it('the default contrast is the 0.5-99.5 percentile window of the whole volume', async () => {
    await openVolume();
    // The volume is uniform over 0..255, so the window is about 1..254 and 128 stays mid-grey.
    assert.match((await region().locator('[data-role="window"]').textContent())!, /^W 25[23] L 12[78](\.5)?$/);
    const { rgba } = await pixelOf(page, 'Slices', 0, 0, IMAGE); // value 63
    assert.ok(Math.abs(rgba[0] - 63) <= 2, `grey ${rgba[0]}`);
  });

  it('the wheel steps one slice per notch (Shift: five); keys step, page, and jump to the ends', async () => {
    await openVolume();
    const canvas = planeCanvas(page, 'Slices');
    await canvas.hover();
    await page.mouse.wheel(0, 100);
    assert.equal(await slider().inputValue(), '22');
    await page.mouse.wheel(0, -100);
    await page.mouse.wheel(0, -100);
    assert.equal(await slider().inputValue(), '20');
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 100);
    await page.keyboard.up('Shift');
    assert.equal(await slider().inputValue(), '25');
    await slider().focus();
    const keys: [string, string][] = [
      ['ArrowUp', '26'],
      ['ArrowDown', '25'],
      ['Shift+ArrowUp', '30'],
      ['PageDown', '25'],
      ['Home', '0'],
      ['ArrowDown', '0'],
      ['End', '43'],
      ['ArrowUp', '43'],
    ];
    for (const [key, expected] of keys) {
      await page.keyboard.press(key);
      assert.equal(await slider().inputValue(), expected, key);
    }
    assert.equal(await region().locator('[data-role="slice-label"]').textContent(), 'Slice 43 / 44');
    // Dragging the slider itself.
    await slider().fill('7');
    assert.equal(await region().locator('[data-role="slice-label"]').textContent(), 'Slice 7 / 44');
  });

  it('the readout in the bottom-right corner shows x, y and the raw value under the pointer, and its NumPy index', async () => {
    await openVolume();
    const { position } = await pixelOf(page, 'Slices', 30, 40, IMAGE);
    await planeCanvas(page, 'Slices').hover({ position });
    assert.equal(await readout().textContent(), `x 30  y 40\nvalue ${valueAt(21, 40, 30)}\nat [21, 40, 30]`);
    await page.mouse.move(0, 0);
    assert.equal(await readout().isVisible(), false, 'no readout once the pointer left the image');
  });

  it('reads a big-endian Fortran-order float32 array exactly as NumPy prints it', async () => {
    const fixture = validFixtures().find((f) => f.file === 'f4_be_F_v1.npy')!;
    assert.deepEqual(fixture.shape, [3, 5, 7]);
    page = await harness.open('npy');
    await post(page, arrayMessage(fixture.file, fixtureBytes('valid', fixture.file)));
    await slider().waitFor();
    assert.equal(await info('dtype').textContent(), 'float32 (big-endian)');
    assert.equal(await info('order').textContent(), 'Fortran (column-major)');
    assert.equal(await slider().inputValue(), '1');
    const size = { width: 7, height: 5 };
    for (const [x, y] of [
      [0, 0],
      [6, 4],
      [3, 2],
    ]) {
      const { position } = await pixelOf(page, 'Slices', x, y, size);
      await planeCanvas(page, 'Slices').hover({ position });
      const numpy = fixture.texts[1 * 35 + y * 7 + x];
      assert.equal(await readout().textContent(), `x ${x}  y ${y}\nvalue ${numpy}\nat [1, ${y}, ${x}]`);
    }
  });

  it('shows a refused file in an alert naming the file and the problem; the next file opens', async () => {
    page = await harness.open('npy');
    await post(page, arrayMessage('data_short.npy', fixtureBytes('malformed', 'data_short.npy')));
    const alert = page.getByRole('alert');
    assert.equal(
      await alert.textContent(),
      'Cannot show data_short.npy: the file holds 20 bytes of data, expected 24 for shape (2, 3) of float32 (the file is truncated)',
    );
    assert.equal(await slider().count(), 0);
    await post(page, arrayMessage('0000.npy', mrnetVolume()));
    await slider().waitFor();
    assert.equal(await alert.isHidden(), true);
  });

  it('contrast: right-drag changes width and level, invert, per-slice, reset', async () => {
    await openVolume();
    const windowText = region().locator('[data-role="window"]');
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    assert.equal(await windowText.textContent(), 'W 255 L 127.5');
    const { position } = await pixelOf(page, 'Slices', 128, 128, IMAGE);
    const box = (await planeCanvas(page, 'Slices').boundingBox())!;
    await page.mouse.move(box.x + position.x, box.y + position.y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(box.x + position.x - 64, box.y + position.y + 32);
    await page.mouse.up({ button: 'right' });
    // 255 units of range per 256 pixels: width 255 - 63.75, level 127.5 + 31.875.
    assert.equal(await windowText.textContent(), 'W 191.3 L 159.4');
    assert.equal((await storedState<{ plane: { preset: string } }>(page)).plane.preset, 'custom');

    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    const before = (await pixelOf(page, 'Slices', 10, 0, IMAGE)).rgba[0];
    await page.getByRole('button', { name: 'Invert' }).click();
    assert.equal((await pixelOf(page, 'Slices', 10, 0, IMAGE)).rgba[0], 255 - before);
    await page.keyboard.press('i');
    assert.equal((await pixelOf(page, 'Slices', 10, 0, IMAGE)).rgba[0], before);

    await page.keyboard.press('3'); // per-slice min/max
    assert.equal(await windowText.textContent(), 'W 255 L 127.5');
    await page.keyboard.press('r');
    assert.match((await windowText.textContent())!, /^W 25[23]/);
  });

  it('zoom: 1:1 shows one array pixel per screen pixel, + and - scale about it, fit fills the view, Shift-drag pans', async () => {
    await openVolume();
    const canvas = planeCanvas(page, 'Slices');
    const box = (await canvas.boundingBox())!;
    const alphaAt = (dx: number) =>
      canvas.evaluate(
        (c: HTMLCanvasElement, dx) =>
          c.getContext('2d')!.getImageData(Math.floor(c.width / 2 + dx), Math.floor(c.height / 2), 1, 1).data[3],
        dx,
      );
    await (await toolbarControl(page, 'button', 'One array pixel per screen pixel')).click();
    assert.equal(await alphaAt(127), 255);
    assert.equal(await alphaAt(129), 0, 'outside a 256-pixel image at 1:1');
    await page.keyboard.press('+');
    assert.equal(await alphaAt(155), 255, 'zoomed in 1.25x');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    assert.equal(await alphaAt(110), 0, 'zoomed out');
    await page.keyboard.press('f');
    const fit = Math.min(box.width, box.height) / 2 - 2;
    assert.equal(await alphaAt(fit), 255, 'fitted');
    await page.keyboard.press('o');
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 100, box.y + box.height / 2);
    await page.mouse.up();
    await page.keyboard.up('Shift');
    // The image now spans -28..228 around the centre instead of -128..128.
    assert.equal(await alphaAt(-30), 0, 'panned right by 100 pixels');
    assert.equal(await alphaAt(-26), 255);
    assert.equal(await alphaAt(226), 255);
    assert.equal(await alphaAt(230), 0);
    assert.deepEqual((await storedState<{ plane: { pan: unknown } }>(page)).plane.pan, { x: 100, y: 0 });

    // Middle-drag pans too; Ctrl+wheel zooms without changing the slice.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 40);
    await page.mouse.up({ button: 'middle' });
    assert.deepEqual((await storedState<{ plane: { pan: unknown } }>(page)).plane.pan, { x: 100, y: 40 });
    await page.keyboard.press('o');
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    assert.equal(await alphaAt(155), 255, 'Ctrl+wheel zoomed in 1.25x');
    assert.equal(await slider().inputValue(), '21');
  });

  it('cine plays through the slices and pauses', async () => {
    await openVolume();
    const play = await toolbarControl(page, 'button', 'Play or pause cine');
    await page.getByLabel('Cine rate (frames per second)').fill('30');
    await play.click();
    await page.waitForFunction(
      () => Number((document.querySelector('input[type=range]') as HTMLInputElement).value) > 24,
    );
    await play.click();
    const stopped = await slider().inputValue();
    await page.waitForTimeout(200);
    assert.equal(await slider().inputValue(), stopped);
  });

  it('views a volume along another axis, and indexes the leading axis of a 4-D array', async () => {
    const file = 'f8_le_C_v1.npy';
    const fixture = validFixtures().find((f) => f.file === file)!;
    assert.deepEqual(fixture.shape, [2, 3, 4, 5]);
    page = await harness.open('npy');
    await post(page, arrayMessage(file, fixtureBytes('valid', file)));
    await slider().waitFor();
    const leading = page.getByRole('slider', { name: 'Axis 0 index' });
    assert.equal(await leading.getAttribute('max'), '1');
    await leading.fill('1');
    await chooseAxis('View along axis', 3);
    assert.equal(await slider().getAttribute('max'), '4');
    assert.equal(await slider().inputValue(), '2');
    const size = { width: 4, height: 3 }; // a[1, :, :, k] is 3 x 4
    const { position } = await pixelOf(page, 'Slices', 3, 2, size);
    await planeCanvas(page, 'Slices').hover({ position });
    const numpy = fixture.texts[1 * 60 + 2 * 20 + 3 * 5 + 2];
    assert.equal(await readout().textContent(), `x 3  y 2\nvalue ${numpy}\nat [1, 2, 3, 2]`);
  });

  /** Picks an axis in one of the view's axis choices, as a user's click does. */
  async function chooseAxis(label: string, axis: number): Promise<void> {
    await page
      .locator(`vscode-single-select[aria-label="${label}"]`)
      .evaluate((s: HTMLElement & { value: string }, a) => {
        s.value = String(a);
        s.dispatchEvent(new Event('change'));
      }, axis);
  }

  /** An int32 array whose element at an index holds the index's digits: 3241 at [3, 2, 4, 1]. */
  function digitArray(shape: number[]): Uint8Array {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      let rest = i;
      const index = shape.map(() => 0);
      for (let a = shape.length - 1; a >= 0; a--) {
        index[a] = rest % shape[a];
        rest = Math.floor(rest / shape[a]);
      }
      data[i] = Number(index.join(''));
    }
    return new Uint8Array(dump(data, shape));
  }

  it('a 4-D (x, y, z, t) array as nibabel returns it: (x, y) as the image, along z, t held; the choice is remembered and comes back', async () => {
    page = await harness.open('npy');
    await post(page, arrayMessage('bold.npy', digitArray([4, 3, 5, 2])));
    await slider().waitFor();
    assert.equal(await slider().getAttribute('max'), '2', "NumPy's: along axis 1, (z, t) the image");
    await chooseAxis('Image rows', 0);
    await chooseAxis('Image columns', 1);
    await chooseAxis('View along axis', 2);
    assert.equal(await slider().getAttribute('max'), '4');
    assert.equal(await slider().inputValue(), '2', 'the middle slice of z');
    const held = page.getByRole('slider', { name: 'Axis 3 index' });
    assert.equal(await held.getAttribute('max'), '1');
    await held.fill('1');
    await slider().fill('4');
    const { position } = await pixelOf(page, 'Slices', 2, 3, { width: 3, height: 4 });
    await planeCanvas(page, 'Slices').hover({ position });
    assert.equal(await readout().textContent(), 'x 2  y 3\nvalue 3241\nat [3, 2, 4, 1]');
    const view = { rows: 0, cols: 1, slice: 2, channel: -1, index: [0, 0, 0, 1] };
    assert.deepEqual((await posted(page)).filter((m) => (m as { type: string }).type === 'rememberView').pop(), {
      type: 'rememberView',
      view,
    });
    // Opened again (another editor of the file): the remembered axes, at the middle slice.
    page = await harness.open('npy');
    await post(page, { type: 'showArray', array: arrayContent('bold.npy', digitArray([4, 3, 5, 2])), view });
    await slider().waitFor();
    assert.equal(await slider().getAttribute('max'), '4');
    assert.equal(await page.getByRole('slider', { name: 'Axis 3 index' }).inputValue(), '1');
    assert.equal(await region().getAttribute('aria-label'), 'Slices');
  });

  it('a stack of colour images (N, H, W, 3) is colour images with the slice slider, and its channels as slices when asked', async () => {
    const [n, h, w] = [4, 6, 8];
    const data = new Uint8Array(n * h * w * 3);
    for (let k = 0; k < n; k++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) data.set([10 * k, 20 * y, (30 * x) % 256], ((k * h + y) * w + x) * 3);
    page = await harness.open('npy');
    await post(page, arrayMessage('frames.npy', new Uint8Array(dump(data, [n, h, w, 3]))));
    await slider().waitFor();
    assert.equal(await slider().getAttribute('max'), String(n - 1));
    await slider().fill('3');
    const { rgba, position } = await pixelOf(page, 'Slices', 5, 2, { width: w, height: h });
    assert.deepEqual(rgba, [30, 40, 150, 255]);
    await planeCanvas(page, 'Slices').hover({ position });
    assert.equal(await readout().textContent(), 'x 5  y 2\nvalue 30, 40, 150\nat [3, 2, 5]');
    await page.getByRole('checkbox', { name: 'Show channels as slices' }).check();
    assert.equal(await slider().getAttribute('max'), '2', 'three channels');
    assert.equal(await page.getByRole('slider', { name: 'Axis 0 index' }).getAttribute('max'), String(n - 1));
  });

  it('shows (H, W, 3) uint8 arrays in colour', async () => {
    const bytes = fixtureBytes('valid', 'rgb_u1.npy');
    const fixture = validFixtures().find((f) => f.file === 'rgb_u1.npy')!;
    page = await harness.open('npy');
    await post(page, arrayMessage('rgb_u1.npy', bytes));
    await planeCanvas(page, 'Slices').waitFor();
    const { rgba } = await pixelOf(page, 'Slices', 5, 2, { width: 8, height: 6 });
    const channel = (c: number) => Number(fixture.texts[(2 * 8 + 5) * 3 + c]);
    assert.deepEqual(rgba, [channel(0), channel(1), channel(2), 255]);
  });

  it('a (3, H, W) array shows as three slices, or with one switch as a colour image (channels first)', async () => {
    const data = new Uint8Array(3 * 8 * 10);
    data.fill(255, 0, 80);
    data.fill(128, 160, 240);
    page = await harness.open('npy');
    await post(page, arrayMessage('chw.npy', new Uint8Array(dump(data, [3, 8, 10]))));
    await slider().waitFor();
    assert.equal(await slider().getAttribute('max'), '2');
    await page.getByRole('checkbox', { name: 'Show channels first (C, H, W) as a colour image' }).check();
    await page.waitForFunction(
      () =>
        !document.querySelector('.slider-row')?.checkVisibility() ||
        (document.querySelector('input[aria-label="Slice"]') as HTMLInputElement).max === '0',
    );
    const { rgba } = await pixelOf(page, 'Slices', 4, 4, { width: 10, height: 8 });
    assert.deepEqual(rgba, [255, 0, 128, 255]);
  });

  it('lists the values of 1-D and 0-D arrays in the values grid', async () => {
    page = await harness.open('npy');
    await post(page, arrayMessage('vector_i4.npy', fixtureBytes('valid', 'vector_i4.npy')));
    const grid = page.getByRole('grid', { name: 'Values of the slice' });
    await grid.waitFor();
    assert.equal(await grid.getAttribute('aria-rowcount'), '12');
    assert.equal(await grid.getByRole('gridcell', { name: '[0]', exact: true }).textContent(), '-5');
    assert.equal(await info('shape').textContent(), '(11,)');
    assert.equal(await info('mean').textContent(), '0');
    await post(page, arrayMessage('scalar_f8.npy', fixtureBytes('valid', 'scalar_f8.npy')));
    await page.waitForFunction(() => document.querySelector('[data-field="shape"] dd')?.textContent === '()');
    await grid.getByRole('gridcell', { name: '()', exact: true }).filter({ hasText: '3.25' }).waitFor();
  });

  it('restores slice, contrast and zoom after the tab was hidden (webview state)', async () => {
    await openVolume();
    await slider().fill('9');
    await page.keyboard.press('i');
    const state = await storedState(page);
    page = await harness.open('npy', state);
    await post(page, arrayMessage('0000.npy', mrnetVolume()));
    await slider().waitFor();
    assert.equal(await slider().inputValue(), '9');
    assert.equal(await page.getByRole('button', { name: 'Invert' }).getAttribute('aria-pressed'), 'true');
  });

  /** The test volume's bytes, its header, and slice k's bytes as the host would send them. */
  function largeVolume() {
    const bytes = mrnetVolume();
    const header = parseNpyHeader(bytes, bytes.length);
    const sliceOf = (k: number) => {
      const { offset, length } = sliceByteRange(header, k);
      return bytes.slice(offset, offset + length).buffer;
    };
    return { header, sliceOf };
  }

  it('a file read slice by slice: the first slice at once, then sampled statistics, each slice asked of the host as it is shown', async () => {
    const { header, sliceOf } = largeVolume();
    page = await harness.open('npy');
    // As the host sends it: the slice shown first, alone; its figures stand for the array's until the sample's arrive.
    await post(page, {
      type: 'showArray',
      array: {
        kind: 'sliceFirst',
        fileName: 'big.npy',
        header,
        sliceFirst: { first: { index: 21, data: sliceOf(21) }, whole: false },
      },
    });
    await slider().waitFor();
    assert.equal(await slider().getAttribute('max'), '43');
    assert.equal(await slider().inputValue(), '21');
    await page.locator('[aria-label="Slices"][data-painted-slice="21"]').waitFor();
    assert.equal(await page.locator('[data-field="min"] dt').textContent(), 'Min (sampled)');
    let sliceMax = 0;
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) sliceMax = Math.max(sliceMax, valueAt(21, y, x));
    assert.equal(await info('max').textContent(), String(sliceMax), 'the figures of slice 21 alone');
    assert.equal(await page.locator('[data-field="max"] dt').textContent(), 'Max (sampled)');
    assert.match(
      (await page.locator('.status').textContent())!,
      /statistics of the first slice until a sample of slices is read/,
    );
    const indices = sampleSlices(44);
    await post(page, {
      type: 'sampledStats',
      stats: sampledStats(
        header,
        indices.map((k) => new Uint8Array(sliceOf(k))),
      ),
      slices: indices.length,
    });
    await page.locator('.status', { hasText: 'statistics of 9 sampled slices' }).waitFor();
    assert.equal(await info('min').textContent(), '0');
    const requests = async () => (await sliceRequests(page)).map((m) => m.index);
    await page.waitForFunction(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'readSlice'),
    );
    assert.deepEqual(await requests(), [22], 'the next slice, ahead of time');
    const { position } = await pixelOf(page, 'Slices', 30, 40, IMAGE);
    await planeCanvas(page, 'Slices').hover({ position });
    assert.equal(await readout().textContent(), `x 30  y 40\nvalue ${valueAt(21, 40, 30)}\nat [21, 40, 30]`);
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    assert.equal((await pixelOf(page, 'Slices', 30, 40, IMAGE)).rgba[0], valueAt(21, 40, 30));
    await page.keyboard.press('End');
    await planeCanvas(page, 'Slices').hover({ position });
    assert.equal(await readout().textContent(), 'x 30  y 40\nvalue …\nat [43, 40, 30]', 'not here yet');
    assert.deepEqual(await requests(), [22, 43]);
    await post(page, { type: 'slice', index: 43, data: sliceOf(43), request: await requestFor(page, 43) });
    await page.waitForFunction(() => !document.querySelector('[data-role="readout"]')!.textContent.includes('…'));
    assert.equal(await readout().textContent(), `x 30  y 40\nvalue ${valueAt(43, 40, 30)}\nat [43, 40, 30]`);
    // The statistics panel: the slice shown, once it is here (its max is that of slice 43's values).
    await page.getByText('Statistics', { exact: true }).click();
    let max = 0;
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) max = Math.max(max, valueAt(43, y, x));
    assert.equal(await page.locator('td[data-stat="max"][data-scope="slice"]').getAttribute('data-value'), String(max));
    // The whole array's exact figures: every slice read in the background (the test answers as the host), the column saying how far.
    for (let k = 0; k < 44; k++) {
      await page.waitForFunction(
        (n) =>
          (window as unknown as { __posted: { type: string; index?: number }[] }).__posted.filter(
            (m) => m.type === 'readSlice' && m.index === n,
          ).length > (n === 22 || n === 43 ? 1 : 0),
        k,
      );
      await post(page, { type: 'slice', index: k, data: sliceOf(k), request: await requestFor(page, k) });
    }
    await page.locator('th[data-scope="array"]', { hasText: 'exact, from all 44 slices' }).waitFor();
    assert.equal(
      await page.locator('[aria-label="Slices"]').getAttribute('aria-busy'),
      'false',
      'every request answered',
    );
    let sum = 0;
    for (let k = 0; k < 44; k++) for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) sum += valueAt(k, y, x);
    assert.equal(
      Number(await page.locator('td[data-stat="mean"][data-scope="array"]').getAttribute('data-value')),
      sum / (44 * 256 * 256),
    );
    assert.equal(await page.locator('td[data-stat="max"][data-scope="array"]').innerText(), '255 at [0, 0, 255]');
  });

  it('a mid-size file shown slice first: every slice arrives unasked, then the array is shown whole in the state the user left it', async () => {
    const { header, sliceOf } = largeVolume();
    page = await harness.open('npy');
    await post(page, {
      type: 'showArray',
      array: {
        kind: 'sliceFirst',
        fileName: 'mid.npy',
        header,
        sliceFirst: { first: { index: 21, data: sliceOf(21) }, whole: true },
      },
    });
    await page.locator('[aria-label="Slices"][data-painted-slice="21"]').waitFor();
    assert.match(
      (await page.locator('.status').textContent())!,
      /^Shown from its first slice; the other slices are being read/,
    );
    // The user moves on while the rest arrives: slice 30 is drawn blank until it is here.
    await slider().fill('30');
    assert.equal(
      await page.locator('[aria-label="Slices"][data-painted-slice]').count(),
      0,
      'slice 30 is not here yet',
    );
    await page.getByRole('button', { name: 'Contrast: full range' }).click();
    const indices = sampleSlices(44);
    await post(page, {
      type: 'sampledStats',
      stats: sampledStats(
        header,
        indices.map((k) => new Uint8Array(sliceOf(k))),
      ),
      slices: indices.length,
    });
    // The host sends the others from the middle outwards; slice 30 is painted as soon as it is here.
    const order = [22, 20, 23, 19, 24, 18, 25, 17, 26, 16, 27, 15, 28, 14, 29, 13, 30];
    for (const k of order) await post(page, { type: 'slice', index: k, data: sliceOf(k) });
    await page.locator('[aria-label="Slices"][data-painted-slice="30"]').waitFor();
    assert.equal(await page.locator('[data-field="min"] dt').textContent(), 'Min (sampled)');
    for (let k = 0; k < 44; k++)
      if (k !== 21 && !order.includes(k)) await post(page, { type: 'slice', index: k, data: sliceOf(k) });
    // Whole now: exact figures, no status line, and the same slice and contrast preset.
    await page.locator('[data-field="min"] dt', { hasText: /^Min$/ }).waitFor();
    assert.equal(await page.locator('.status').count(), 0);
    assert.equal(await slider().inputValue(), '30');
    assert.equal(await page.getByRole('button', { name: 'Contrast: full range' }).getAttribute('aria-pressed'), 'true');
    assert.equal((await pixelOf(page, 'Slices', 30, 40, IMAGE)).rgba[0], valueAt(30, 40, 30));
    await page.getByText('Statistics', { exact: true }).click();
    assert.equal(await page.locator('td[data-stat="max"][data-scope="array"]').innerText(), '255 at [0, 0, 255]');
    const readSlices = (await sliceRequests(page)).map((m) => m.index);
    assert.ok(
      readSlices.every((k) => k === 30 || k === 31 || k === 43 || k === 44 || k === 22),
      `asked only for slices shown and the next ones: ${readSlices.join()}`,
    );
  });

  it('a mid-size file whose slice cannot be read while the rest arrives: the status says so, and that slice shows its error', async () => {
    const { header, sliceOf } = largeVolume();
    page = await harness.open('npy');
    await post(page, {
      type: 'showArray',
      array: {
        kind: 'sliceFirst',
        fileName: 'mid.npy',
        header,
        sliceFirst: { first: { index: 21, data: sliceOf(21) }, whole: true },
      },
    });
    await page.locator('[aria-label="Slices"][data-painted-slice="21"]').waitFor();
    await post(page, {
      type: 'sliceError',
      index: 22,
      message: 'Cannot show slice 22 of mid.npy: the array ends inside slice 22',
    });
    await page
      .locator('.status', {
        hasText:
          'Cannot show slice 22 of mid.npy: the array ends inside slice 22. The other slices are read as they are shown.',
      })
      .waitFor();
    await page.keyboard.press('ArrowUp');
    const alert = page.getByRole('region', { name: 'Slices' }).getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.textContent(), 'Cannot show slice 22 of mid.npy: the array ends inside slice 22');
    // The whole array's figures will not come from the slices arriving: the statistics panel says why.
    await page.getByText('Statistics', { exact: true }).click();
    await page.locator('th[data-scope="array"]', { hasText: 'not exact: Cannot show slice 22 of mid.npy' }).waitFor();
  });
});
