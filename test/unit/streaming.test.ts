import * as assert from 'node:assert/strict';
import { decodeNpy } from '../../src/shared/npy/decode';
import { planeSource } from '../../src/shared/npy/planeSource';
import { volumeStats } from '../../src/shared/windowing';
import { SliceCache, middleOutwards, sampleSlices, sampledStats, sliceByteRange, sliceHeader, streamAxis, streamedPlaneSource } from '../../src/shared/npy/streaming';
import { fixtureBytes, validFixtures } from './fixtures';

describe('reading large arrays slice by slice', () => {
  const volumes = validFixtures().filter((f) => f.shape.length === 3 && f.shape[2] > 4).map((f) => f.file);

  for (const file of volumes.filter((f) => /^(u1|f4|i8|c8|b1)_/.test(f))) {
    it(`${file}: slices read by byte range show exactly what the whole array shows`, () => {
      const bytes = fixtureBytes('valid', file);
      const whole = decodeNpy(bytes);
      const { header } = whole;
      const axis = streamAxis(header)!;
      assert.equal(axis, header.fortranOrder ? 2 : 0);
      const cache = new SliceCache(header, Infinity);
      const requested: number[] = [];
      const streamed = streamedPlaneSource(header, cache, (k) => requested.push(k));
      const reference = planeSource(whole, axis);
      assert.deepEqual([streamed.depth, streamed.height, streamed.width], [reference.depth, reference.height, reference.width]);
      for (let k = 0; k < streamed.depth; k++) {
        assert.equal(streamed.valueAt(k, 0, 0), '…', 'not read yet');
        assert.ok(requested.includes(k));
        const { offset, length } = sliceByteRange(header, k);
        cache.put(k, bytes.slice(offset, offset + length));
        assert.deepEqual(Array.from(streamed.slice(k)), Array.from(reference.slice(k)), `slice ${k}`);
        for (let y = 0; y < streamed.height; y++) {
          for (let x = 0; x < streamed.width; x++) {
            assert.equal(streamed.valueAt(k, y, x), reference.valueAt(k, y, x));
            assert.equal(streamed.indexAt(k, y, x), reference.indexAt(k, y, x));
          }
        }
      }
    });
  }

  it('only 3-D arrays are read slice by slice', () => {
    assert.equal(streamAxis(decodeNpy(fixtureBytes('valid', 'u1_na_C_v2.npy')).header), undefined); // 2-D
    assert.equal(streamAxis(decodeNpy(fixtureBytes('valid', 'u1_na_C_v1.npy')).header), undefined); // 4-D
    assert.equal(streamAxis(decodeNpy(fixtureBytes('valid', 'empty_f4.npy')).header), undefined);
  });

  it('samples up to eight slices spread over the volume, first and last included', () => {
    assert.deepEqual(sampleSlices(5), [0, 1, 2, 3, 4]);
    assert.deepEqual(sampleSlices(512), [0, 73, 146, 219, 255, 292, 365, 438, 511]);
  });

  it('statistics from sampled slices are those of the sampled values', () => {
    const bytes = fixtureBytes('valid', 'u1_na_C_v3.npy'); // (3, 5, 7)
    const whole = decodeNpy(bytes);
    const stats = sampledStats(whole.header, [0, 1, 2].map((k) => {
      const { offset, length } = sliceByteRange(whole.header, k);
      return bytes.slice(offset, offset + length);
    }));
    assert.deepEqual(stats, volumeStats(whole.values));
  });

  it('the slice cache holds at most its byte budget, dropping the least recently used', () => {
    const header = decodeNpy(fixtureBytes('valid', 'mrnet_like_u1.npy')).header; // (4, 16, 16) uint8
    const sliceBytes = sliceHeader(header).dataBytes;
    assert.equal(sliceBytes, 256);
    const cache = new SliceCache(header, 2 * sliceBytes);
    for (const k of [0, 1]) cache.put(k, new Uint8Array(sliceBytes));
    cache.get(0); // 1 is now the least recently used
    cache.put(2, new Uint8Array(sliceBytes));
    assert.deepEqual([cache.has(0), cache.has(1), cache.has(2)], [true, false, true]);
    assert.equal(cache.heldBytes, 2 * sliceBytes);
  });

  it('an array held whole is sent from its middle slice outwards, every slice once', () => {
    assert.deepEqual(middleOutwards(6), [2, 3, 1, 4, 0, 5]);
    assert.deepEqual(middleOutwards(1), [0]);
    const order = middleOutwards(64);
    assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 64 }, (_, k) => k));
    assert.deepEqual(order.slice(0, 3), [31, 32, 30]);
  });
});
