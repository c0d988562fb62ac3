import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'npyjs';
import { encodeNpy } from '../../src/shared/npy/encode';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { makeBrokenDataset } from '../fixtures/brokenDataset';
import { largeVolumeMember, writeLargeVolume } from '../../scripts/support/largeArray';
import { writeZip } from '../../scripts/support/zipWriter';

const ROOT = join(__dirname, '..', '..');

/**
 * A fresh workspace for the real-VS-Code tests:
 * - MRNet-v1.0/: a small sample dataset, made by `npm run sample` (8 train, 4 valid cases);
 * - broken/: a malformed .npy and a valid one;
 * - case-folder/: coronal.npy, sagittal.npy, axial.npy, a case outside any dataset;
 * - malformed/: every file of the malformed corpus;
 * - large/volume.npy: a (1100, 512, 512) uint8 array of 288 MB, above the 256 MiB from which
 *   files are read slice by slice (sparse on disk: zeros but for slices 0, 500 and 1099);
 * - large/photo.npy: a (30000, 30000, 3) uint8 colour image of 2.7 GB, one image too large to
 *   hold (sparse: zeros but for rows 0 and 15000, which hold patternAt(row, x, channel));
 * - large/mid.npy: a (48, 512, 512) float32 array of 50 MB holding midValueAt, shown from its
 *   first slice and then held whole;
 * - npz/: NumPy's stored and deflated archives, one with a corrupt member, and large.npz, the
 *   same 288 MB volume as a stored member (read in place, slice by slice);
 * - scans/: real MR and CT scans from nibabel's and pydicom's test data (make_scan_fixtures.py);
 * - line/signal.npy: a 1-D float64 array (the line plot, drawn by the charts bundle);
 * - notebooks/article.ipynb: the article's flow, its outputs written by mrnet_viewer (make_notebook_fixtures.py);
 * - the sample's valid case 0010 rewritten in Fortran order (as np.save writes a transposed
 *   array), same values: each plane must still open along axis 0 at its middle slice.
 * Beside the workspace, outside it, `<workspace>-broken-dataset`: a dataset with every quirk,
 * for the tests that add a dataset folder by hand.
 */
export function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'mrnet-e2e-'));
  const dataset = join(root, 'MRNet-v1.0');
  execFileSync(
    'npm',
    ['run', '--silent', 'sample', '--', '--out', dataset, '--train', '8', '--valid', '4', '--seed', '1'],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const fixtures = join(ROOT, 'test', 'fixtures', 'npy');
  mkdirSync(join(root, 'broken'));
  copyFileSync(join(fixtures, 'malformed', 'data_short.npy'), join(root, 'broken', 'truncated.npy'));
  copyFileSync(join(fixtures, 'valid', 'f4_be_F_v1.npy'), join(root, 'broken', 'valid_f4.npy'));
  mkdirSync(join(root, 'case-folder'));
  for (const plane of ['coronal', 'sagittal', 'axial'])
    copyFileSync(join(dataset, 'train', plane, '0000.npy'), join(root, 'case-folder', `${plane}.npy`));
  mkdirSync(join(root, 'malformed'));
  for (const name of readdirSync(join(fixtures, 'malformed')).filter((f) => f.endsWith('.npy')))
    copyFileSync(join(fixtures, 'malformed', name), join(root, 'malformed', name));
  mkdirSync(join(root, 'large'));
  writeLargeVolume(join(root, 'large', 'volume.npy'), LARGE_SHAPE, LARGE_PATTERNED);
  // Rows of an (H, W, 3) image are "slices" of W x 3 to the writer.
  writeLargeVolume(join(root, 'large', 'photo.npy'), PHOTO_SHAPE, PHOTO_PATTERNED);
  const [n, h, w] = MID_SHAPE;
  writeFileSync(
    join(root, 'large', 'mid.npy'),
    new Uint8Array(
      dump(
        Float32Array.from({ length: n * h * w }, (_, i) =>
          midValueAt(Math.floor(i / (h * w)), Math.floor(i / w) % h, i % w),
        ),
        MID_SHAPE,
      ),
    ),
  );
  mkdirSync(join(root, 'npz'));
  const npz = join(ROOT, 'test', 'fixtures', 'npz');
  for (const name of ['stored.npz', 'deflated.npz']) copyFileSync(join(npz, 'valid', name), join(root, 'npz', name));
  copyFileSync(join(npz, 'malformed', 'crc_mismatch.npz'), join(root, 'npz', 'corrupt.npz'));
  writeZip(join(root, 'npz', 'large.npz'), [largeVolumeMember('scans/volume.npy', LARGE_SHAPE, LARGE_PATTERNED)]);
  mkdirSync(join(root, 'scans'));
  for (const name of readdirSync(join(ROOT, 'test', 'fixtures', 'scans')).filter((f) => f.endsWith('.npy')))
    copyFileSync(join(ROOT, 'test', 'fixtures', 'scans', name), join(root, 'scans', name));
  mkdirSync(join(root, 'line'));
  writeFileSync(
    join(root, 'line', 'signal.npy'),
    new Uint8Array(
      dump(
        Float64Array.from({ length: LINE_LENGTH }, (_, i) => lineValueAt(i)),
        [LINE_LENGTH],
      ),
    ),
  );
  mkdirSync(join(root, 'notebooks'));
  copyFileSync(join(ROOT, 'test', 'fixtures', 'notebooks', 'article.ipynb'), join(root, 'notebooks', 'article.ipynb'));
  for (const plane of ['coronal', 'sagittal', 'axial'])
    toFortranOrder(join(dataset, 'valid', plane, `${FORTRAN_CASE}.npy`));
  makeBrokenDataset(`${root}-broken-dataset`);
  return root;
}

/** The sample case whose plane files the workspace stores in Fortran order (valid/). */
export const FORTRAN_CASE = '0010';
export const LINE_LENGTH = 200;
export const lineValueAt = (i: number) => Math.sin(i / 10) * 100;

/** Rewrites a (s, H, W) uint8 .npy in Fortran order with the same values: element [k, y, x] at k + s·(y + H·x). */
function toFortranOrder(path: string): void {
  const bytes = new Uint8Array(readFileSync(path));
  const header = parseNpyHeader(bytes, bytes.length);
  const [n, h, w] = header.shape;
  const c = bytes.subarray(header.dataOffset);
  const f = new Uint8Array(c.length);
  for (let k = 0; k < n; k++)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f[k + n * (y + h * x)] = c[(k * h + y) * w + x];
  writeFileSync(path, encodeNpy('|u1', header.shape, f, true));
}

export const LARGE_SHAPE: [number, number, number] = [1100, 512, 512];
export const LARGE_PATTERNED = [0, 500, 1099];
export const PHOTO_SHAPE: [number, number, number] = [30000, 30000, 3];
export const PHOTO_PATTERNED = [0, 15000];
export const MID_SHAPE: [number, number, number] = [48, 512, 512];
/** large/mid.npy's value at [k, y, x]. */
export const midValueAt = (k: number, y: number, x: number) => x + 2 * y + 3 * k;
