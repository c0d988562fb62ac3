import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { pixelOf, planeCanvas } from '../support/canvas';
import { Workbench } from './workbench';
import {
  closeAllEditors,
  pickFromQuickPick,
  runCommand,
  webviewFrame,
  workbenchRestored,
} from '../../scripts/support/workbenchDriver';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: A dataset with every quirk', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it("in a dataset with every quirk, a case with a truncated plane file shows that pane's error and the other planes, read slice by slice", async () => {
    // The extension-host suite (another window) added the broken dataset to this workspace's
    // settings; a reloaded window reads them afresh. A threshold of 0.5 MB has the case viewer
    // read these plane files (over 1 MB) slice by slice, as it reads a 2 GiB one.
    const settingsFile = join(workbench.workspace, '.vscode', 'settings.json');
    const settings = existsSync(settingsFile)
      ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)
      : {};
    mkdirSync(dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'mrnet.largeFileThresholdMB': 0.5 }));
    await page.reload();
    await workbenchRestored(page);
    await runCommand(page, 'MRNet: Open Case');
    // "broken-dataset" matches the dataset of its 13 cases.
    await pickFromQuickPick(page, /^Type a case id/, 'broken-dataset 0005', /^0005.*broken-dataset/);
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('region', { name: 'Sagittal plane' }).getByRole('alert').isVisible(),
    );
    assert.match(
      (await frame.getByRole('region', { name: 'Sagittal plane' }).getByRole('alert').textContent())!,
      /^Cannot show 0005\.npy: the header is truncated/,
    );
    assert.equal(await frame.getByRole('slider', { name: 'Coronal slice' }).isVisible(), true);
    // Slice 0 of the axial file is not among those sent first: the host reads it when shown.
    const axial = frame.getByRole('region', { name: 'Axial plane' });
    await axial.getByRole('slider', { name: 'Axial slice' }).fill('0');
    const bytes = new Uint8Array(
      readFileSync(join(`${workbench.workspace}-broken-dataset`, 'train', 'axial', '0005.npy')),
    );
    const header = parseNpyHeader(bytes, bytes.length);
    const [, h, w] = header.shape;
    const { position } = await pixelOf(frame, 'Axial plane', 100, 120, { width: w, height: h });
    await planeCanvas(frame, 'Axial plane').hover({ position });
    const readout = axial.locator('[data-role="readout"]', { hasText: /value \d/ });
    await readout.waitFor();
    const [, x, y] = /^x (\d+) {2}y (\d+)\nvalue \S+\nat \[0,/.exec((await readout.textContent())!)!.map(Number);
    // The sample's CAM is drawn over it too: its line follows.
    assert.match(
      (await readout.textContent())!,
      new RegExp(
        `^x ${x}  y ${y}\\nvalue ${bytes[header.dataOffset + y * w + x]}\\nat \\[0, ${y}, ${x}\\]\\ncam \\S+$`,
      ),
    );
    await closeAllEditors(page);
  });
});
