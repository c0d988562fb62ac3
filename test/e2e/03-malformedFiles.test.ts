import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { closeAllEditors, explorerOpen, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Malformed files', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('a malformed .npy shows its error in an alert; a valid file opened next works', async () => {
    await explorerOpen(page, 'broken', 'truncated.npy');
    const frame = await webviewFrame(page, (f) => f.getByRole('alert').isVisible());
    assert.equal(
      await frame.getByRole('alert').textContent(),
      'Cannot show truncated.npy: the file holds 20 bytes of data, expected 24 for shape (2, 3) of float32 (the file is truncated)',
    );
    await explorerOpen(page, 'broken', 'valid_f4.npy');
    const valid = await webviewFrame(page, (f) =>
      f.locator('[data-field="dtype"] dd', { hasText: 'float32 (big-endian)' }).isVisible(),
    );
    assert.equal(await valid.getByRole('slider', { name: 'Slice', exact: true }).getAttribute('max'), '2');
    // The first test picked "Full range" in a .npy editor: the workspace remembers it for .npy files.
    assert.equal(
      await valid.getByRole('button', { name: 'Contrast: full range' }).getAttribute('aria-pressed'),
      'true',
    );
    // The editor shows the volume's histogram with the window on it, and the zoom.
    await valid
      .getByRole('group', { name: 'Histogram' })
      .getByRole('img', { name: 'Histogram of the volume' })
      .waitFor();
    assert.match((await valid.locator('[data-role="zoom"]').textContent())!, /^Zoom \d+\.\d\d×$/);
  });

  it('every file of the malformed corpus opens to an alert naming the file and the problem', async function () {
    this.timeout(600_000);
    const expected = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'npy', 'malformed', 'expected.json'), 'utf8'),
    ) as Record<string, string>;
    for (const [name, fragment] of Object.entries(expected)) {
      await closeAllEditors(page);
      await quickPick(page, 'Control+P', `malformed/${name}`, new RegExp(`^${name.replace('.', '\\.')}`));
      const frame = await webviewFrame(page, (f) =>
        f
          .getByRole('alert')
          .filter({ hasText: `Cannot show ${name}: ` })
          .isVisible(),
      );
      const text = (await frame.getByRole('alert').textContent())!;
      assert.ok(text.includes(fragment), `${name}: "${text}" lacks "${fragment}"`);
    }
    await closeAllEditors(page);
  });
});
