// `npm run check:numpy`: saves slices of every 3-D fixture as the viewer's "Save Slice as
// .npy…" does, with the NumPy expression "Copy NumPy Expression" gives for each, and has
// NumPy (python3 with numpy) load both: each saved file must equal its expression, dtype
// and values. Not part of `npm test`, which needs no Python.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeNpy } from '../src/shared/npy/decode';
import { layoutOf, numpyExpression, planeSource } from '../src/shared/npy/planeSource';

const FIXTURES = resolve(__dirname, '..', 'test', 'fixtures', 'npy', 'valid');
const out = mkdtempSync(join(tmpdir(), 'mrnet-numpy-check-'));
const checks: { saved: string; expression: string }[] = [];
for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.npy'))) {
  const array = decodeNpy(new Uint8Array(readFileSync(join(FIXTURES, file))));
  const layout = layoutOf(array);
  if (layout.kind === 'values' || array.header.count === 0) continue;
  const leading = layout.kind === 'volume' ? array.header.shape.slice(0, layout.leadingAxes).map((n) => n - 1) : [];
  for (let axis = 0; axis < (layout.kind === 'volume' ? 3 : 1); axis++) {
    const source = planeSource(array, axis, leading);
    for (const k of [0, source.depth - 1]) {
      const saved = join(out, `${file}-${axis}-${k}.npy`);
      writeFileSync(saved, source.sliceNpy(k));
      checks.push({ saved, expression: numpyExpression(join(FIXTURES, file), undefined, source.sliceIndex(k)) });
    }
  }
}
writeFileSync(join(out, 'checks.json'), JSON.stringify(checks));
const python = `
import json, sys
import numpy as np
checks = json.load(open(sys.argv[1]))
for c in checks:
    expected = eval(c["expression"], {"np": np})
    got = np.load(c["saved"])
    assert got.dtype == expected.dtype.newbyteorder("=") or got.dtype == expected.dtype, (c, got.dtype, expected.dtype)
    assert got.shape == expected.shape, (c, got.shape, expected.shape)
    assert np.array_equal(got, expected, equal_nan=got.dtype.kind in "fc"), c
print(f"{len(checks)} slices: each equals its NumPy expression (NumPy {np.__version__})")
`;
console.log(execFileSync('python3', ['-c', python, join(out, 'checks.json')], { encoding: 'utf8' }).trim());
