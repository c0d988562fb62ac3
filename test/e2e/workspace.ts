import { mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SampleOptions, sampleDatasetFiles } from '../../src/core/sample/sampleDataset';

/** The sample the real-VS-Code tests open: small, so that each run writes it in a second. */
export const E2E_SAMPLE: SampleOptions = { train: 8, valid: 4, seed: 1 };

/**
 * A fresh workspace: MRNet-v1.0/ (a sample dataset made as `npm run sample` makes it) and
 * broken/ with a malformed .npy and a valid one.
 */
export function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'mrnet-e2e-'));
  for (const file of sampleDatasetFiles(E2E_SAMPLE)) {
    const path = join(root, 'MRNet-v1.0', file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.data);
  }
  const fixtures = join(__dirname, '..', 'fixtures', 'npy');
  mkdirSync(join(root, 'broken'));
  copyFileSync(join(fixtures, 'malformed', 'data_short.npy'), join(root, 'broken', 'truncated.npy'));
  copyFileSync(join(fixtures, 'valid', 'f4_be_F_v1.npy'), join(root, 'broken', 'valid_f4.npy'));
  return root;
}
