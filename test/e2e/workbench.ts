import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { RunningCodeServer, startCodeServer } from '../../scripts/codeServer';
import { workbenchRestored } from '../../scripts/support/workbenchDriver';
import { launchChromium } from '../../scripts/support/browser';
import { makeWorkspace } from './workspace';
import { testDebugAdapter } from '../../scripts/support/debugAdapter';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
/** The package `npm test` makes first (`npm run package`): the suite runs what users install. */
export const VSIX = join(__dirname, '..', '..', 'out', 'mrnet-viewer.vsix');

/** One code-server with the packaged extension installed from its .vsix and a fresh sample workspace, driven by Chromium. */
export class Workbench {
  server?: RunningCodeServer;
  browser?: Browser;
  workspace = '';
  resultFile = '';
  /** The Python the debugged programs run with: NumPy, debugpy, PyTorch's CPU build. */
  python = '';

  async start(): Promise<void> {
    this.workspace = makeWorkspace();
    this.resultFile = join(this.workspace, '..', `${this.workspace.split('/').pop()}-extension-host.json`);
    if (!existsSync(VSIX))
      throw new Error(`${VSIX} is missing: npm test makes it (npm run package -- --out out/mrnet-viewer.vsix)`);
    // The real debugpy for the debugger tests, as the debug type debugpy (test code, never shipped).
    const adapter = testDebugAdapter();
    this.python = adapter.python;
    this.server = await startCodeServer({
      workspace: this.workspace,
      vsix: VSIX,
      otherVsix: [adapter.vsix],
      env: { MRNET_TEST_RESULT: this.resultFile, MRNET_TEST_PYTHON: this.python },
    });
    this.browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.stop();
    for (const dir of [this.workspace, `${this.workspace}-broken-dataset`, this.resultFile])
      if (dir) rmSync(dir, { recursive: true, force: true });
  }

  /** A new window on the workspace (or another folder), with the workbench restored. */
  async open(query = '', folder = this.workspace): Promise<Page> {
    // Clipboard access, which VS Code's clipboard API uses in the browser.
    const page = await this.browser!.newPage({
      viewport: { width: 1400, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.goto(this.server!.folderUrl(folder) + query);
    await workbenchRestored(page);
    return page;
  }
}
