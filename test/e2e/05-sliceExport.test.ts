import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { Workbench } from './workbench';
import { closeAllEditors, pickInOpenDialog, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { toolbarControl } from '../support/toolbar';
import { dataset, screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Getting a slice out', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('a slice leaves the viewer: "Copy NumPy expression" and "Save slice as .npy…" (a save dialog outside the dataset)', async () => {
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'MRNet-v1.0/train/axial/0000.npy', /^0000( · axial|\.npy)/);
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: '0000.npy' }).isVisible());
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    await slider.waitFor();
    await slider.fill('7');
    await (await toolbarControl(frame, 'button', 'Copy NumPy expression')).click();
    await page.getByText('Copied: np.load("MRNet-v1.0/train/axial/0000.npy")[7]').first().waitFor();
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      'np.load("MRNet-v1.0/train/axial/0000.npy")[7]',
    );

    await (await toolbarControl(frame, 'button', 'Save slice as .npy…')).click();
    // code-server's save dialog is a quick input holding the path it proposes.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() =>
      /0000_slice7\.npy$/.test(
        document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '',
      ),
    );
    const proposed = await input.inputValue();
    assert.equal(proposed, join(workbench.workspace, '0000_slice7.npy'), 'the workspace folder, not the dataset');
    const target = join(workbench.workspace, 'exports-0000_slice7.npy');
    await input.fill(target);
    await input.press('Enter');
    for (const deadline = Date.now() + 20_000; !existsSync(target) && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const saved = new Uint8Array(readFileSync(target));
    const savedHeader = parseNpyHeader(saved, saved.length);
    assert.deepEqual(savedHeader.shape, [256, 256]);
    const bytes = new Uint8Array(readFileSync(dataset('train', 'axial', '0000.npy')));
    const header = parseNpyHeader(bytes, bytes.length);
    assert.deepEqual(
      saved.subarray(savedHeader.dataOffset),
      bytes.subarray(header.dataOffset + 7 * 65536, header.dataOffset + 8 * 65536),
    );

    // "Add overlay…": the open dialog (a quick input here), a file of the workspace, drawn and remembered for this file.
    // The file has a name of its own, so that its row in the dialog shows the dialog took the path typed.
    copyFileSync(
      dataset('overlays', 'cam', 'train', 'axial', '0000.npy'),
      join(workbench.workspace, 'cam-0000-axial.npy'),
    );
    await (await toolbarControl(frame, 'button', 'Add overlay…')).click();
    await pickInOpenDialog(page, 'Add an overlay', join(workbench.workspace, 'cam-0000-axial.npy'));
    const checkbox = frame
      .getByRole('region', { name: 'Slices' })
      .getByRole('checkbox', { name: 'cam-0000-axial overlay' });
    await checkbox.waitFor();
    assert.equal(await checkbox.isChecked(), true);
    await closeAllEditors(page);
    await quickPick(page, 'Control+P', 'MRNet-v1.0/train/axial/0000.npy', /^0000( · axial|\.npy)/);
    const reopened = await webviewFrame(page, (f) => f.getByRole('heading', { name: '0000.npy' }).isVisible());
    await reopened
      .getByRole('region', { name: 'Slices' })
      .getByRole('checkbox', { name: 'cam-0000-axial overlay' })
      .waitFor();
    await closeAllEditors(page);
  });
});
