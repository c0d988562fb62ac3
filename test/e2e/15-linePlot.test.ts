import * as assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { closeAllEditors, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { lineValueAt } from './workspace';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: 1-D arrays', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('a 1-D array: its line plot (the charts bundle, as packaged) and its values', async () => {
    await quickPick(page, 'Control+P', 'line/signal.npy', /^signal\.npy/);
    const frame = await webviewFrame(page, (f) => f.getByRole('img', { name: 'Line plot' }).isVisible());
    assert.equal(
      await frame
        .getByRole('alert')
        .filter({ hasText: /line plot/i })
        .count(),
      0,
    );
    assert.ok((await frame.getByRole('img', { name: 'Line plot' }).locator('path').count()) > 0, 'the line is drawn');
    const grid = frame.getByRole('grid', { name: 'Values of the slice' });
    assert.equal(Number(await grid.getByRole('gridcell', { name: '[10]', exact: true }).innerText()), lineValueAt(10));
    await closeAllEditors(page);
  });
});
