import * as assert from 'node:assert/strict';
import { Frame, Page } from 'playwright-core';
import { Workbench } from './workbench';
import { closeAllEditors, extensionLog, quickPick, webviewFrame } from '../../scripts/support/workbenchDriver';
import { LARGE_SHAPE } from './workspace';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Forged webview messages', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('a webview that forges messages reaches nothing: every forged request is refused and logged', async () => {
    // The case viewer (left open by the previous test) and the .npy editor of the large file,
    // each sending what a compromised webview could: the same call acquireVsCodeApi makes.
    const forge = (frame: Frame, message: unknown) =>
      frame
        .parentFrame()!
        .evaluate(
          (m) =>
            (window as unknown as { __vscode_post_message__: (c: string, d: unknown) => void }).__vscode_post_message__(
              'onmessage',
              { message: m, transfer: [] },
            ),
          message,
        );
    const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'Case 0005' }).isVisible());
    const forged = [
      { type: 'openCase', id: '../../../etc/passwd' },
      { type: 'openCase', id: '9999' },
      { type: 'openCase', id: '0001', path: '/etc/passwd' },
      { type: 'readFile', path: '/etc/passwd' },
      { type: 'navigate', direction: 'sideways' },
      { type: 'readSlice', index: 0 },
      'ready',
    ];
    for (const message of forged) await forge(viewer, message);
    await quickPick(page, 'Control+P', 'large/volume.npy', /^volume\.npy/);
    const editor = await webviewFrame(page, (f) => f.getByRole('heading', { name: 'volume.npy' }).isVisible());
    for (const message of [
      { type: 'readSlice', index: LARGE_SHAPE[0] },
      { type: 'readSlice', index: -1 },
      { type: 'readSlice', index: 1.5 },
      { type: 'openCase', id: '0000' },
    ])
      await forge(editor, message);
    // Each refusal is logged as it happens: wait for them all (the log is flushed as written).
    const refusalsLogged = () =>
      extensionLog(workbench.server!)
        .split('\n')
        .filter((l) => l.includes('Refused'));
    for (const deadline = Date.now() + 20_000; refusalsLogged().length < forged.length + 4 && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const refusals = refusalsLogged();
    assert.equal(refusals.length, forged.length + 4, refusals.join('\n'));
    assert.ok(refusals.some((l) => l.includes('Refused to open case 9999: not in MRNet-v1.0')));
    assert.ok(refusals.some((l) => l.includes(`Refused to read slice ${LARGE_SHAPE[0]}`)));
    // Nothing was opened: the tabs are the case viewer and the editor, as before.
    const editorTabs = page.locator('.tabs-container [role="tab"]');
    assert.deepEqual(
      await editorTabs.evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label')?.split(',')[0])),
      ['Case 0005', 'volume.npy'],
    );
    await closeAllEditors(page);
  });
});
