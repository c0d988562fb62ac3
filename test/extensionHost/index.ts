// The extension-host suite's entry: VS Code (desktop through @vscode/test-electron, or the
// code-server host through the workbench's payload) calls run() inside its extension host.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  // Loaded after 'pre-require', so that describe and it exist when it runs.
  await import('./extension.test');
  return new Promise((resolve, reject) => {
    const failures: string[] = [];
    const runner = mocha.run((failed) => {
      const result = { passes: runner.stats?.passes ?? 0, failures: failed, errors: failures };
      // The code-server page does not exit by itself: the runner reads this file.
      if (process.env.MRNET_TEST_RESULT) writeFileSync(process.env.MRNET_TEST_RESULT, JSON.stringify(result));
      console.log(`extension host: ${result.passes} passed, ${failed} failed`);
      if (failed) reject(new Error(`${failed} extension-host tests failed`));
      else resolve();
    });
    runner.on('fail', (test, err: Error) => failures.push(`${test.fullTitle()}: ${err.message}`));
  });
}
