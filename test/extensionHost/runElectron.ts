// `npm run test:electron`: the extension-host suite in desktop VS Code through
// @vscode/test-electron. It downloads VS Code unless VSCODE_EXECUTABLE names a local one,
// so it needs internet access or a local VS Code; `npm test` runs the same suite in code-server.
import { runTests } from '@vscode/test-electron';
import { resolve } from 'node:path';
import { makeWorkspace } from '../e2e/workspace';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  await runTests({
    version: '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out', 'test', 'extensionHost', 'index'),
    launchArgs: [makeWorkspace(), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
