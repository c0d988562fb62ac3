import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { SCREENSHOTS } from './workbench';
import { closeAllEditors, runCommand, showCasesView, webviewFrame } from '../../scripts/support/workbenchDriver';
import { dataset, labels, screenshotOnFailure, sharedWorkbench, sliceCount } from './session';

describe('In a real VS Code: The dataset overview', function () {
  this.timeout(180_000);
  let page: Page;
  before(async () => ({ page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('the dataset overview: open it from the dataset row, read the slice counts per plane, click a bin and walk its cases', async () => {
    await closeAllEditors(page);
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    const row = view.getByRole('treeitem', { name: /^Dataset MRNet-v1\.0, / });
    await row.hover();
    await row.getByRole('button', { name: 'Dataset Overview' }).click();
    const frame = await webviewFrame(page, (f) =>
      f.getByRole('img', { name: /^Sagittal, train: slice counts/ }).isVisible(),
    );
    // Each plane's numbers are those of the files' headers.
    const ids = [...labels('train', 'acl').keys()];
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const counts = ids.map((id) => sliceCount(dataset('train', plane, `${id}.npy`))).sort((a, b) => a - b);
      const median =
        counts.length % 2
          ? counts[counts.length >> 1]
          : (counts[counts.length / 2 - 1] + counts[counts.length / 2]) / 2;
      const tr = frame.locator(
        `table[aria-label="Slice counts per plane"] tr[data-split="train"][data-plane="${plane}"]`,
      );
      assert.deepEqual(
        await Promise.all(
          ['data-cases', 'data-min-slices', 'data-median-slices', 'data-max-slices'].map((a) => tr.getAttribute(a)),
        ),
        [counts.length, counts[0], median, counts.at(-1)].map(String),
      );
    }
    assert.equal(
      await frame
        .locator('table[aria-label="Labels per split"] tr[data-split="train"][data-task="acl"]')
        .getAttribute('data-positive'),
      String([...labels('train', 'acl').values()].filter((v) => v === '1').length),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'dataset-overview.png') });
    // Intensities on request: each volume's mean, as its bytes give it.
    await frame.getByRole('button', { name: /^Read the intensities of 36 files \(/ }).click();
    const meanRow = frame.locator(
      'table[aria-label="Intensities per plane"] tr[data-split="valid"][data-plane="axial"][data-statistic="mean"]',
    );
    await meanRow.waitFor();
    const means = [...labels('valid', 'acl').keys()]
      .map((id) => {
        const bytes = new Uint8Array(readFileSync(dataset('valid', 'axial', `${id}.npy`)));
        const header = parseNpyHeader(bytes, bytes.length);
        return bytes.subarray(header.dataOffset).reduce((sum, v) => sum + v, 0) / header.count;
      })
      .sort((a, b) => a - b);
    assert.equal(Number(await meanRow.getAttribute('data-median')), (means[1] + means[2]) / 2);
    // The fullest sagittal bin of train: the tree shows exactly its cases, and Next walks them.
    const bars = frame.locator('rect[role="button"][data-plane="sagittal"][data-split="train"][data-low]');
    const sizes = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
    const bar = bars.nth(sizes.indexOf(Math.max(...sizes)));
    const [low, high] = await Promise.all(
      ['data-low', 'data-high'].map(async (a) => Number(await bar.getAttribute(a))),
    );
    const inBin = ids.filter((id) => {
      const n = sliceCount(dataset('train', 'sagittal', `${id}.npy`));
      return n >= low && n <= high;
    });
    await bar.click();
    await view
      .getByRole('treeitem', { name: new RegExp(`^train ${inBin.length} of ${ids.length} cases match`) })
      .waitFor();
    const range = low === high ? `${low}` : `${low}–${high}`;
    await view
      .getByRole('treeitem', { name: new RegExp(`^Dataset MRNet-v1\\.0, filter: sagittal: ${range} slices in train/`) })
      .waitFor();
    assert.deepEqual(
      await view
        .getByRole('treeitem', { name: /^Case \d+,/ })
        .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')!.match(/^Case (\d+),/)![1])),
      inBin,
    );
    // The click in the overview ends by focusing the Cases view: a click on a row before that is taken by the focus change.
    await view.locator('.monaco-list:focus-within').waitFor();
    await view.getByRole('treeitem', { name: new RegExp(`^Case ${inBin[0]},`) }).click();
    const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${inBin[0]}` }).isVisible());
    if (inBin.length > 1) {
      await viewer.getByRole('button', { name: 'Next case' }).click();
      await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${inBin[1]}` }).isVisible());
    }
    await runCommand(page, 'MRNet: Clear Filter');
    await view.getByRole('treeitem', { name: /^train \d+ cases/ }).waitFor();
    await closeAllEditors(page);
  });
});
