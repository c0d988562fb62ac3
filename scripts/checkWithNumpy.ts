// `npm run check:numpy`: saves slices of every fixture, along every choice of axes, as the viewer's "Save Slice as
// .npy…" does, with the NumPy expression "Copy NumPy Expression" gives for each, and has
// NumPy (python3 with numpy) load both: each saved file must equal its expression, dtype
// and values. Not part of `npm test`, which needs no Python.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeNpy } from '../src/shared/npy/decode';
import { ArrayView, defaultView, numpyExpression, planeSource } from '../src/shared/npy/planeSource';

const FIXTURES = resolve(__dirname, '..', 'test', 'fixtures', 'npy', 'valid');
const out = mkdtempSync(join(tmpdir(), 'mrnet-numpy-check-'));
const checks: { saved: string; expression: string }[] = [];
/** Every choice of image rows, columns and slice axis (the channel axis kept), held axes at their last index. */
function everyView(view: ArrayView, shape: number[]): ArrayView[] {
  const axes = shape.map((_, a) => a).filter((a) => a !== view.channel);
  const index = shape.map((n) => n - 1);
  return axes.flatMap((rows) =>
    axes
      .filter((cols) => cols !== rows)
      .flatMap((cols) => {
        const slices = axes.filter((a) => a !== rows && a !== cols);
        return (view.slice < 0 ? [-1] : slices).map((slice) => ({ ...view, rows, cols, slice, index }));
      }),
  );
}
for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.npy'))) {
  const array = decodeNpy(new Uint8Array(readFileSync(join(FIXTURES, file))));
  const initial = defaultView(array);
  if (!initial || array.header.count === 0) continue;
  for (const view of everyView(initial, array.header.shape)) {
    const source = planeSource(array, view);
    for (const k of [0, source.depth - 1]) {
      const saved = join(out, `${file}-${view.rows}${view.cols}${view.slice}-${k}.npy`);
      writeFileSync(saved, source.sliceNpy(k));
      checks.push({
        saved,
        expression: numpyExpression(join(FIXTURES, file), undefined, source.sliceIndex(k), source.sliceOrder),
      });
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
