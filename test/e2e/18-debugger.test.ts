import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Frame, Page } from 'playwright-core';
import { SCREENSHOTS, Workbench } from './workbench';
import {
  closeAllEditors,
  runCommand,
  variableRow,
  workbenchRestored,
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
    // The default size from which arrays are read slice by slice (an earlier file lowered it), read afresh by a reloaded window.
    const settingsFile = join(workbench.workspace, '.vscode', 'settings.json');
    if (existsSync(settingsFile)) {
      const { 'mrnet.largeFileThresholdMB': _, ...rest } = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(settingsFile, JSON.stringify(rest));
      await page.reload();
      await workbenchRestored(page);
    }
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
  /**
   * Steps over one line, to the stop at `line` of train.py: once the Call Stack says so and the
   * debugger has brought train.py forward (as it does at each stop); then shows the viewer again.
   */
  const stepTo = async (line: number) => {
    // The debug toolbar's button, not the command palette: the keyboard may be in the viewer's frame.
    await page
      .locator('.debug-toolbar')
      .getByRole('button', { name: /^Step Over/ })
      .click();
    await page.locator('.debug-pane').getByText(`${line}:1`, { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: /^train\.py/, selected: true }).waitFor();
    await page.getByRole('tab', { name: /^volume · train\.py:\d+/ }).click();
  };
  const newFolders = () => [...debugFolders()].filter((f) => !foldersBefore.has(f));
  /** Stops the session, then waits until every viewer's folder is removed (the extension does it as the session ends). */
  const stopDebugging = async () => {
    await runCommand(page, 'Debug: Stop');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden' });
    const deadline = Date.now() + 10_000;
    while (newFolders().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };

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

  it('Refresh after a step shows the new values, and so does every stop once it follows them; a name deleted says so', async () => {
    await viewVariable('volume');
    let frame = await arrayFrame('(44, 256, 256)');
    await showValues(frame);
    const before = Number(await cell(frame, '[21, 2, 5]').innerText());
    const shows = async (value: number) => {
      frame = await arrayFrame('(44, 256, 256)');
      await showValues(frame);
      await cell(frame, '[21, 2, 5]')
        .filter({ hasText: new RegExp(`^${value}$`) })
        .waitFor();
    };
    // Step over the first `volume += 1`: the view waits for Refresh.
    await stepTo(30);
    await page.getByRole('button', { name: 'Refresh (read the expression again)' }).click();
    await shows(before + 1);
    const title = await page.getByRole('tab', { name: /^volume · train\.py:\d+/ }).textContent();
    // Followed: the next step is shown without a click, and the title names the new line.
    await page.getByRole('button', { name: 'Refresh on Every Stop' }).click();
    await page.getByRole('button', { name: 'Stop Refreshing on Every Stop' }).waitFor();
    await stepTo(31);
    await shows(before + 2);
    await page.getByRole('tab', { name: /^volume · train\.py:31/ }).waitFor();
    assert.notEqual(await page.getByRole('tab', { name: /^volume · train\.py:\d+/ }).textContent(), title);

    // Step over `del cam`: the name is gone, and the viewer says so.
    await stepTo(32);
    await closeAllEditors(page);
    await runCommand(page, 'MRNet: View Python Expression…');
    const input = page.getByPlaceholder("batch[0].cpu(), cam[..., 1], cases['0000']");
    await input.fill('cam');
    await input.press('Enter');
    const gone = await webviewFrame(page, (f) => f.getByRole('alert').isVisible());
    assert.match(
      (await gone.getByRole('alert').textContent()) ?? '',
      /cam: it does not exist in train\.py:\d+: NameError/,
    );
  });

  it('the temporary folders go with the session', async () => {
    assert.ok(newFolders().length > 0, 'each open viewer has its folder');
    await stopDebugging();
    assert.deepEqual(newFolders(), [], 'no temporary folder is left');
    await closeAllEditors(page);
  });

  it('through the debugger (a program on another machine): chunks, and above the limit a strided preview', async () => {
    // mrnet.debugger.transfer "debugger" fetches as for a remote program; a limit of 1 MB is below the volume's 2.9 MB.
    const settingsFile = join(workbench.workspace, '.vscode', 'settings.json');
    const settings = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as object) : {};
    writeFileSync(
      settingsFile,
      JSON.stringify({ ...settings, 'mrnet.debugger.transfer': 'debugger', 'mrnet.debugger.transferLimitMB': 1 }),
    );
    try {
      await page.reload();
      await workbenchRestored(page);
      await runCommand(page, 'Debug: Start Debugging');
      await variableRow(page, 'volume').waitFor({ timeout: 60_000 });
      await viewVariable('cam');
      const frame = await arrayFrame('(44, 7, 7)');
      await showValues(frame);
      assert.equal(await cell(frame, '[21, 3, 4]').innerText(), '10.54');

      await viewVariable('volume');
      const preview = page.getByRole('button', { name: 'Show every 2nd element' });
      await preview.click();
      const strided = await arrayFrame('(22, 128, 128)');
      await showValues(strided);
      // [k, y, x] of the preview is volume[2k, 2y, 2x] = (6k + 2y + 4x) % 256.
      assert.equal(await strided.locator('[data-field="shape"] dd').textContent(), '(22, 128, 128)');
      assert.equal(await cell(strided, '[10, 2, 5]').innerText(), String((60 + 4 + 20) % 256));
      await stopDebugging();
      assert.deepEqual(newFolders(), [], 'no temporary folder is left');
      assert.deepEqual(
        readdirSync(tmpdir()).filter((f) => f.startsWith('mrnet-viewer-') && f.endsWith('.npy')),
        [],
        "the program's own temporary files are removed once fetched",
      );
    } finally {
      writeFileSync(settingsFile, JSON.stringify(settings));
      await closeAllEditors(page);
    }
  });
});
