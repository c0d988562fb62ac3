import * as assert from 'node:assert/strict';
import { decodeNpy } from '../../src/shared/npy/decode';
import { layoutOf, planeSource } from '../../src/shared/npy/planeSource';
import { fixtureBytes, makeNpy, validFixtures } from './fixtures';

const fixtures = validFixtures();

/** NumPy's printed a[index] from the fixture. */
function numpyAt(file: string, index: number[]): string {
  const fixture = fixtures.find((f) => f.file === file)!;
  const flat = index.reduce((sum, i, axis) => sum * fixture.shape[axis] + i, 0);
  return fixture.texts[flat];
}

describe('planes of an array', () => {
  it('a (3, H, W) array, channels first as PyTorch stores images, is one colour image when asked, in C and Fortran order', () => {
    for (const fortran of [false, true]) {
      // Channel c of pixel (y, x) holds 100c + 10y + x.
      const data = new Uint8Array(3 * 2 * 5);
      const strides = fortran ? [1, 3, 6] : [10, 5, 1];
      for (let c = 0; c < 3; c++) for (let y = 0; y < 2; y++) for (let x = 0; x < 5; x++) data[c * strides[0] + y * strides[1] + x * strides[2]] = 100 * c + 10 * y + x;
      const array = decodeNpy(makeNpy('|u1', [3, 2, 5], data, fortran));
      assert.deepEqual(layoutOf(array), { kind: 'volume', leadingAxes: 0 }, 'three slices unless asked');
      assert.deepEqual(layoutOf(array, false, true), { kind: 'colour', channels: 3, first: true });
      const source = planeSource(array, 0, [], false, true);
      assert.deepEqual([source.depth, source.height, source.width, source.channels], [1, 2, 5, 3]);
      assert.deepEqual([...source.slice(0).subarray(0, 6)], [0, 100, 200, 1, 101, 201]);
      assert.equal(source.valueAt(0, 1, 4), '14, 114, 214');
      assert.equal(source.indexAt(0, 1, 4), '[:, 1, 4]');
    }
  });

  const volumes = fixtures.filter((f) => f.shape.length === 3 && f.shape[2] > 4);
  it('has 3-D fixtures of every dtype in C and Fortran order', () => {
    assert.ok(volumes.some((f) => f.fortran) && volumes.some((f) => !f.fortran) && volumes.length > 40);
  });
  for (const { file } of volumes) {
    it(`${file}: every slice along every axis holds NumPy's values`, () => {
      const array = decodeNpy(fixtureBytes('valid', file));
      // The numbers painted equal the printed values for integers that fit a double.
      const { kind, itemSize } = array.header.dtype;
      const exactInSlice = (kind === 'int' || kind === 'uint') && itemSize < 8;
      for (let axis = 0; axis < 3; axis++) {
        const source = planeSource(array, axis);
        assert.equal(source.depth, array.header.shape[axis]);
        for (let k = 0; k < source.depth; k++) {
          const slice = source.slice(k);
          for (let y = 0; y < source.height; y++) {
            for (let x = 0; x < source.width; x++) {
              const index = axis === 0 ? [k, y, x] : axis === 1 ? [y, k, x] : [y, x, k];
              assert.equal(source.valueAt(k, y, x), numpyAt(file, index), `${file} axis ${axis} slice ${k} (${y}, ${x})`);
              assert.equal(source.indexAt(k, y, x), `[${index.join(', ')}]`);
              if (exactInSlice) assert.equal(String(slice[y * source.width + x]), numpyAt(file, index));
            }
          }
        }
      }
    });
  }

  for (const { file } of fixtures.filter((f) => f.shape.length === 4 && /^(f8|u1|c8)_/.test(f.file))) {
    it(`${file}: 4-D arrays index their leading axis and slice the last three`, () => {
      const array = decodeNpy(fixtureBytes('valid', file));
      assert.deepEqual(layoutOf(array), { kind: 'volume', leadingAxes: 1 });
      for (const t of [0, 1]) {
        const source = planeSource(array, 2, [t]);
        assert.equal(source.depth, 5);
        assert.equal(source.valueAt(4, 1, 3), numpyAt(file, [t, 1, 3, 4]));
        assert.equal(source.indexAt(4, 1, 3), `[${t}, 1, 3, 4]`);
      }
    });
  }

  it('(H, W, 3) and (H, W, 4) uint8 arrays are one colour image; 2-D arrays one grey image', () => {
    const rgb = decodeNpy(fixtureBytes('valid', 'rgb_u1.npy'));
    assert.deepEqual(layoutOf(rgb), { kind: 'colour', channels: 3 });
    const source = planeSource(rgb);
    assert.deepEqual([source.depth, source.height, source.width, source.channels], [1, 6, 8, 3]);
    assert.equal(source.valueAt(0, 2, 5), [0, 1, 2].map((c) => numpyAt('rgb_u1.npy', [2, 5, c])).join(', '));
    assert.deepEqual(layoutOf(decodeNpy(fixtureBytes('valid', 'rgba_u1.npy'))), { kind: 'colour', channels: 4 });
    assert.deepEqual(layoutOf(decodeNpy(fixtureBytes('valid', 'i4_le_C_v2.npy'))), { kind: 'image' });
    assert.deepEqual(layoutOf(decodeNpy(fixtureBytes('valid', 'vector_i4.npy'))), { kind: 'values' });
    assert.deepEqual(layoutOf(decodeNpy(fixtureBytes('valid', 'scalar_f8.npy'))), { kind: 'values' });
  });
});
