import * as assert from 'node:assert/strict';
import { decodeNpy } from '../../src/shared/npy/decode';
import { formatElement } from '../../src/shared/npy/formatValue';
import { numpyExpression, numpyIndexText, planeSource } from '../../src/shared/npy/planeSource';
import { SliceCache, streamedPlaneSource } from '../../src/shared/npy/streaming';
import { readSlice } from '../../src/core/arraySource';
import { memorySource } from '../support/countingSource';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { elementOffset, fixtureBytes, validFixtures, volumeView } from './fixtures';

describe('getting a slice out of the viewer', () => {
  const fixtures = validFixtures();

  for (const fixture of fixtures.filter(
    (f) =>
      f.shape.length >= 3 &&
      f.shape[f.shape.length - 1] > 4 &&
      /^(u1|f2|f4|i8|c16|b1|u2)_(le|be|na)_(C|F)_v1/.test(f.file),
  )) {
    it(`${fixture.file}: every slice along every axis saves as a .npy holding exactly NumPy's a[index]`, () => {
      const array = decodeNpy(fixtureBytes('valid', fixture.file));
      const leading = fixture.shape.slice(0, -3).map(() => 1);
      for (let axis = 0; axis < 3; axis++) {
        const source = planeSource(array, volumeView(array, axis, leading));
        for (let k = 0; k < source.depth; k++) {
          const index = source.sliceIndex(k);
          const saved = decodeNpy(source.sliceNpy(k));
          assert.deepEqual(saved.header.shape, [source.height, source.width]);
          assert.equal(saved.header.dtype.code, array.header.dtype.code);
          assert.equal(saved.header.fortranOrder, false);
          for (let y = 0; y < source.height; y++) {
            for (let x = 0; x < source.width; x++) {
              const full = index.map((i) => i);
              const free = full.flatMap((i, a) => (i === null ? [a] : []));
              full[free[0]] = y;
              full[free[1]] = x;
              const expected = fixture.texts[full.reduce<number>((sum, i, a) => sum * fixture.shape[a] + i!, 0)];
              assert.equal(
                formatElement(saved, y * source.width + x),
                expected,
                `${fixture.file} axis ${axis} slice ${k} [${y}, ${x}]`,
              );
            }
          }
        }
      }
    });
  }

  it('a slice read slice by slice saves the same (a Fortran-order file along axis 0); colour images save with their channels', async () => {
    const bytes = fixtureBytes('valid', 'f4_be_F_v1.npy');
    const whole = decodeNpy(bytes);
    const cache = new SliceCache(whole.header, Infinity);
    const streamed = streamedPlaneSource(whole.header, cache, () => undefined);
    assert.throws(() => streamed.sliceNpy(1), /not been read yet/);
    cache.put(1, new Uint8Array(await readSlice(memorySource('f.npy', bytes), whole.header, 1)));
    assert.deepEqual(
      Array.from(decodeNpy(streamed.sliceNpy(1)).values),
      Array.from(decodeNpy(planeSource(whole).sliceNpy(1)).values),
    );
    assert.deepEqual(streamed.sliceIndex(1), [1, null, null]);
    const rgb = decodeNpy(fixtureBytes('valid', 'rgb_u1.npy'));
    const saved = decodeNpy(planeSource(rgb).sliceNpy(0));
    assert.deepEqual(saved.header.shape, [6, 8, 3]);
    assert.deepEqual(Array.from(saved.values), Array.from(rgb.values));
    assert.equal(elementOffset(saved.header, [5, 7, 2]), 6 * 8 * 3 - 1);
  });

  it('the NumPy expression: path, .npz key, and the index with the axis', () => {
    assert.equal(
      numpyExpression('train/axial/0000.npy', undefined, [12, null, null]),
      'np.load("train/axial/0000.npy")[12]',
    );
    assert.equal(numpyExpression('cams.npz', 'acl.npy', [12, null, null]), 'np.load("cams.npz")["acl"][12]');
    assert.equal(numpyExpression('v.npy', undefined, [null, 40, null]), 'np.load("v.npy")[:, 40, :]');
    assert.equal(
      numpyExpression('C:\\data\\ü.npy', 'dir/ünïcode.npy', [null, null]),
      'np.load("C:\\\\data\\\\ü.npy")["dir/ünïcode"]',
    );
    assert.equal(numpyExpression('v.npy', undefined, [2, null, null], [1, 0]), 'np.load("v.npy")[2].T');
    assert.equal(
      numpyExpression('v.npy', undefined, [null, null, null], [1, 2, 0]),
      'np.load("v.npy").transpose(1, 2, 0)',
    );
    assert.deepEqual(
      [numpyIndexText([0, 3, null, null]), numpyIndexText([1, null, 2, null]), numpyIndexText([null, null, 0])],
      ['[0, 3]', '[1, :, 2, :]', '[:, :, 0]'],
    );
  });

  it('export messages from a webview are checked: formats, indices, planes, data', () => {
    const data = new ArrayBuffer(8);
    assert.deepEqual(parseWebviewMessage({ type: 'exportSlice', format: 'png' }), {
      type: 'exportSlice',
      format: 'png',
    });
    assert.deepEqual(parseWebviewMessage({ type: 'exportIndex', index: [3, null, null], plane: 'axial' }), {
      type: 'exportIndex',
      index: [3, null, null],
      plane: 'axial',
    });
    assert.deepEqual(parseWebviewMessage({ type: 'exportData', format: 'npy', slice: 3, data }), {
      type: 'exportData',
      format: 'npy',
      slice: 3,
      data,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'exportIndex', index: [3, null, null], order: [1, 0] }), {
      type: 'exportIndex',
      index: [3, null, null],
      order: [1, 0],
    });
    const view = { rows: 0, cols: 1, slice: 2, channel: -1, index: [0, 0, 0, 1] };
    assert.deepEqual(parseWebviewMessage({ type: 'rememberView', view }), { type: 'rememberView', view });
    for (const forged of [
      { type: 'exportSlice', format: 'pdf' },
      { type: 'exportSlice', format: 'png', path: '/etc/passwd' },
      { type: 'exportIndex', index: [-1] },
      { type: 'exportIndex', index: ['__import__("os")'] },
      { type: 'exportIndex', index: new Array(65).fill(0) },
      { type: 'exportIndex', index: [3, null, null], order: [1, 1] },
      { type: 'exportIndex', index: [3, null, null], order: '.T; import os' },
      { type: 'rememberView', view: { ...view, rows: 64 } },
      { type: 'rememberView', view: { ...view, index: [-1] } },
      { type: 'rememberView', view: { ...view, path: '/etc' } },
      { type: 'rememberView', view, file: '/etc/passwd' },
      { type: 'exportData', format: 'npy', slice: 3, data: 'AAAA' },
      { type: 'exportData', format: 'png', slice: 1.5, data },
      { type: 'exportData', format: 'npy', slice: 3, data, path: '/tmp/x' },
    ])
      assert.equal(parseWebviewMessage(forged), undefined, JSON.stringify(forged));
  });
});
