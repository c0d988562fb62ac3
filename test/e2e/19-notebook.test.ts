import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Frame, Page } from 'playwright-core';
import { closeAllEditors, quickPick, runCommand, webviewFrame } from '../../scripts/support/workbenchDriver';
import { planesSettled as settled, readoutAt, showsCase } from '../support/outputChecks';
import { screenshotOnFailure, sharedWorkbench } from './session';
import { SCREENSHOTS } from './workbench';

/**
 * notebooks/article.ipynb (test/fixtures/make_notebook_fixtures.py): the article's flow, its
 * outputs written by mrnet_viewer, opened with no kernel. Values follow from indices: volume
 * (6, 40, 50) int16 = flat index % 3000 − 1000; each case's plane [s, row, col] = (offset + 7s
 * + row + 2col) % 256, offsets 0/50/100 for cases 0000/0001/0002 (+1 coronal, +2 sagittal); loss[i] = i / 8.
 */
describe('In a real VS Code: the notebook outputs of mrnet_viewer', function () {
  this.timeout(180_000);
  let page: Page;
  const notebookFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith('mrnet-viewer-notebook-'));
  before(async () => {
    ({ page } = await sharedWorkbench());
    await closeAllEditors(page);
    // The panel an earlier file left open (the debug console) would leave the notebook too short for an output.
    if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    await quickPick(page, 'Control+P', 'notebooks/article.ipynb', /^article\.ipynb/);
  });
  afterEach(screenshotOnFailure(() => page));

  /**
   * The page of the output titled `title`, scrolled into view, once `probe` finds what is
   * expected in it. The notebook draws the outputs of the cells in view only, and a frame out of
   * view is not painted: the notebook is scrolled (the wheel over its left margin, not over an
   * output) until the output's frame is drawn and lies within the editor.
   */
  const outputPage = async (title: string, probe: (f: Frame) => Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    const editor = page.locator('.notebookOverlay');
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the output ${title} did not show what was expected`);
      const view = await editor.boundingBox();
      if (!view) continue;
      let frame: Frame | undefined;
      for (const f of page.frames())
        if (f.url() === 'about:srcdoc' && !f.isDetached())
          if ((await (await f.frameElement()).getAttribute('title').catch(() => null)) === `${title} (MRNet Viewer)`)
            frame = f;
      const box = await (await frame?.frameElement())?.boundingBox();
      // Its bar above it clear of the notebook's toolbar; its bottom on screen, or its top just under the toolbar if it is taller than the editor.
      const inView =
        box && box.y >= view.y + 80 && (box.y + box.height <= view.y + view.height || box.y <= view.y + 120);
      if (frame && inView && (await probe(frame).catch(() => false))) return frame;
      if (inView) continue;
      await page.mouse.move(view.x + 8, view.y + view.height / 2);
      // Not drawn yet: on down the notebook; drawn: as far as puts its bar (above it) below the editor's toolbar.
      await page.mouse.wheel(0, box ? box.y - view.y - 100 : 300);
    }
  };
  const showsArray = async (f: Frame) =>
    (await f.locator('[data-field="shape"] dd').filter({ hasText: '(6, 40, 50)' }).count()) > 0 &&
    (await f.getByRole('slider', { name: 'Slice', exact: true }).isVisible());
  /** A panel's page (not a notebook output's) in which `probe` finds what is expected. */
  const panelPage = (probe: (f: Frame) => Promise<boolean>) =>
    webviewFrame(page, async (f) => f.url() !== 'about:srcdoc' && (await probe(f)));
  /**
   * Clicks "Open in MRNet Viewer" of the output titled `title`, brought into view. Clicked where
   * it is: Playwright's own scrolling into view would scroll the notebook's webview frame, which
   * VS Code positions itself, and put the button under the notebook's toolbar.
   */
  const clickOpen = async (title: string, probe: (f: Frame) => Promise<boolean>) => {
    await outputPage(title, probe);
    const group = `${title} (MRNet Viewer output)`;
    const notebook = await webviewFrame(
      page,
      async (f) => (await f.getByRole('group', { name: group, exact: true }).count()) > 0,
    );
    const box = await notebook
      .getByRole('group', { name: group, exact: true })
      .getByRole('button', { name: 'Open in MRNet Viewer' })
      .boundingBox();
    assert.ok(box, `the button of ${title} is drawn`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };
  /** The fixture's cases: 5, 7 and 9 slices. */
  const planesSettled = (frame: Frame) => settled(frame, { Axial: 5, Coronal: 7, Sagittal: 9 });

  it('an array output shows the .npy viewer: its shape, dtype, middle slice and values, in the theme of the notebook', async () => {
    const frame = await outputPage('volume', showsArray);
    assert.equal(await frame.locator('[data-field="dtype"] dd').textContent(), 'int16');
    const slider = frame.getByRole('slider', { name: 'Slice', exact: true });
    assert.equal(await slider.getAttribute('max'), '5');
    assert.equal(await slider.inputValue(), '2');
    await frame.getByRole('checkbox', { name: 'Show values' }).check();
    const cell = (index: string) =>
      frame.getByRole('grid', { name: 'Values of the slice' }).getByRole('gridcell', { name: index, exact: true });
    // [2, 3, 4]: flat index 2·2000 + 3·50 + 4 = 4154 → 4154 % 3000 − 1000.
    assert.equal(await cell('[2, 3, 4]').innerText(), '154');
    await slider.fill('5');
    assert.equal(await cell('[5, 0, 0]').innerText(), String(((5 * 2000) % 3000) - 1000));
    // What needs the extension (export, overlays from files) is not offered in an output.
    assert.equal(await frame.getByRole('button', { name: /^Export Slice as CSV/ }).isVisible(), false);
    assert.ok(
      await frame.evaluate(() => [...document.body.classList].some((c) => c.startsWith('vscode-'))),
      "the page takes the notebook's theme",
    );
  });

  it("a {plane: array} output shows the three planes at their middle slices, each value, and the sagittal plane's CAM", async () => {
    const frame = await outputPage('0000', showsCase('0000'));
    await planesSettled(frame);
    // Axial [2, 5, 10] of case 0000: 14 + 5 + 20.
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 39\b/);
    const sagittal = frame.getByRole('region', { name: 'Sagittal plane', exact: true });
    assert.equal(await sagittal.getByRole('checkbox', { name: 'CAM overlay' }).isChecked(), true);
    assert.equal(await frame.getByRole('region', { name: 'Axial plane' }).getByRole('checkbox').count(), 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'notebook-case.png') });
  });

  it("the cases output walks with Next over the dict's cases, with their label badges and probabilities", async () => {
    let frame = await outputPage('cases', showsCase('0000'));
    await planesSettled(frame);
    const badge = (task: string) => frame.locator(`.badge[data-task="${task}"]`);
    for (const [task, value] of [
      ['acl', '1'],
      ['meniscus', '0'],
      ['abnormal', '1'],
    ])
      assert.equal(await badge(task).getAttribute('data-value'), value, task);
    assert.match((await badge('acl').textContent()) ?? '', /p=0\.91/);
    await frame.getByRole('button', { name: 'Next case' }).click();
    frame = await outputPage('cases', showsCase('0001'));
    await planesSettled(frame);
    assert.equal(await badge('acl').getAttribute('data-value'), '0');
    assert.match((await badge('acl').textContent()) ?? '', /p=0\.12/);
    // Axial [2, 5, 10] of case 0001: 50 + 14 + 5 + 20.
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 89\b/);
    // Painted first from its middle slice alone, the plane then got every other slice: [0, 5, 10] is 50 + 5 + 20.
    const slider = frame.getByRole('slider', { name: 'Axial slice' });
    await slider.focus();
    await slider.press('Home');
    await frame.locator('[aria-label="Axial plane"][data-painted-slice="0"]').waitFor();
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 75\b/);
  });

  it("a 1-D array's output draws its line plot with the charts bundle, and its values", async () => {
    const plot = (f: Frame) => f.getByRole('img', { name: 'Line plot' });
    const frame = await outputPage('loss', async (f) => (await plot(f).locator('path').count()) > 0);
    assert.equal(await frame.getByRole('alert').count(), 0);
    // loss[i] = i / 8.
    const grid = frame.getByRole('grid', { name: 'Values of the slice' });
    assert.equal(await grid.getByRole('gridcell', { name: '[10]', exact: true }).innerText(), '1.25');
  });

  it('a live output saved from a kernel shows the case it embeds, and says the others stay in the kernel', async () => {
    const frame = await outputPage('live cases', showsCase('0000'));
    await planesSettled(frame);
    const group = 'live cases (MRNet Viewer output)';
    const notebook = await webviewFrame(page, async (f) => (await f.getByRole('group', { name: group }).count()) > 0);
    assert.match(
      (await notebook.getByRole('group', { name: group }).locator('[data-role="note"]').textContent()) ?? '',
      /^the first of 3 cases, embedded: the others are in the kernel that ran the cell, shown live in JupyterLab$/,
    );
  });

  it('"Open in MRNet Viewer" opens an output in an editor panel, at the case it shows; the files go with the panel', async () => {
    const before = notebookFolders().length;
    await clickOpen('cases', showsCase('0001'));
    await page.getByRole('tab', { name: /^Case 0001 · cases · article\.ipynb/ }).waitFor();
    let frame = await panelPage(showsCase('0001'));
    await planesSettled(frame);
    assert.equal(await frame.locator('.badge[data-task="acl"]').getAttribute('data-value'), '0');
    await frame.getByRole('button', { name: 'Next case' }).click();
    frame = await panelPage(showsCase('0002'));
    await planesSettled(frame);
    assert.equal(await frame.locator('.badge[data-task="meniscus"]').getAttribute('data-value'), '1');
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 139\b/);

    await page.getByRole('tab', { name: /^article\.ipynb/ }).click();
    await clickOpen('volume', showsArray);
    await page.getByRole('tab', { name: /^volume · article\.ipynb/ }).waitFor();
    const array = await panelPage(showsArray);
    assert.equal(await array.locator('[data-field="dtype"] dd').textContent(), 'int16');
    // The panel has what the output has not: export.
    assert.equal(await array.getByRole('button', { name: /^Export Slice as CSV/ }).count(), 1);
    assert.equal(notebookFolders().length, before + 2, 'each panel has its temporary folder');
    await page.screenshot({ path: join(SCREENSHOTS, 'notebook-open.png') });
    await closeAllEditors(page);
    const deadline = Date.now() + 10_000;
    while (notebookFolders().length > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(notebookFolders().length, before, 'no temporary folder is left');
  });
});
