import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Workbench } from './workbench';
import { showCasesView } from '../../scripts/support/workbenchDriver';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: A folder without a dataset', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('a folder without a dataset: the MRNet view offers "Select Dataset Folder" and "Create Sample Dataset"', async () => {
    const other = await workbench.open('', join(workbench.workspace, 'broken'));
    try {
      await showCasesView(other);
      await other.getByText('No MRNet dataset found in this workspace.').waitFor();
      assert.equal(await other.getByRole('button', { name: 'Select Dataset Folder' }).count(), 1);
      assert.equal(await other.getByRole('button', { name: 'Create Sample Dataset' }).count(), 1);
    } finally {
      await other.close();
    }
  });
});
