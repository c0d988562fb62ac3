import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/support/browser';
import {
  JupyterLab,
  kernelPrints,
  openNotebook,
  outputFrame,
  runAllCells,
  startJupyterLab,
  writeNotebook,
} from '../../scripts/support/jupyterLab';
import { planesSettled, readoutAt, showsCase } from '../support/outputChecks';
import { SCREENSHOTS } from './workbench';

/**
 * The article's flow with a kernel: 200 cases, shown live, plane[s, row, col] = (5i + offset +
 * 7s + row + 2col) % 256; and a volume shown live, volume[s, row, col] = 1000s + 10row + col/10.
 */
const LIVE_CELLS = [
  `import numpy as np
import mrnet_viewer

def plane(i, slices, offset):
    s, row, col = np.indices((slices, 64, 64))
    return ((5 * i + offset + 7 * s + row + 2 * col) % 256).astype(np.uint8)

cases = {f"{i:04d}": {"coronal": plane(i, 20, 1), "sagittal": plane(i, 24, 2), "axial": plane(i, 22, 0)} for i in range(200)}
labels = {case_id: {"acl": i % 2, "meniscus": 0, "abnormal": 1} for i, case_id in enumerate(cases)}`,
  'output = mrnet_viewer.embed(cases, labels=labels, live=True)\noutput',
  `s, row, col = np.indices((40, 96, 96))
volume = (1000 * s + 10 * row + col / 10).astype(np.float32)  # 1.5 MB: live asked for
volume_output = mrnet_viewer.embed(volume, title="volume", live=True)
volume_output`,
];

/**
 * JupyterLab (the pinned 4.6, a real server and ipykernel, headless Chromium) with python/
 * installed by pip as users install it: its prebuilt extension draws mrnet_viewer's outputs, a
 * notebook saved with them (the VS Code suite's article.ipynb) and a live output over 200 cases.
 */
describe('In JupyterLab: the outputs of mrnet_viewer, embedded and live', function () {
  this.timeout(300_000);
  let root: string;
  let lab: JupyterLab;
  let browser: Browser;
  let page: Page;
  let livePanel: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'mrnet-viewer-notebooks-'));
    copyFileSync(join(__dirname, '..', 'fixtures', 'notebooks', 'article.ipynb'), join(root, 'article.ipynb'));
    writeNotebook(join(root, 'live.ipynb'), LIVE_CELLS);
    [lab, browser] = await Promise.all([startJupyterLab(root), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  });
  after(async () => {
    await browser?.close();
    await lab?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a notebook saved with outputs, opened with no cell run, shows its cases with their badges, and Next', async () => {
    const panel = await openNotebook(page, lab, 'article.ipynb');
    let frame = await outputFrame(page, panel, 'cases', showsCase('0000'));
    await planesSettled(frame, { Axial: 5, Coronal: 7, Sagittal: 9 });
    assert.equal(await frame.locator('.badge[data-task="acl"]').getAttribute('data-value'), '1');
    await frame.getByRole('button', { name: 'Next case' }).click();
    frame = await outputFrame(page, panel, 'cases', showsCase('0001'));
    await planesSettled(frame, { Axial: 5, Coronal: 7, Sagittal: 9 });
    assert.equal(await frame.locator('.badge[data-task="acl"]').getAttribute('data-value'), '0');
    // Axial [2, 5, 10] of case 0001 (19-notebook.test.ts): 50 + 14 + 5 + 20.
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 89\b/);
    assert.ok(
      await frame.evaluate(() => document.body.classList.contains('vscode-light')),
      "the page takes JupyterLab's (light) theme",
    );
  });

  it('a live output whose kernel has gone shows the case it embeds, and says why the others cannot be had', async () => {
    const panel = await openNotebook(page, lab, 'article.ipynb');
    let frame = await outputFrame(page, panel, 'live cases', showsCase('0000'));
    await planesSettled(frame, { Axial: 5, Coronal: 7, Sagittal: 9 });
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 39\b/);
    await frame.getByRole('button', { name: 'Next case' }).click();
    frame = await outputFrame(page, panel, 'live cases', async (f) => (await f.getByRole('alert').count()) > 0);
    assert.match(
      (await frame.getByRole('alert').first().textContent()) ?? '',
      /case 0001 cannot be had from the kernel: the kernel that held them has gone/,
    );
  });

  it('show(cases) over 200 cases with a running kernel: the kernel sends each case shown, and no other', async () => {
    const panel = (livePanel = await openNotebook(page, lab, 'live.ipynb'));
    await runAllCells(page);
    let frame = await outputFrame(page, panel, 'cases', showsCase('0000'));
    const slices = { Coronal: 20, Sagittal: 24, Axial: 22 };
    await planesSettled(frame, slices);
    // Axial [10, 5, 10] of case 0000: 70 + 5 + 20.
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 95\b/);
    assert.equal(await frame.getByRole('list', { name: 'Labels' }).locator('.badge').count(), 3);
    await frame.getByRole('button', { name: 'Next case' }).click();
    frame = await outputFrame(page, panel, 'cases', showsCase('0001'));
    await planesSettled(frame, slices);
    assert.equal(await frame.locator('.badge[data-task="acl"]').getAttribute('data-value'), '1');
    assert.match((await readoutAt(frame, 'Axial plane', 10, 5)) ?? '', /value 100\b/);
    await page.screenshot({ path: join(SCREENSHOTS, 'jupyterlab-live.png') });
    assert.equal(await kernelPrints(page, 'print(output.live.fetched)'), "['0000', '0001']\n");
  });

  it('a volume shown live: the kernel sends its middle slice, a sample for the statistics, and then each slice shown', async () => {
    // The notebook the cases test ran (unsaved: opened again, it would have no outputs).
    const panel = livePanel;
    const slider = (f: Frame) => f.getByRole('slider', { name: 'Slice', exact: true });
    const frame = await outputFrame(page, panel, 'volume', async (f) => (await slider(f).getAttribute('max')) === '39');
    assert.equal(await slider(frame).inputValue(), '19');
    await frame.locator('[aria-label="Slices"][aria-busy="false"]').waitFor();
    assert.match((await readoutAt(frame, 'Slices', 5, 2, 96)) ?? '', /value 19020\.5\b/);
    await slider(frame).fill('30');
    await frame.locator('[aria-label="Slices"][aria-busy="false"][data-painted-slice="30"]').waitFor();
    assert.match((await readoutAt(frame, 'Slices', 5, 2, 96)) ?? '', /value 30020\.5\b/);
    // The middle slice, the statistics' sample (8 spread over 40, and the middle), slice 30, and
    // the slice the page reads ahead of each shown: never the whole.
    const fetched = new Set(JSON.parse(await kernelPrints(page, 'print(volume_output.live.fetched)')) as number[]);
    for (const index of [0, 6, 11, 17, 19, 22, 28, 30, 33, 39])
      assert.ok(fetched.has(index), `slice ${index} was sent`);
    const readAhead = [...fetched].filter((i) => ![0, 6, 11, 17, 19, 22, 28, 30, 33, 39].includes(i));
    assert.ok(
      readAhead.every((i) => [18, 20, 29, 31].includes(i)),
      `only neighbours of those shown: ${readAhead.join(', ')}`,
    );
  });
});
