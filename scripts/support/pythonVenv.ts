// Python for the fixtures and the debugger tests: a venv of the machine's python3 per set of
// pinned packages, created and filled on first use (pip reads the machine's package index)
// under the user's cache folder, outside the clone.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The interpreter of the venv holding exactly `packages` (pinned `name==version`). */
export function pinnedVenv(packages: readonly string[]): string {
  const venv = join(homedir(), '.cache', 'mrnet-viewer', `venv-${packages.join('-')}`);
  const python = join(venv, 'bin', 'python');
  if (existsSync(join(venv, 'complete'))) return python;
  rmSync(venv, { recursive: true, force: true }); // a venv whose install was cut short
  console.log(`Creating ${venv} (once)…`);
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  // No retries of an index that does not answer (a machine that reaches only a local one).
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES ?? '0' },
  });
  execFileSync('touch', [join(venv, 'complete')]);
  return python;
}

/**
 * What the debugger tests run their programs with and the notebook package's tests run in:
 * NumPy, the real debugpy, PyTorch (its CPU build where pip finds one: `==2.13.0` also takes
 * the local version 2.13.0+cpu), pytest and pandas (the article reads its labels with it).
 */
export const PROGRAM_PACKAGES = [
  'numpy==2.4.6',
  'debugpy==1.8.22',
  'torch==2.13.0',
  'pytest==9.1.1',
  'pandas==3.0.6',
] as const;

/** What the JupyterLab tests and bench rows run: JupyterLab itself (with ipykernel, the real kernel) and NumPy. */
export const JUPYTER_PACKAGES = ['numpy==2.4.6', 'jupyterlab==4.6.4'] as const;
