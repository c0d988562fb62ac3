import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Frame, Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { pixelOf, planeCanvas } from '../support/canvas';
import { closeAllEditors, pickFromQuickPick, runCommand, webviewFrame } from '../../scripts/support/workbenchDriver';
import { FORTRAN_CASE } from './workspace';
import { dataset, screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: "MRNet: Open Case"', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

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
});
