import * as assert from 'node:assert/strict';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { colourMapTable } from '../../src/shared/colourMaps';
import { blendHeatmap } from '../../src/shared/overlay/blend';
import { blendMask } from '../../src/shared/overlay/mask';
import { resizeBilinear } from '../../src/shared/overlay/resize';
import { CasePlane, HostMessage } from '../../src/shared/protocol';
import { paintMapped, presetWindow, volumeStats } from '../../src/shared/windowing';
import { pixelOf, planeCanvas } from '../support/canvas';
import { arrayContent, posted, storedState, useWebviewHarness } from './harness';
import { post } from '../../scripts/support/webviewHarness';
import { toolbarControl } from '../support/toolbar';

const SIZE = 64;
const SLICES: Record<string, number> = { coronal: 20, sagittal: 24, axial: 28 };
/** A (slices, 64, 64) uint8 volume: value (x + y) * 2 at [k, y, x]. */
function volumeValues(slices: number): Uint8Array {
  return Uint8Array.from(
    { length: slices * SIZE * SIZE },
    (_, i) => (((i % SIZE) + (Math.floor(i / SIZE) % SIZE)) * 2) & 255,
  );
}
/** A (slices, 7, 7) float32 CAM, hot (1) at cell (5, 1) of every slice, 0.1 elsewhere. */
function camValues(slices: number): Float32Array {
  return Float32Array.from({ length: slices * 49 }, (_, i) => (i % 49 === 1 * 7 + 5 ? 1 : 0.1));
}

/** A (slices, 64, 64) label mask: 1 in rows 8-23 and columns 8-31, 2 in rows 30-49 and columns 20-59. */
function maskValues(slices: number): Uint8Array {
  return Uint8Array.from({ length: slices * SIZE * SIZE }, (_, i) => {
    const [y, x] = [Math.floor(i / SIZE) % SIZE, i % SIZE];
    return y >= 8 && y < 24 && x >= 8 && x < 32 ? 1 : y >= 30 && y < 50 && x >= 20 && x < 60 ? 2 : 0;
  });
}

function caseMessage(camSlices?: Partial<Record<string, number>>, extra = false): HostMessage {
  const planes: CasePlane[] = ['coronal', 'sagittal', 'axial'].map((plane) => {
    const n = SLICES[plane];
    const cam = camSlices?.[plane] ?? n;
    const overlays = [
      { name: 'cam', array: arrayContent('0007.npy', new Uint8Array(dump(camValues(cam), [cam, 7, 7]))) },
    ];
    if (extra) {
      overlays.push({
        name: 'attention',
        array: arrayContent(
          '0007.npy',
          new Uint8Array(
            dump(
              Float32Array.from({ length: n }, (_, k) => k / (n - 1)),
              [n],
            ),
          ),
        ),
      });
      overlays.push({
        name: 'seg',
        array: arrayContent('0007.npy', new Uint8Array(dump(maskValues(n), [n, SIZE, SIZE]))),
      });
    }
    return { plane, array: arrayContent('0007.npy', new Uint8Array(dump(volumeValues(n), [n, SIZE, SIZE]))), overlays };
  });
  return {
    type: 'showCase',
    caseInfo: { id: '0007', split: 'train', dataset: 'MRNet-v1.0', labels: [] },
    planes,
    caseIds: ['0007'],
  };
}

/** The pixel the viewer should paint at (x, y) of a sagittal slice: grey in the auto window, then the CAM blended over it. */
function expectedPixel(x: number, y: number, opacity: number, shown = true): number[] {
  const values = volumeValues(SLICES.sagittal);
  const slice = values.subarray(11 * SIZE * SIZE, 12 * SIZE * SIZE); // the middle slice of 24
  const pixels = new Uint32Array(SIZE * SIZE);
  paintMapped(slice, presetWindow('auto', volumeStats(values), slice), colourMapTable('grey', false), pixels);
  const resized = new Float32Array(SIZE * SIZE);
  resizeBilinear(camValues(1), 7, 7, SIZE, SIZE, resized);
  if (shown) blendHeatmap(pixels, resized, { low: 0, high: 1 }, colourMapTable('jet', false), opacity, 0.1);
  const p = pixels[y * SIZE + x];
  return [p & 255, (p >>> 8) & 255, (p >>> 16) & 255, 255];
}

describe('overlays in the case viewer (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;
  const region = (plane: string) => page.getByRole('region', { name: `${plane} plane`, exact: true });
  const image = { width: SIZE, height: SIZE };

  async function open(message = caseMessage(), state?: unknown): Promise<void> {
    page = await harness.open('case', state);
    await post(page, message);
    await page.getByRole('slider', { name: 'Axial slice' }).waitFor();
  }

  it('a CAM shows on every plane: resized bilinearly, in JET at 0.4, its checkbox named after it; the readout gives its value', async () => {
    await open();
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      assert.equal(await region(plane).getByRole('checkbox', { name: 'cam overlay' }).isChecked(), true, plane);
    for (const [x, y] of [
      [50, 14],
      [5, 60],
      [32, 32],
    ])
      assert.deepEqual(
        (await pixelOf(page, 'Sagittal plane', x, y, image)).rgba,
        expectedPixel(x, y, 0.4),
        `(${x}, ${y})`,
      );
    const { position } = await pixelOf(page, 'Sagittal plane', 50, 14, image);
    await planeCanvas(page, 'Sagittal plane').hover({ position });
    const readout = await region('Sagittal').locator('[data-role="readout"]').textContent();
    assert.match(readout!, /\ncam 0\.\d+$/);
  });

  it('opacity, colour map, threshold and the checkbox change what is drawn; v hides and shows them all', async () => {
    await open();
    const sagittal = region('Sagittal');
    await sagittal.getByRole('slider', { name: 'cam opacity' }).fill('1');
    assert.deepEqual((await pixelOf(page, 'Sagittal plane', 50, 14, image)).rgba, expectedPixel(50, 14, 1));
    await sagittal.getByRole('checkbox', { name: 'cam overlay' }).uncheck();
    assert.deepEqual((await pixelOf(page, 'Sagittal plane', 50, 14, image)).rgba, expectedPixel(50, 14, 0, false));
    await planeCanvas(page, 'Sagittal plane').hover();
    await page.keyboard.press('v'); // hides every overlay of every plane (one still showed)
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      assert.equal(await region(plane).getByRole('checkbox', { name: 'cam overlay' }).isChecked(), false, plane);
    await page.keyboard.press('v'); // and shows them all
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      assert.equal(await region(plane).getByRole('checkbox', { name: 'cam overlay' }).isChecked(), true, plane);
    await sagittal.getByRole('spinbutton', { name: 'cam threshold' }).fill('0.5');
    await sagittal.getByRole('spinbutton', { name: 'cam threshold' }).press('Enter');
    assert.deepEqual(
      (await pixelOf(page, 'Sagittal plane', 5, 60, image)).rgba,
      expectedPixel(5, 60, 0, false),
      'below the threshold: not drawn',
    );
    await sagittal.getByRole('combobox', { name: 'cam colour map' }).selectOption('hot');
    const state = await storedState<{
      planes: [string, { overlays: [string, { opacity: number; colourMap: string; threshold: number }][] }][];
    }>(page);
    const saved = new Map(state.planes).get('sagittal')!.overlays[0][1];
    assert.deepEqual([saved.opacity, saved.colourMap, saved.threshold], [1, 'hot', 0.5]);
    await open(caseMessage(), state);
    assert.equal(
      await region('Sagittal').getByRole('combobox', { name: 'cam colour map' }).inputValue(),
      'hot',
      'kept after a hidden tab',
    );
  });

  it('a label mask: each label in its colour, filled and outlined, each shown or hidden, its label in the readout', async () => {
    await open(caseMessage(undefined, true));
    const sagittal = region('Sagittal');
    await sagittal.getByRole('checkbox', { name: 'cam overlay' }).uncheck();
    const expected = (x: number, y: number, hidden: number[]) => {
      const values = volumeValues(SLICES.sagittal);
      const slice = values.subarray(11 * SIZE * SIZE, 12 * SIZE * SIZE);
      const pixels = new Uint32Array(SIZE * SIZE);
      paintMapped(slice, presetWindow('auto', volumeStats(values), slice), colourMapTable('grey', false), pixels);
      blendMask(pixels, maskValues(1), SIZE, SIZE, 0.35, 'both', new Set(hidden));
      const p = pixels[y * SIZE + x];
      return [p & 255, (p >>> 8) & 255, (p >>> 16) & 255, 255];
    };
    for (const [x, y] of [
      [15, 15],
      [8, 8],
      [40, 40],
      [59, 49],
      [2, 2],
    ])
      assert.deepEqual((await pixelOf(page, 'Sagittal plane', x, y, image)).rgba, expected(x, y, []), `(${x}, ${y})`);
    await sagittal.getByRole('checkbox', { name: 'seg label 2' }).uncheck();
    assert.deepEqual(
      (await pixelOf(page, 'Sagittal plane', 40, 40, image)).rgba,
      expected(40, 40, [2]),
      'label 2 hidden',
    );
    const { position } = await pixelOf(page, 'Sagittal plane', 15, 15, image);
    await planeCanvas(page, 'Sagittal plane').hover({ position });
    assert.match((await sagittal.locator('[data-role="readout"]').textContent())!, /\nseg 1$/);
  });

  it("per-slice scores: a strip along the slider; a click on it goes to that slice; the readout gives the slice's score", async () => {
    await open(caseMessage(undefined, true));
    const strip = region('Axial').getByRole('img', { name: 'attention per-slice scores' });
    const box = (await strip.boundingBox())!;
    await strip.click({ position: { x: box.width * (20.5 / 28), y: box.height / 2 } });
    assert.equal(await page.getByRole('slider', { name: 'Axial slice' }).inputValue(), '20');
    await planeCanvas(page, 'Axial plane').hover();
    assert.match((await region('Axial').locator('[data-role="readout"]').textContent())!, /\nattention 0\.7407\n/);
    await region('Axial').getByRole('checkbox', { name: 'attention overlay' }).uncheck();
    await strip.waitFor({ state: 'hidden' });
  });

  it('an overlay whose shape does not fit is refused with a message naming both shapes; the plane still shows; a bad file says why', async () => {
    const message = caseMessage({ sagittal: 30 });
    if (message.type !== 'showCase') throw new Error('not a case');
    message.planes[0].overlays = [
      { name: 'cam', array: arrayContent('0007.npy', new Uint8Array(dump(camValues(20), [20, 7, 7])).slice(0, 300)) },
    ];
    await open(message);
    assert.match(
      (await region('Coronal').getByRole('alert').textContent())!,
      /^Cannot show the cam overlay \(0007\.npy\): the file holds \d+ bytes of data, expected 3920 /,
    );
    const alert = region('Sagittal').getByRole('alert');
    assert.equal(
      await alert.textContent(),
      "Cannot show 0007.npy: the cam overlay's shape (30, 7, 7) does not fit the sagittal plane's (24, 64, 64): 30 slices against 24",
    );
    assert.equal(await region('Sagittal').getByRole('checkbox', { name: 'cam overlay' }).count(), 0);
    assert.equal(await region('Axial').getByRole('checkbox', { name: 'cam overlay' }).isChecked(), true);
    assert.equal(await page.getByRole('slider', { name: 'Sagittal slice' }).inputValue(), '11');
  });

  it('"Add overlay…" asks the host for the active plane; what it sends back is drawn there (the .npy editor too)', async () => {
    await open();
    await planeCanvas(page, 'Coronal plane').click();
    await (await toolbarControl(page, 'button', 'Add overlay…')).click();
    assert.deepEqual((await posted(page)).pop(), { type: 'addOverlay', plane: 'coronal' });
    await post(page, { type: 'requestAddOverlay', plane: 'axial' });
    await page.waitForFunction(
      () =>
        JSON.stringify((window as unknown as { __posted: unknown[] }).__posted.at(-1)) ===
        '{"type":"addOverlay","plane":"axial"}',
    );
    const n = SLICES.coronal;
    await post(page, {
      type: 'addedOverlay',
      plane: 'coronal',
      overlay: { name: 'saliency', array: arrayContent('s.npy', new Uint8Array(dump(camValues(n), [n, 7, 7]))) },
    });
    await region('Coronal').getByRole('checkbox', { name: 'saliency overlay' }).waitFor();
    assert.equal(
      await region('Coronal').getByRole('checkbox', { name: 'cam overlay' }).isChecked(),
      true,
      'beside the overlays it had',
    );

    page = await harness.open('npy');
    await post(page, {
      type: 'showArray',
      array: arrayContent('a.npy', new Uint8Array(dump(volumeValues(n), [n, SIZE, SIZE]))),
      overlays: [{ name: 'cam', array: arrayContent('c.npy', new Uint8Array(dump(camValues(n), [n, 7, 7]))) }],
    });
    await page.getByRole('region', { name: 'Slices' }).getByRole('checkbox', { name: 'cam overlay' }).waitFor();
    await (await toolbarControl(page, 'button', 'Add overlay…')).click();
    assert.deepEqual((await posted(page)).pop(), { type: 'addOverlay' });
    await post(page, {
      type: 'addedOverlay',
      overlay: { name: 'short', array: arrayContent('x.npy', new Uint8Array(dump(camValues(3), [3, 7, 7]))) },
    });
    await page
      .getByRole('region', { name: 'Slices' })
      .getByRole('alert')
      .filter({ hasText: "the short overlay's shape (3, 7, 7) does not fit" })
      .waitFor();
  });
});
