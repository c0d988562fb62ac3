import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Frame, Page } from 'playwright-core';
import { SCREENSHOTS, Workbench } from './workbench';
import {
  closeAllEditors,
  focusWorkbench,
  runCommand,
  variableRow,
  viewInMrnetViewer,
  webviewFrame,
} from '../../scripts/support/workbenchDriver';
import { launchConfiguration } from '../../scripts/support/debugAdapter';
import { screenshotOnFailure, sharedWorkbench } from './session';

/**
 * The real debugpy (test/debugAdapter gives it the debug type debugpy) runs
 * test/fixtures/debug/train.py, which stops at breakpoint() holding what a training script
 * holds; each value opens from the Variables view's context menu.
 */
describe('In a real VS Code: arrays of a paused Python program (the real debugpy)', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let page: Page;
  const debugFolders = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('mrnet-viewer-debug-')));
  let foldersBefore: Set<string>;
  before(async () => {
    ({ workbench, page } = await sharedWorkbench());
    const folder = join(workbench.workspace, 'debug');
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(__dirname, '..', 'fixtures', 'debug', 'train.py'), join(folder, 'train.py'));
    mkdirSync(join(workbench.workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(workbench.workspace, '.vscode', 'launch.json'),
      launchConfiguration(join(folder, 'train.py'), workbench.python),
    );
    foldersBefore = debugFolders();
    await closeAllEditors(page);
    await runCommand(page, 'Debug: Start Debugging');
    await variableRow(page, 'volume').waitFor({ timeout: 60_000 });
  });
  afterEach(screenshotOnFailure(() => page));

  const viewVariable = async (name: string) => {
    await closeAllEditors(page);
    await viewInMrnetViewer(page, name);
  };
  const arrayFrame = (shape: string) =>
    webviewFrame(
      page,
      async (f) =>
        (await f.locator('[data-field="shape"] dd').filter({ hasText: shape }).count()) > 0 &&
        (await f.getByRole('slider', { name: 'Slice', exact: true }).isVisible()),
    );
  const cell = (frame: Frame, index: string) =>
    frame.getByRole('grid', { name: 'Values of the slice' }).getByRole('gridcell', { name: index, exact: true });
  const showValues = (frame: Frame) => frame.getByRole('checkbox', { name: 'Show values' }).check();

  it('a uint8 volume opens in the .npy viewer, titled by variable and frame, with its values and middle slice', async () => {
    await viewVariable('volume');
    const frame = await arrayFrame('(44, 256, 256)');
    assert.equal(await frame.locator('[data-field="dtype"] dd').textContent(), 'uint8');
    assert.equal(await frame.getByRole('slider', { name: 'Slice', exact: true }).inputValue(), '21');
    assert.equal(await page.getByRole('tab', { name: /^volume · train\.py:\d+/ }).count(), 1);
    await showValues(frame);
    // volume[k, y, x] = (3k + y + 2x) % 256
    assert.equal(await cell(frame, '[21, 2, 5]').innerText(), String((63 + 2 + 10) % 256));
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-volume.png') });
  });

  it('a float32 CAM, a Fortran-order big-endian array and a list of arrays (stacked) show exactly', async () => {
    await viewVariable('cam');
    let frame = await arrayFrame('(44, 7, 7)');
    assert.equal(await frame.locator('[data-field="dtype"] dd').textContent(), 'float32');
    await showValues(frame);
    // cam[21, 3, 4] = np.float32(1054 / 100), printed as NumPy prints it.
    assert.equal(await cell(frame, '[21, 3, 4]').innerText(), '10.54');

    await viewVariable('fortran');
    frame = await arrayFrame('(2, 3, 4)');
    assert.match((await frame.locator('[data-field="dtype"] dd').textContent()) ?? '', /float64/);
    await showValues(frame);
    assert.equal(Number(await cell(frame, '[0, 1, 2]').innerText()), 6);

    await viewVariable('batch');
    frame = await arrayFrame('(3, 8, 8)');
    await showValues(frame);
    assert.equal(await cell(frame, '[1, 4, 4]').innerText(), '1');
  });

  it('a bfloat16 torch tensor is shown as float32, and says so', async function () {
    await viewVariable('tensor');
    const frame = await arrayFrame('(5, 4, 4)');
    assert.equal(await frame.locator('[data-field="dtype"] dd').textContent(), 'float32');
    assert.equal(await frame.locator('[data-role="note"]').textContent(), 'bfloat16 shown as float32');
    await showValues(frame);
    assert.equal(Number(await cell(frame, '[2, 1, 3]').innerText()), 2 * 16 + 4 + 3);
  });

  it("the seed's cases dict opens in the case viewer, with Next over the dict's keys", async () => {
    await viewVariable('cases');
    const frame = await webviewFrame(page, (f) => f.getByRole('region', { name: 'Axial plane' }).isVisible());
    const header = frame.locator('[data-case-id]');
    await frame.locator('[data-case-id="0000"]').waitFor();
    for (const [plane, n] of [
      ['Coronal', 20],
      ['Sagittal', 22],
      ['Axial', 24],
    ] as const) {
      const slider = frame.getByRole('slider', { name: `${plane} slice` });
      assert.equal(await slider.getAttribute('max'), String(n - 1));
      assert.equal(await slider.inputValue(), String(Math.floor((n - 1) / 2)));
    }
    assert.equal(await page.getByRole('tab', { name: /^cases · train\.py:\d+/ }).count(), 1);
    await frame.getByRole('button', { name: 'Next case' }).click();
    await frame.locator('[data-case-id="0001"]').waitFor();
    assert.equal(await header.count(), 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'debugger-cases.png') });
  });

  it('Refresh after a step shows the new values; a variable deleted says so; the folders go with the session', async () => {
    await viewVariable('volume');
    let frame = await arrayFrame('(44, 256, 256)');
    await showValues(frame);
    const before = Number(await cell(frame, '[21, 2, 5]').innerText());
    // Step over `volume += 1` and `del cam`.
    await focusWorkbench(page);
    await runCommand(page, 'Debug: Step Over');
    await runCommand(page, 'Debug: Step Over');
    await page.getByRole('button', { name: /^Refresh \(read the expression again\)/ }).click();
    await page.getByRole('tab', { name: /^volume · train\.py:\d+/ }).waitFor();
    frame = await arrayFrame('(44, 256, 256)');
    await showValues(frame);
    await cell(frame, '[21, 2, 5]')
      .filter({ hasText: new RegExp(`^${before + 1}$`) })
      .waitFor();

    await closeAllEditors(page);
    await runCommand(page, 'MRNet: View Python Expression…');
    await page.keyboard.type('cam');
    await page.keyboard.press('Enter');
    const gone = await webviewFrame(page, (f) => f.getByRole('alert').isVisible());
    assert.match(
      (await gone.getByRole('alert').textContent()) ?? '',
      /cam: it does not exist in train\.py:\d+: NameError/,
    );

    assert.ok(debugFolders().size > foldersBefore.size, 'each open viewer has its folder');
    await runCommand(page, 'Debug: Stop');
    await page.waitForFunction(() => !document.querySelector('.debug-toolbar'), undefined, { timeout: 30_000 });
    const deadline = Date.now() + 10_000;
    while ([...debugFolders()].some((f) => !foldersBefore.has(f)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      [...debugFolders()].filter((f) => !foldersBefore.has(f)),
      [],
      'no temporary folder is left',
    );
    await closeAllEditors(page);
  });
});
