import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpyData } from '../../src/shared/npy/decode';
import { parseDescr, DType } from '../../src/shared/npy/dtype';
import { formatElement, formatFloat } from '../../src/shared/npy/formatValue';
import { NpyHeader } from '../../src/shared/npy/header';
import { FIXTURES } from './fixtures';

/** How NumPy 2.4.6 prints scalars (test/fixtures/make_printing_fixtures.py). */
const printing = JSON.parse(readFileSync(join(FIXTURES, 'printing.json'), 'utf8')) as {
  numpy: string;
  f2: string[];
  f4: [string, string][];
  f8: [string, string][];
  c8: [string, string, string][];
  c16: [string, string, string][];
};

/** A one-element array of this dtype holding `bytes`, decoded as the viewer decodes files. */
function element(descr: string, bytes: Uint8Array): ReturnType<typeof decodeNpyData> {
  const dtype = parseDescr(descr) as DType;
  const header: NpyHeader = {
    version: '1.0',
    dtype,
    fortranOrder: false,
    shape: [1],
    shapeText: '(1,)',
    count: 1,
    dataOffset: 0,
    dataBytes: bytes.length,
    fileSize: bytes.length,
  };
  return decodeNpyData(header, bytes);
}
const le = (bits: bigint, size: number) => {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  return out;
};

/** Every finite float16, sorted: the nearest of them is what a text reads back as. */
const FLOAT16 = printing.f2
  .map((_, bits) => element('<f2', le(BigInt(bits), 2)).values[0])
  .filter((v) => Number.isFinite(v) && (v > 0 || Object.is(v, 0)))
  .sort((a, b) => a - b);
function roundToFloat16(x: number): number {
  const a = Math.abs(x);
  let lo = 0;
  let hi = FLOAT16.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (FLOAT16[mid] <= a) lo = mid;
    else hi = mid;
  }
  const [below, above] = [FLOAT16[lo], FLOAT16[hi]];
  const nearest =
    a - below < above - a ? below : a - below > above - a ? above : FLOAT16.indexOf(below) % 2 === 0 ? below : above;
  return Math.sign(x) * nearest;
}
const readBack: Record<number, (x: number) => number> = { 2: roundToFloat16, 4: Math.fround, 8: (x) => x };

describe('the readout prints what NumPy 2.4.6 prints, and every text reads back as the same value', () => {
  it('the fixtures come from the NumPy version the README names', () => assert.equal(printing.numpy, '2.4.6'));

  const check = (descr: string, rows: [bigint, string][]) => {
    const size = Number(descr.slice(2));
    let failures = 0;
    for (const [bits, expected] of rows) {
      const array = element(descr, le(bits, size));
      const text = formatElement(array, 0);
      if (text !== expected && failures++ < 5)
        assert.fail(`${descr} bits ${bits}: printed ${text}, NumPy prints ${expected}`);
      const value = array.values[0];
      if (Number.isFinite(value))
        assert.ok(
          Object.is(readBack[size](Number(text)), value),
          `${descr} ${text} reads back as ${readBack[size](Number(text))}, not ${value}`,
        );
    }
    assert.equal(failures, 0);
  };

  it('all 65,536 float16 bit patterns', () =>
    check(
      '<f2',
      printing.f2.map((t, bits) => [BigInt(bits), t]),
    ));
  it(`float32 across magnitudes 1e-30 to 1e30 and every boundary (${printing.f4.length} values)`, () =>
    check(
      '<f4',
      printing.f4.map(([b, t]) => [BigInt(b), t]),
    ));
  it(`float64 across magnitudes 1e-30 to 1e30 and every boundary (${printing.f8.length} values)`, () =>
    check(
      '<f8',
      printing.f8.map(([b, t]) => [BigInt(b), t]),
    ));

  for (const [descr, rows] of [
    ['<c8', printing.c8],
    ['<c16', printing.c16],
  ] as const) {
    it(`${descr === '<c8' ? 'complex64' : 'complex128'}: ${rows.length} values from those components, NaN, infinities and signed zeros`, () => {
      const size = descr === '<c8' ? 4 : 8;
      for (const [re, im, expected] of rows) {
        const bytes = new Uint8Array(2 * size);
        bytes.set(le(BigInt(re), size));
        bytes.set(le(BigInt(im), size), size);
        assert.equal(formatElement(element(descr, bytes), 0), expected, `${descr} (${re}, ${im})`);
      }
    });
  }

  it('switches to scientific notation where NumPy does: 1e3 (float16), 1e6 (float32), 1e16 (float64), below 1e-4', () => {
    assert.equal(formatFloat(999.5, 2), '999.5');
    assert.equal(formatFloat(1000, 2), '1e+03');
    assert.equal(formatFloat(Math.fround(999999.94), 4), '999999.94');
    assert.equal(formatFloat(1e6, 4), '1e+06');
    assert.equal(formatFloat(1234567, 8), '1234567.0');
    assert.equal(formatFloat(1e16, 8), '1e+16');
    assert.equal(formatFloat(Math.fround(1e-4), 4), '1e-04');
    assert.equal(formatFloat(1e-4, 8), '0.0001');
  });
});
