import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Workbench } from './workbench';
import { screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: The extension-host suite', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('the extension-host suite passes inside the same VS Code, on the extension installed from the .vsix (workbench payload)', async () => {
    rmSync(workbench.resultFile, { force: true });
    const root = join(__dirname, '..', '..');
    const authority = `127.0.0.1:${workbench.server!.port}`;
    // The extension as installed from the .vsix, not the checkout.
    assert.ok(
      existsSync(join(workbench.server!.extensionDir, 'dist', 'charts.js')),
      `${workbench.server!.extensionDir} holds the installed package`,
    );
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${workbench.server!.extensionDir}`],
      ['extensionTestsPath', `vscode-remote://${authority}${join(root, 'out', 'test', 'extensionHost', 'index')}`],
    ];
    const host = await workbench.open(`&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const log: string[] = [];
    host.on('console', (m) => log.push(m.text()));
    try {
      const deadline = Date.now() + 150_000;
      while (!existsSync(workbench.resultFile) && Date.now() < deadline) await host.waitForTimeout(500);
      assert.ok(existsSync(workbench.resultFile), `the suite wrote no result; console:\n${log.slice(-30).join('\n')}`);
      const result = JSON.parse(readFileSync(workbench.resultFile, 'utf8')) as {
        passes: number;
        failures: number;
        errors: string[];
      };
      console.log(`      extension host: ${result.passes} passed, ${result.failures} failed`);
      assert.deepEqual(result.errors, []);
      assert.ok(result.passes >= 15, `${result.passes} passed`);
    } finally {
      await host.close();
    }
  });
});
