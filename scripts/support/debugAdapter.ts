// The debug type debugpy for the tests and the benchmark (test/debugAdapter: test code, never
// shipped), served by the real debugpy of a pinned venv, where the Python extension cannot be installed.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { PROGRAM_PACKAGES, pinnedVenv } from './pythonVenv';

const ROOT = resolve(__dirname, '..', '..');

/** Packs the test debug adapter into a .vsix; answers it and the Python it runs (code-server's MRNET_TEST_PYTHON). */
export function testDebugAdapter(): { vsix: string; python: string } {
  const vsix = join(ROOT, 'out', 'debugpy-for-tests.vsix');
  execFileSync(
    'npx',
    ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: join(ROOT, 'test', 'debugAdapter'), stdio: 'ignore' },
  );
  return { vsix, python: pinnedVenv(PROGRAM_PACKAGES) };
}

/** A launch.json that runs `program` under debugpy with that Python. */
export function launchConfiguration(program: string, python: string): string {
  return JSON.stringify({
    version: '0.2.0',
    configurations: [
      { name: 'debugged program', type: 'debugpy', request: 'launch', program, python, console: 'internalConsole' },
    ],
  });
}
