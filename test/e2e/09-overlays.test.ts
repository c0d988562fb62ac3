import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { planeCanvas } from '../support/canvas';
import { SCREENSHOTS } from './workbench';
import { pickFromQuickPick, runCommand, webviewFrame } from '../../scripts/support/workbenchDriver';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Overlays', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it("the sample's CAMs (overlays/cam/…) show on every plane of a case, blended in JET, their value in the readout", async () => {
    await runCommand(page, 'MRNet: Open Case');
    await pickFromQuickPick(page, /^Type a case id/, '0003', /^0003/);
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0003' }).isVisible());
    for (const plane of ['Coronal', 'Sagittal', 'Axial']) {
      const region = frame.getByRole('region', { name: `${plane} plane`, exact: true });
      const checkbox = region.getByRole('checkbox', { name: 'cam overlay' });
      await checkbox.waitFor();
      assert.equal(await checkbox.isChecked(), true, plane);
      assert.equal(await region.getByRole('combobox', { name: 'cam colour map' }).inputValue(), 'jet');
      await planeCanvas(frame, `${plane} plane`).hover();
      await region.locator('[data-role="readout"]', { hasText: /\ncam \d/ }).waitFor();
      // Hiding the overlay changes the picture: it was drawn.
      const pixels = () =>
        planeCanvas(frame, `${plane} plane`).evaluate((c: HTMLCanvasElement) =>
          Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join(),
        );
      const shown = await pixels();
      await checkbox.uncheck();
      assert.notEqual(await pixels(), shown, plane);
      await checkbox.check();
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'overlays.png') });
  });
});
