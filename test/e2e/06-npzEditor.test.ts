import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { pixelOf, planeCanvas } from '../support/canvas';
import { patternAt } from '../../scripts/support/largeArray';
import { closeAllEditors, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: The .npz editor', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('.npz: a click on an archive lists its members and shows the first volume with its values; another member opens on a click', async () => {
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'npz/deflated.npz', /^deflated\.npz/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('heading', { name: 'deflated.npz: volume.npy' }).isVisible(),
    );
    const expected = (
      JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'npz', 'valid', 'expected.json'), 'utf8')) as Record<
        string,
        { name: string; values: string[] }[]
      >
    )['deflated.npz'];
    const names = await frame
      .getByRole('list', { name: 'Archive members' })
      .getByRole('listitem')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('.member-name')!.textContent));
    assert.deepEqual(
      names,
      expected.map((m) => m.name),
    );
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.waitFor();
    assert.equal(await slider.inputValue(), '1');
    const { position } = await pixelOf(frame, 'Slices', 3, 2, { width: 16, height: 16 });
    await planeCanvas(frame, 'Slices').hover({ position });
    await frame.locator('[data-role="readout"]', { hasText: 'value' }).waitFor();
    assert.equal(
      await frame.locator('[data-role="readout"]').textContent(),
      `x 3  y 2\nvalue ${expected[0].values[256 + 2 * 16 + 3]}\nat [1, 2, 3]`,
    );
    await frame.getByRole('listitem').filter({ hasText: 'dir/ünïcode.npy' }).getByRole('button').click();
    await webviewFrame(page, (f) => f.getByRole('heading', { name: 'deflated.npz: dir/ünïcode.npy' }).isVisible());
  });

  it('.npz: a 288 MB stored member is read in place, slice by slice; a corrupt member shows its CRC error', async () => {
    await quickPick(page, 'Control+P', 'npz/large.npz', /^large\.npz/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('heading', { name: 'large.npz: scans/volume.npy' }).isVisible(),
    );
    assert.match((await frame.locator('.view-controls .status').textContent())!, /^Read slice by slice along axis 0/);
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.fill('500');
    const { position } = await pixelOf(frame, 'Slices', 70, 90, { width: 512, height: 512 });
    await planeCanvas(frame, 'Slices').hover({ position });
    const readout = frame.locator('[data-role="readout"]', { hasText: /value \d/ });
    await readout.waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\nvalue \S+\nat \[500,/.exec((await readout.textContent())!)!.map(Number);
    assert.equal(await readout.textContent(), `x ${x}  y ${y}\nvalue ${patternAt(500, y, x)}\nat [500, ${y}, ${x}]`);
    await quickPick(page, 'Control+P', 'npz/corrupt.npz', /^corrupt\.npz/);
    // Its corrupt member is listed with its problem (its CRC is checked as its header is read); opened, it says why in an alert.
    const list = await webviewFrame(page, (f) =>
      f
        .getByRole('listitem')
        .filter({ hasText: /^a\.npyits CRC-32 is/ })
        .isVisible(),
    );
    await list
      .getByRole('listitem')
      .filter({ hasText: /^a\.npy/ })
      .getByRole('button')
      .click();
    const corrupt = await webviewFrame(page, (f) =>
      f.getByRole('alert').filter({ hasText: 'Cannot show corrupt.npz: a.npy: ' }).isVisible(),
    );
    assert.match(
      (await corrupt.getByRole('alert').filter({ hasText: 'Cannot show' }).textContent())!,
      /its CRC-32 is 0x[0-9a-f]{8}, not the 0x[0-9a-f]{8} the archive records/,
    );
    await closeAllEditors(page);
  });
});
