import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dump } from 'npyjs';
import { Frame, Page } from 'playwright-core';
import { planeCanvas } from '../support/canvas';
import { SCREENSHOTS, Workbench } from './workbench';
import { closeAllEditors, showCasesView, webviewFrame } from '../../scripts/support/workbenchDriver';
import { toolbarControl } from '../support/toolbar';
import { dataset, labels, expectedDescription, sliceCount, screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: The Cases tree and the case viewer', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('the MRNet view lists splits with counts and prevalences, and cases with their CSV labels', async () => {
    await closeAllEditors(page);
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    await view.getByRole('treeitem', { name: /^train / }).waitFor();
    for (const split of ['train', 'valid']) {
      const acl = labels(split, 'acl');
      const share = (task: string) => {
        const l = [...labels(split, task).values()];
        return `${((100 * l.filter((v) => v === '1').length) / l.length).toFixed(1)}%`;
      };
      const row = view.getByRole('treeitem', { name: new RegExp(`^${split} `) });
      assert.equal(
        await row.getAttribute('aria-label'),
        `${split} ${acl.size} cases · ACL ${share('acl')} · meniscus ${share('meniscus')} · abnormal ${share('abnormal')}`,
      );
      for (const id of acl.keys()) {
        assert.equal(
          await view.getByRole('treeitem', { name: new RegExp(`^Case ${id},`) }).getAttribute('aria-label'),
          `Case ${id}, ${expectedDescription(split, id)}`,
        );
      }
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'cases-tree.png') });
  });

  it('a click on a case opens the three planes at their middle slices with its badges; "Next" walks on', async () => {
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    await view.getByRole('treeitem', { name: /^Case 0003,/ }).click();
    const frame = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0003' }).isVisible());
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const n = sliceCount(dataset('train', plane, '0003.npy'));
      const slider = frame.getByRole('slider', { name: `${plane[0].toUpperCase()}${plane.slice(1)} slice` });
      assert.equal(await slider.getAttribute('max'), String(n - 1));
      assert.equal(await slider.inputValue(), String(Math.floor((n - 1) / 2)), plane);
    }
    for (const task of ['acl', 'meniscus', 'abnormal']) {
      assert.equal(
        await frame.locator(`.badge[data-task="${task}"]`).getAttribute('data-value'),
        labels('train', task).get('0003'),
        task,
      );
    }
    // Once every slice has arrived (sent middle first, then the rest), the planes are where they opened.
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      await frame.locator(`[aria-label="${plane} plane"][aria-busy="false"]`).waitFor();
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const n = sliceCount(dataset('train', plane, '0003.npy'));
      assert.equal(
        await frame.getByRole('slider', { name: `${plane[0].toUpperCase()}${plane.slice(1)} slice` }).inputValue(),
        String(Math.floor((n - 1) / 2)),
        `${plane}, settled`,
      );
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'case-viewer.png') });
    await viewportChecks(frame, 'train', '0003');
    // The neighbours are read ahead and held by the page (at most two); Next shows the one held.
    const holds = (...ids: string[]) =>
      frame.waitForFunction((ids) => {
        const held = (document.body.dataset.heldCases ?? '').split(' ').filter(Boolean);
        return held.length === ids.length && ids.every((id) => held.some((key) => key.endsWith(`#train/${id}`)));
      }, ids);
    await holds('0002', '0004');
    await frame.getByRole('button', { name: 'Next case' }).click();
    await frame.getByRole('heading', { name: 'Case 0004' }).waitFor();
    // The page shows it at once; the host follows with the tab's title.
    await page.getByRole('tab', { name: /Case 0004/ }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /Case/ }).count(), 1);
    const axialMax = (id: string) => String(sliceCount(dataset('train', 'axial', `${id}.npy`)) - 1);
    assert.equal(await frame.getByRole('slider', { name: 'Axial slice' }).getAttribute('max'), axialMax('0004'));
    assert.equal(
      await frame.locator('.badge[data-task="acl"]').getAttribute('data-value'),
      labels('train', 'acl').get('0004'),
    );
    await holds('0003', '0005');
    // A held neighbour whose file changed meanwhile is read again, not shown stale.
    const file = dataset('train', 'axial', '0005.npy');
    const original = readFileSync(file);
    try {
      writeFileSync(file, new Uint8Array(dump(new Uint8Array(7 * 256 * 256), [7, 256, 256])));
      await frame.getByRole('button', { name: 'Next case' }).click();
      await frame.getByRole('heading', { name: 'Case 0005' }).waitFor();
      await frame.getByRole('slider', { name: 'Axial slice' }).and(frame.locator('[max="6"]')).waitFor();
    } finally {
      writeFileSync(file, original);
    }
  });

  /**
   * The viewport in the real VS Code: corner annotations on a dark surround, one toolbar on the
   * active plane, keys, link, a colour map from the setting mrnet.defaultColormap.
   */
  async function viewportChecks(frame: Frame, split: string, id: string): Promise<void> {
    const region = (plane: string) => frame.getByRole('region', { name: `${plane} plane`, exact: true });
    const corner = (plane: string, role: string) => region(plane).locator(`[data-role="${role}"]`);
    for (const plane of ['coronal', 'sagittal', 'axial']) {
      const n = sliceCount(dataset(split, plane, `${id}.npy`));
      const name = `${plane[0].toUpperCase()}${plane.slice(1)}`;
      assert.equal(await corner(name, 'slice-label').textContent(), `${name} ${Math.floor((n - 1) / 2)} / ${n}`);
      assert.equal(await corner(name, 'case').textContent(), `Case ${id}`);
      assert.match((await corner(name, 'window').textContent())!, /^W \S+ L \S+$/);
      assert.equal(
        await region(name)
          .locator('.viewport')
          .evaluate((e) => getComputedStyle(e).backgroundColor),
        'rgb(0, 0, 0)',
      );
    }
    assert.equal(await frame.getByRole('toolbar').count(), 1);
    const colourMap = frame.getByRole('combobox', { name: 'Colour map', exact: true });
    // Keys go to the plane clicked (and under the pointer), which the toolbar then shows.
    await planeCanvas(frame, 'Sagittal plane').click();
    await page.keyboard.press('m');
    await corner('Sagittal', 'colour-map').filter({ hasText: 'Inverted grey' }).waitFor();
    assert.equal(await colourMap.inputValue(), 'inverted-grey');
    assert.equal(await corner('Axial', 'colour-map').textContent(), 'Grey');
    await page.keyboard.press('m');
    await (await toolbarControl(frame, 'button', 'Link contrast, zoom and colour map across planes')).click();
    for (const plane of ['Coronal', 'Axial'])
      await corner(plane, 'colour-map').filter({ hasText: 'viridis' }).waitFor();
    await page.keyboard.press('l'); // unlinked again (the toolbar has the focus: keys still reach the viewer)
    await colourMap.selectOption('grey');
    for (const plane of ['Coronal', 'Axial']) assert.equal(await corner(plane, 'colour-map').textContent(), 'viridis');
    await planeCanvas(frame, 'Sagittal plane').click(); // the focus leaves the colour map's list
    await page.keyboard.press('b'); // the sagittal plane large, the other two beside it
    await frame.locator('[aria-label="Sagittal plane"][data-large]').waitFor();
    assert.equal(await frame.locator('.planes').getAttribute('data-layout'), 'large');
    await page.keyboard.press('h');
    await region('Sagittal').getByRole('group', { name: 'Histogram' }).waitFor();
    await page.keyboard.press('a');
    await corner('Axial', 'slice-label').waitFor({ state: 'hidden' });
    await page.keyboard.press('a');
    await corner('Axial', 'slice-label').waitFor();

    // The setting mrnet.defaultColormap (here in the workspace's settings): planes on the old default take the new one at once.
    const settings = join(workbench.workspace, '.vscode', 'settings.json');
    mkdirSync(dirname(settings), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'mrnet.defaultColormap': 'magma' }));
    try {
      await corner('Sagittal', 'colour-map').filter({ hasText: 'magma' }).waitFor();
      assert.equal(await corner('Axial', 'colour-map').textContent(), 'viridis', 'a map the user chose stays');
    } finally {
      writeFileSync(settings, '{}');
    }
    await corner('Sagittal', 'colour-map').filter({ hasText: 'Grey' }).waitFor();
  }
});
