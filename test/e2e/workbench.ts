import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { RunningCodeServer, startCodeServer } from '../../scripts/codeServer';
import { workbenchRestored } from '../../scripts/support/workbenchDriver';
import { launchChromium } from '../../scripts/support/browser';
import { makeWorkspace } from './workspace';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
/** The package `npm test` makes first (`npm run package`): the suite runs what users install. */
export const VSIX = join(__dirname, '..', '..', 'out', 'mrnet-viewer.vsix');

/** One code-server with the packaged extension installed from its .vsix and a fresh sample workspace, driven by Chromium. */
export class Workbench {
  server?: RunningCodeServer;
  browser?: Browser;
  workspace = '';
  resultFile = '';

  async start(): Promise<void> {
    this.workspace = makeWorkspace();
    this.resultFile = join(this.workspace, '..', `${this.workspace.split('/').pop()}-extension-host.json`);
    if (!existsSync(VSIX))
      throw new Error(`${VSIX} is missing: npm test makes it (npm run package -- --out out/mrnet-viewer.vsix)`);
    this.server = await startCodeServer({
      workspace: this.workspace,
      vsix: VSIX,
      env: { MRNET_TEST_RESULT: this.resultFile },
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
