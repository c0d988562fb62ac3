import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A fresh workspace for the real-VS-Code tests:
 * - MRNet-v1.0/: a small sample dataset, made by `npm run sample` (8 train, 4 valid cases);
 * - broken/: a malformed .npy and a valid one;
 * - case-folder/: coronal.npy, sagittal.npy, axial.npy, a case outside any dataset.
 */
export function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'mrnet-e2e-'));
  const dataset = join(root, 'MRNet-v1.0');
  execFileSync('npm', ['run', '--silent', 'sample', '--', '--out', dataset, '--train', '8', '--valid', '4', '--seed', '1'], { cwd: ROOT, stdio: 'ignore' });
  const fixtures = join(ROOT, 'test', 'fixtures', 'npy');
  mkdirSync(join(root, 'broken'));
  copyFileSync(join(fixtures, 'malformed', 'data_short.npy'), join(root, 'broken', 'truncated.npy'));
  copyFileSync(join(fixtures, 'valid', 'f4_be_F_v1.npy'), join(root, 'broken', 'valid_f4.npy'));
  mkdirSync(join(root, 'case-folder'));
  for (const plane of ['coronal', 'sagittal', 'axial']) copyFileSync(join(dataset, 'train', plane, '0000.npy'), join(root, 'case-folder', `${plane}.npy`));
  return root;
}
