import * as assert from 'node:assert/strict';
import { decodeNpy } from '../../src/shared/npy/decode';
import { planeSource } from '../../src/shared/npy/planeSource';
import { volumeStats } from '../../src/shared/windowing';
import {
  SliceCache,
  middleOutwards,
  readsSliceBySlice,
  sampleSlices,
  sampledStats,
  sliceByteRange,
  sliceHeader,
  streamedPlaneSource,
} from '../../src/shared/npy/streaming';
import { readSlice, readSlices } from '../../src/core/arraySource';
import { CountingSource, memorySource } from '../support/countingSource';
import { fixtureBytes, makeNpy, validFixtures } from './fixtures';

describe('reading large arrays slice by slice', () => {
  const volumes = validFixtures()
    .filter((f) => f.shape.length === 3 && f.shape[2] > 4)
    .map((f) => f.file);

  for (const file of volumes.filter((f) => /^(u1|f4|i8|c8|b1)_/.test(f))) {
    it(`${file}: slices read through its source show, along axis 0, exactly what the whole array shows`, async () => {
      const bytes = fixtureBytes('valid', file);
      const whole = decodeNpy(bytes);
      const { header } = whole;
      assert.ok(readsSliceBySlice(header));
      const cache = new SliceCache(header, Infinity);
      const requested: number[] = [];
      const streamed = streamedPlaneSource(header, cache, (k) => requested.push(k));
      const reference = planeSource(whole);
      assert.deepEqual(
        [streamed.depth, streamed.height, streamed.width],
        [reference.depth, reference.height, reference.width],
      );
      const source = memorySource(file, bytes);
      for (let k = 0; k < streamed.depth; k++) {
        assert.equal(streamed.valueAt(k, 0, 0), '…', 'not read yet');
        assert.ok(requested.includes(k));
        cache.put(k, new Uint8Array(await readSlice(source, header, k)));
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

  it('a Fortran-order array gives every slice asked for in one pass over its columns, read in runs', async () => {
    const [n, h, w] = [5, 3, 4];
    const values = Float64Array.from({ length: n * h * w }, (_, i) => i); // C-order values 0..59
    const fortran = new Float64Array(values.length);
    for (let k = 0; k < n; k++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) fortran[k + n * (y + h * x)] = values[(k * h + y) * w + x];
    const bytes = makeNpy('<f8', [n, h, w], fortran, true);
    const source = new CountingSource(memorySource('f.npy', bytes));
    const header = decodeNpy(bytes).header;
    const slices = await readSlices(source, header, [4, 0, 2]);
    assert.deepEqual(
      slices.map((b) => Array.from(new Float64Array(b))),
      [4, 0, 2].map((k) => Array.from(values.subarray(k * h * w, (k + 1) * h * w))),
    );
    assert.equal(source.bytes, n * h * w * 8, 'the data once, for the three slices');
    const truncated = memorySource('t.npy', bytes.subarray(0, bytes.length - 8));
    await assert.rejects(
      readSlice(truncated, { ...header, fileSize: bytes.length }, 1),
      /ends inside column 3 \(Fortran order/,
    );
  });

  it('samples up to eight slices spread over the volume, first and last included', () => {
    assert.deepEqual(sampleSlices(5), [0, 1, 2, 3, 4]);
    assert.deepEqual(sampleSlices(512), [0, 73, 146, 219, 255, 292, 365, 438, 511]);
  });

  it('statistics from sampled slices are those of the sampled values', () => {
    const bytes = fixtureBytes('valid', 'u1_na_C_v3.npy'); // (3, 5, 7)
    const whole = decodeNpy(bytes);
    const stats = sampledStats(
      whole.header,
      [0, 1, 2].map((k) => {
        const { offset, length } = sliceByteRange(whole.header, k);
        return bytes.slice(offset, offset + length);
      }),
    );
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
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      Array.from({ length: 64 }, (_, k) => k),
    );
    assert.deepEqual(order.slice(0, 3), [31, 32, 30]);
  });
});
