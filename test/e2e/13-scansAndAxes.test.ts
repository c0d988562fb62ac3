import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Frame, Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { elementStrides } from '../../src/shared/npy/decode';
import { pixelOf, planeCanvas } from '../support/canvas';
import { closeAllEditors, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { formatStat } from '../../src/shared/format';
import { dataset, screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Real scans and the choice of axes', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it("real MR and CT scans (nibabel's and pydicom's test data): each opens with NumPy's shape, dtype, min, max and mean", async () => {
    const facts = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'scans', 'scans.json'), 'utf8')) as Record<
      string,
      { shape: number[]; dtype: string; min: number; max: number; mean: number }
    >;
    const dtypeNames: Record<string, string> = {
      '<i2': 'int16',
      '>i2': 'int16 (big-endian)',
      '<u4': 'uint32',
      '|u1': 'uint8',
    };
    for (const [name, fact] of Object.entries(facts)) {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', `scans/${name}`, new RegExp(`^${name.replace('.', '\\.')}`));
      const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name, exact: true }).isVisible());
      await frame.locator('[data-field="mean"] dd').filter({ hasText: /\d/ }).waitFor();
      const field = async (key: string) => (await frame.locator(`[data-field="${key}"] dd`).textContent())!;
      const shape = fact.shape.length === 1 ? `(${fact.shape[0]},)` : `(${fact.shape.join(', ')})`;
      assert.deepEqual(
        [await field('shape'), await field('dtype'), await field('min'), await field('max'), await field('mean')],
        [shape, dtypeNames[fact.dtype], formatStat(fact.min), formatStat(fact.max), formatStat(fact.mean)],
        name,
      );
      assert.equal(await frame.getByRole('alert').filter({ hasText: /\S/ }).count(), 0, name);
    }
    await closeAllEditors(page);
  });

  /** Picks an axis in one of an editor's axis choices, as choosing it in the list does. */
  const chooseAxis = (frame: Frame, label: string, axis: number) =>
    frame.locator(`vscode-single-select[aria-label="${label}"]`).evaluate((s: HTMLElement & { value: string }, a) => {
      s.value = String(a);
      s.dispatchEvent(new Event('change'));
    }, axis);

  it("nibabel's 4-D example (x, y, z, t): (x, y) as the image along z, t held; reopened, the file keeps the choice", async () => {
    const name = 'nifti_example4d.npy';
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'scans', name)));
    const header = parseNpyHeader(bytes, bytes.length);
    const open = async () => {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', `scans/${name}`, /^nifti_example4d\.npy/);
      return webviewFrame(page, (f) => f.getByRole('slider', { name: 'Slice', exact: true }).isVisible());
    };
    let frame = await open();
    const slider = () => frame.getByRole('slider', { name: 'Slice', exact: true });
    assert.equal(await slider().getAttribute('max'), '95', "NumPy's: along axis 1");
    await chooseAxis(frame, 'Image rows', 0);
    await chooseAxis(frame, 'Image columns', 1);
    await chooseAxis(frame, 'View along axis', 2);
    await frame.getByRole('slider', { name: 'Axis 3 index' }).fill('1');
    assert.equal(await slider().getAttribute('max'), '23');
    const k = Number(await slider().inputValue());
    assert.equal(k, 11);
    const { position } = await pixelOf(frame, 'Slices', 70, 40, { width: 96, height: 128 });
    await planeCanvas(frame, 'Slices').hover({ position });
    const readout = frame
      .getByRole('region', { name: 'Slices' })
      .locator('[data-role="readout"]', { hasText: /value/ });
    await readout.waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\n/.exec((await readout.textContent())!)!.map(Number);
    // int16 element [y, x, k, 1] of (128, 96, 24, 2), in the file's order (nibabel's arrays are Fortran order).
    const strides = elementStrides(header.shape, header.fortranOrder);
    const at = header.dataOffset + 2 * (y * strides[0] + x * strides[1] + k * strides[2] + strides[3]);
    assert.equal(
      await readout.textContent(),
      `x ${x}  y ${y}\nvalue ${new DataView(bytes.buffer).getInt16(at, true)}\nat [${y}, ${x}, ${k}, 1]`,
    );
    frame = await open();
    assert.equal(await slider().getAttribute('max'), '23', 'the axes chosen, remembered for the file');
    assert.equal(await frame.getByRole('slider', { name: 'Axis 3 index' }).inputValue(), '1');
    await closeAllEditors(page);
  });

  it("the case viewer follows the axes chosen for a plane's file in its editor", async () => {
    const file = dataset('valid', 'axial', '0009.npy');
    const [n, h] = parseNpyHeader(readFileSync(file), readFileSync(file).length).shape;
    const openAxial = async () => {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', 'MRNet-v1.0/valid/axial/0009.npy', /^0009( · axial|\.npy)/);
      return webviewFrame(page, (f) =>
        f.getByRole('button', { name: 'Open this case in the three-plane viewer' }).isVisible(),
      );
    };
    let editor = await openAxial();
    await chooseAxis(editor, 'View along axis', 1);
    await editor
      .getByRole('slider', { name: 'Slice', exact: true })
      .and(editor.locator(`[max="${h - 1}"]`))
      .waitFor();
    await editor.getByRole('button', { name: 'Open this case in the three-plane viewer' }).click();
    let viewer = await webviewFrame(page, (f) => f.getByRole('slider', { name: 'Axial slice' }).isVisible());
    // From the first paint (a plane viewed along another axis is not sent slice first along axis 0) to the settled state.
    assert.equal(
      await viewer.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'),
      String(h - 1),
      'first paint',
    );
    await viewer.locator(`[aria-label="Axial plane"][aria-busy="false"]`).waitFor();
    assert.equal(
      await viewer.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'),
      String(h - 1),
      'along axis 1, as chosen',
    );
    // Back to NumPy's axes: the case viewer follows again.
    editor = await openAxial();
    await chooseAxis(editor, 'View along axis', 0);
    await editor
      .getByRole('slider', { name: 'Slice', exact: true })
      .and(editor.locator(`[max="${n - 1}"]`))
      .waitFor();
    await editor.getByRole('button', { name: 'Open this case in the three-plane viewer' }).click();
    viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0009' }).isVisible());
    await viewer.locator(`[aria-label="Axial plane"][aria-busy="false"]`).waitFor();
    assert.equal(await viewer.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'), String(n - 1));
    await closeAllEditors(page);
  });
});
