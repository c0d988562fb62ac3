import * as assert from 'node:assert/strict';
import { decodeNpy } from '../../src/shared/npy/decode';
import {
  alongFirstAxis,
  checkedView,
  defaultView,
  heldAxes,
  numpyExpression,
  planeSource,
  viewValues,
  withAxis,
} from '../../src/shared/npy/planeSource';
import { fixtureBytes, makeNpy, unravel, validFixtures, volumeView } from './fixtures';

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
      for (let c = 0; c < 3; c++)
        for (let y = 0; y < 2; y++)
          for (let x = 0; x < 5; x++) data[c * strides[0] + y * strides[1] + x * strides[2]] = 100 * c + 10 * y + x;
      const array = decodeNpy(makeNpy('|u1', [3, 2, 5], data, fortran));
      assert.equal(defaultView(array)?.channel, -1, 'three slices unless asked');
      const source = planeSource(array, defaultView(array, { channelsFirst: true }));
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
        const source = planeSource(array, volumeView(array, axis));
        assert.equal(source.depth, array.header.shape[axis]);
        for (let k = 0; k < source.depth; k++) {
          const slice = source.slice(k);
          for (let y = 0; y < source.height; y++) {
            for (let x = 0; x < source.width; x++) {
              const index = axis === 0 ? [k, y, x] : axis === 1 ? [y, k, x] : [y, x, k];
              assert.equal(
                source.valueAt(k, y, x),
                numpyAt(file, index),
                `${file} axis ${axis} slice ${k} (${y}, ${x})`,
              );
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
      assert.deepEqual(defaultView(array), { rows: 2, cols: 3, slice: 1, channel: -1, index: [0, 0, 0, 0] });
      for (const t of [0, 1]) {
        const source = planeSource(array, volumeView(array, 2, [t]));
        assert.equal(source.depth, 5);
        assert.equal(source.valueAt(4, 1, 3), numpyAt(file, [t, 1, 3, 4]));
        assert.equal(source.indexAt(4, 1, 3), `[${t}, 1, 3, 4]`);
      }
    });
  }

  it('(H, W, 3) and (H, W, 4) uint8 arrays are one colour image; 2-D arrays one grey image', () => {
    const rgb = decodeNpy(fixtureBytes('valid', 'rgb_u1.npy'));
    assert.equal(defaultView(rgb)?.channel, 2);
    const source = planeSource(rgb);
    assert.deepEqual([source.depth, source.height, source.width, source.channels], [1, 6, 8, 3]);
    assert.equal(source.valueAt(0, 2, 5), [0, 1, 2].map((c) => numpyAt('rgb_u1.npy', [2, 5, c])).join(', '));
    assert.equal(planeSource(decodeNpy(fixtureBytes('valid', 'rgba_u1.npy'))).channels, 4);
    assert.deepEqual(defaultView(decodeNpy(fixtureBytes('valid', 'i4_le_C_v2.npy'))), {
      rows: 0,
      cols: 1,
      slice: -1,
      channel: -1,
      index: [0, 0],
    });
    assert.equal(defaultView(decodeNpy(fixtureBytes('valid', 'vector_i4.npy'))), undefined);
    assert.equal(defaultView(decodeNpy(fixtureBytes('valid', 'scalar_f8.npy'))), undefined);
  });

  /** An array whose element at `index` holds the index's digits (1234 for [1, 2, 3, 4]), in C or Fortran order. */
  function digits(shape: number[], fortran: boolean, dtype: '<i4' | '|u1' = '<i4') {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = dtype === '<i4' ? new Int32Array(count) : new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const index = unravel(i, shape);
      const at = fortran ? index.reduceRight((sum, v, a) => sum * shape[a] + v, 0) : i;
      data[at] = dtype === '<i4' ? Number(index.join('')) : index.reduce((a, b) => a + b, 0);
    }
    return decodeNpy(makeNpy(dtype, shape, data, fortran));
  }

  it("a view along axis 0 with the file's rows and columns is what slices sent first show; any other view is not", () => {
    const array = decodeNpy(makeNpy('|u1', [4, 5, 6], new Uint8Array(120)));
    const view = defaultView(array)!;
    assert.equal(alongFirstAxis(view), true);
    assert.equal(alongFirstAxis(withAxis(view, 'slice', 1)), false);
    assert.equal(alongFirstAxis(withAxis(view, 'rows', 2)), false, 'the image turned');
  });

  it('any two axes are the image and any other the slices, the rest held: (x, y, z, t) as nibabel returns it', () => {
    for (const fortran of [false, true]) {
      const array = digits([4, 3, 5, 2], fortran);
      let view = defaultView(array)!;
      assert.deepEqual(
        view,
        { rows: 2, cols: 3, slice: 1, channel: -1, index: [0, 0, 0, 0] },
        "NumPy's: the last two axes are the image",
      );
      view = withAxis(view, 'rows', 0);
      assert.deepEqual(
        [view.rows, view.cols, view.slice, heldAxes(view)],
        [0, 3, 1, [2]],
        'x down the image, z let go and held',
      );
      view = withAxis(view, 'cols', 1);
      assert.deepEqual(
        [view.rows, view.cols, view.slice, heldAxes(view)],
        [0, 1, 3, [2]],
        'y across: the slice axis takes the old columns',
      );
      view = withAxis(view, 'slice', 2);
      assert.deepEqual(
        [view.rows, view.cols, view.slice, heldAxes(view)],
        [0, 1, 2, [3]],
        'the slices along z, t held',
      );
      view = { ...view, index: [0, 0, 0, 1] };
      const source = planeSource(array, view);
      assert.deepEqual([source.depth, source.height, source.width], [5, 4, 3]);
      assert.equal(source.valueAt(4, 3, 2), '3241');
      assert.equal(source.indexAt(4, 3, 2), '[3, 2, 4, 1]');
      assert.deepEqual(source.sliceIndex(4), [null, null, 4, 1]);
      assert.equal(source.sliceOrder, undefined);
      assert.deepEqual(Array.from(source.slice(4).subarray(0, 4)), [41, 141, 241, 1041]);
      // Viewed without the time axis held: every slice of t = 1.
      assert.deepEqual(
        Array.from(viewValues(array, view))
          .sort((a, b) => a - b)
          .slice(0, 3),
        [1, 11, 21],
      );
      assert.equal(viewValues(array, view).length, 60);
    }
  });

  it('the image turns when rows and columns trade; "View along" an image axis gives NumPy\'s a[:, k] order; the expression says .T', () => {
    const array = digits([2, 3, 4], false);
    const turned = withAxis(defaultView(array)!, 'rows', 2);
    assert.deepEqual([turned.rows, turned.cols, turned.slice], [2, 1, 0]);
    const source = planeSource(array, turned);
    assert.deepEqual([source.height, source.width], [4, 3]);
    assert.equal(source.valueAt(1, 3, 2), '123');
    assert.deepEqual(source.sliceOrder, [1, 0]);
    assert.equal(numpyExpression('a.npy', undefined, source.sliceIndex(1), source.sliceOrder), 'np.load("a.npy")[1].T');
    const along = withAxis(defaultView(array)!, 'slice', 1);
    assert.deepEqual([along.rows, along.cols, along.slice], [0, 2, 1]);
    assert.deepEqual(withAxis(along, 'slice', 2), { rows: 0, cols: 1, slice: 2, channel: -1, index: [0, 0, 0] });
    assert.deepEqual(withAxis(withAxis(along, 'slice', 2), 'slice', 0), {
      rows: 1,
      cols: 2,
      slice: 0,
      channel: -1,
      index: [0, 0, 0],
    });
  });

  it('stacks of colour images (N, H, W, 3|4) and (B, N, H, W, 3) are colour images with sliders, in C and Fortran order; (N, 3, H, W) when asked', () => {
    for (const fortran of [false, true]) {
      const stack = digits([5, 2, 3, 3], fortran, '|u1');
      const view = defaultView(stack)!;
      assert.deepEqual(view, { rows: 1, cols: 2, slice: 0, channel: 3, index: [0, 0, 0, 0] });
      const source = planeSource(stack, view);
      assert.deepEqual([source.depth, source.height, source.width, source.channels], [5, 2, 3, 3]);
      assert.equal(source.valueAt(4, 1, 2), '7, 8, 9');
      assert.equal(source.indexAt(4, 1, 2), '[4, 1, 2]');
      assert.deepEqual(source.sliceIndex(4), [4, null, null, null]);
      assert.deepEqual(Array.from(source.slice(4).subarray(0, 3)), [4, 5, 6]);
      const batch = digits([2, 5, 2, 3, 4], fortran, '|u1');
      const held = { ...defaultView(batch)!, index: [1, 0, 0, 0, 0] };
      assert.deepEqual([held.slice, held.channel, heldAxes(held)], [1, 4, [0]]);
      assert.equal(planeSource(batch, held).valueAt(3, 1, 2), '7, 8, 9, 10');
      const first = digits([5, 3, 2, 4], fortran, '|u1');
      const chw = defaultView(first, { channelsFirst: true })!;
      assert.deepEqual([chw.rows, chw.cols, chw.slice, chw.channel], [2, 3, 0, 1]);
      assert.equal(planeSource(first, chw).indexAt(4, 1, 3), '[4, :, 1, 3]');
      assert.equal(planeSource(first, chw).valueAt(4, 1, 3), '8, 9, 10');
    }
    const floats = decodeNpy(
      makeNpy(
        '<f4',
        [2, 2, 2, 3],
        Float32Array.from({ length: 24 }, (_, i) => i / 23),
      ),
    );
    assert.equal(defaultView(floats)?.channel, 3, 'floats all in [0, 1] are colour');
    const tooBright = decodeNpy(
      makeNpy(
        '<f4',
        [2, 2, 2, 3],
        Float32Array.from({ length: 24 }, (_, i) => i),
      ),
    );
    assert.equal(defaultView(tooBright)?.channel, -1);
  });

  it('a saved view is used only while it fits the array', () => {
    const array = digits([4, 3, 5, 2], false);
    const saved = { rows: 0, cols: 1, slice: 2, channel: -1, index: [0, 0, 0, 7] };
    assert.deepEqual(checkedView(array, saved), { ...saved, index: [0, 0, 0, 1] }, 'indices clamped');
    for (const bad of [
      { ...saved, cols: 0 },
      { ...saved, slice: 4 },
      { ...saved, channel: 3 },
      { ...saved, rows: 1.5 },
      null,
      'view',
    ])
      assert.equal(checkedView(array, bad), undefined, JSON.stringify(bad));
    assert.equal(checkedView(digits([3, 4], false), { rows: 1, cols: 0, slice: -1, channel: -1, index: [] })?.rows, 1);
  });
});
