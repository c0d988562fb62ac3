import * as assert from 'node:assert/strict';
import { decodeNpy, wideIntegerStats } from '../../src/shared/npy/decode';
import { NpyFormatError } from '../../src/shared/npy/header';
import { defaultView, planeSource, viewValues } from '../../src/shared/npy/planeSource';
import { readsSliceBySlice } from '../../src/shared/npy/streaming';
import { formatStat } from '../../src/shared/format';
import { volumeStats } from '../../src/shared/windowing';
import { makeNpy, volumeView } from './fixtures';

describe('what is shown is what the array holds', () => {
  it('(H, W, 3|4) uint8 is a colour image in C and Fortran order, and stays whole above the slice-by-slice threshold', () => {
    const rgb = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i);
    const c = decodeNpy(makeNpy('|u1', [2, 3, 3], rgb));
    assert.deepEqual(defaultView(c), { rows: 0, cols: 1, slice: -1, channel: 2, index: [0, 0, 0] });
    // The same image in Fortran order: element [y, x, ch] at y + 2x + 6ch.
    const f = new Uint8Array(18);
    for (let y = 0; y < 2; y++)
      for (let x = 0; x < 3; x++) for (let ch = 0; ch < 3; ch++) f[y + 2 * x + 6 * ch] = rgb[(y * 3 + x) * 3 + ch];
    const fortran = decodeNpy(makeNpy('|u1', [2, 3, 3], f, true));
    assert.equal(defaultView(fortran)?.channel, 2);
    assert.deepEqual(Array.from(planeSource(fortran).slice(0)), Array.from(rgb));
    assert.equal(planeSource(fortran).valueAt(0, 1, 2), '15, 16, 17');
    for (const last of [1, 3, 4])
      assert.equal(readsSliceBySlice(decodeNpy(makeNpy('|u1', [4, 4, last], new Uint8Array(16 * last))).header), false);
    assert.equal(readsSliceBySlice(decodeNpy(makeNpy('|u1', [4, 4, 5], new Uint8Array(80))).header), true);
  });

  it('(H, W, 1) is one grey image', () => {
    const a = decodeNpy(makeNpy('<f4', [2, 3, 1], Float32Array.from([1, 2, 3, 4, 5, 6])));
    assert.deepEqual(defaultView(a), { rows: 0, cols: 1, slice: -1, channel: -1, index: [0, 0, 0] });
    const source = planeSource(a);
    assert.deepEqual([source.depth, source.height, source.width, source.channels], [1, 2, 3, 1]);
    assert.deepEqual(Array.from(source.slice(0)), [1, 2, 3, 4, 5, 6]);
    assert.equal(source.indexAt(0, 1, 2), '[1, 2, 0]');
  });

  it('float (H, W, 3|4) with every value in [0, 1] is a colour image, or its channels as slices when asked; other floats are volumes', () => {
    const inRange = decodeNpy(
      makeNpy(
        '<f4',
        [2, 2, 3],
        Float32Array.from({ length: 12 }, (_, i) => i / 11),
      ),
    );
    assert.equal(defaultView(inRange)?.channel, 2);
    assert.deepEqual(defaultView(inRange, { asChannels: true }), {
      rows: 0,
      cols: 1,
      slice: 2,
      channel: -1,
      index: [0, 0, 0],
    });
    const channels = planeSource(inRange, defaultView(inRange, { asChannels: true }));
    assert.deepEqual([channels.depth, channels.height, channels.width], [3, 2, 2]);
    assert.equal(channels.valueAt(1, 0, 1), '0.36363637'); // element [0, 1, 1] = 4/11 as float32
    const outOfRange = decodeNpy(
      makeNpy(
        '<f4',
        [2, 2, 3],
        Float32Array.from({ length: 12 }, (_, i) => i),
      ),
    );
    assert.deepEqual(defaultView(outOfRange), { rows: 1, cols: 2, slice: 0, channel: -1, index: [0, 0, 0] });
  });

  it('64-bit integers: exact min, max and mean; values decoded as fast as other 8-byte dtypes, to the nearest double', () => {
    const big = BigInt64Array.from([-9223372036854775808n, 9223372036854775807n, 1n, -3n]);
    const a = decodeNpy(makeNpy('<i8', [4], big));
    assert.deepEqual(wideIntegerStats(a), { min: '-9223372036854775808', max: '9223372036854775807', mean: '-0.75' });
    assert.deepEqual(Array.from(a.values), Array.from(big, Number));
    const u = decodeNpy(makeNpy('<u8', [3], BigUint64Array.from([18446744073709551615n, 0n, 2n ** 53n + 1n])));
    assert.deepEqual(wideIntegerStats(u), { min: '0', max: '18446744073709551615', mean: '6151917090988097536' }); // (2^64 - 1 + 2^53 + 1) / 3, exactly
    assert.deepEqual(Array.from(u.values), [2 ** 64, 0, 2 ** 53]);
    // More elements than one exact partial sum holds (2^20): the sums are carried over.
    const many = BigInt64Array.from({ length: 1_100_000 }, (_, i) => swap64(BigInt(i) * 3n - 4_000_000n));
    const stats = wideIntegerStats(decodeNpy(makeNpy('>i8', [1_100_000], many)))!;
    assert.deepEqual(stats, { min: '-4000000', max: '-700003', mean: '-2350001.5' });
    // What the info panel shows of a float64 that is a huge integer: never fake digits.
    assert.equal(formatStat(-9223372036854775808), '-9.223e+18');
  });

  it('4-D and larger: the default contrast is that of the volume shown, following the leading index', () => {
    const values = Float32Array.from({ length: 2 * 2 * 2 * 2 }, (_, i) => (i < 8 ? i : 1000 + i));
    for (const fortran of [false, true]) {
      const a = decodeNpy(makeNpy('<f4', [2, 2, 2, 2], fortran ? toFortran(values, [2, 2, 2, 2]) : values, fortran));
      assert.deepEqual(
        Array.from(viewValues(a, volumeView(a, 0, [0]))).sort((x, y) => x - y),
        [0, 1, 2, 3, 4, 5, 6, 7],
      );
      assert.deepEqual(volumeStats(viewValues(a, volumeView(a, 0, [1]))).min, 1008);
    }
  });

  it('more than 64 dimensions is refused as NumPy refuses it; an empty array may declare a dimension above 2^53', () => {
    assert.throws(
      () => decodeNpy(makeNpy('<f4', new Array(65).fill(1), new Float32Array(1))),
      (e: unknown) => e instanceof NpyFormatError && /65 dimensions; NumPy allows at most 64/.test(e.message),
    );
    assert.equal(decodeNpy(makeNpy('<f4', new Array(64).fill(1), new Float32Array(1))).header.count, 1);
    const empty = decodeNpy(makeNpy('<f8', [9007199254740993n, 0], new Uint8Array(0)));
    assert.equal(empty.header.count, 0);
    assert.equal(empty.header.shapeText, '(9007199254740993, 0)');
    assert.throws(() => decodeNpy(makeNpy('<f8', [9007199254740993n, 1], new Uint8Array(0))), /too large/);
  });

  it('a dtype named like an object property (constructor, toString) is refused like any unknown dtype', () => {
    for (const descr of ['<constructor', '|toString', '<__proto__']) {
      assert.throws(
        () => decodeNpy(makeNpy(descr, [1], new Uint8Array(8))),
        (e: unknown) => e instanceof NpyFormatError && e.message.includes(`dtype '${descr}'`),
        descr,
      );
    }
  });
});

function swap64(v: bigint): bigint {
  const b = new DataView(new ArrayBuffer(8));
  b.setBigInt64(0, v, true);
  return b.getBigInt64(0, false);
}

/** The Fortran-order data of a C-order array of this shape. */
function toFortran(values: Float32Array, shape: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let rest = i;
    let f = 0;
    let stride = 1;
    const index = new Array<number>(shape.length);
    for (let a = shape.length - 1; a >= 0; a--) {
      index[a] = rest % shape[a];
      rest = Math.floor(rest / shape[a]);
    }
    for (let a = 0; a < shape.length; a++) {
      f += index[a] * stride;
      stride *= shape[a];
    }
    out[f] = values[i];
  }
  return out;
}
