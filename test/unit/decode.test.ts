import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '../../src/shared/npy/decode';
import { formatElement, formatFloat } from '../../src/shared/npy/formatValue';
import { NpyFormatError, formatShape, parseNpyHeader } from '../../src/shared/npy/header';
import { FIXTURES, elementOffset, fixtureBytes, pyFloat, unravel, validFixtures } from './fixtures';

describe('decoding .npy files exactly as NumPy reads them', () => {
  const fixtures = validFixtures();

  it('has fixtures for every dtype, byte order, C/Fortran order and format version', () => {
    const files = fixtures.map((f) => f.file);
    for (const code of ['b1', 'i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f2', 'f4', 'f8', 'c8', 'c16']) {
      for (const layout of ['C', 'F']) {
        for (const version of [1, 2, 3]) {
          const orders = ['b1', 'i1', 'u1'].includes(code) ? ['na'] : ['le', 'be'];
          for (const order of orders)
            assert.ok(
              files.includes(`${code}_${order}_${layout}_v${version}.npy`),
              `${code} ${order} ${layout} v${version}`,
            );
        }
      }
    }
  });

  for (const fixture of fixtures) {
    it(`${fixture.file}: shape, dtype and every value a[index]`, () => {
      const array = decodeNpy(fixtureBytes('valid', fixture.file));
      const { header } = array;
      assert.deepEqual(header.shape, fixture.shape);
      assert.equal(header.fortranOrder, fixture.fortran);
      assert.equal(header.dtype.code, fixture.descr.slice(1));
      fixture.values.forEach((expected, i) => {
        const index = unravel(i, fixture.shape);
        const at = elementOffset(header, index);
        const where = `${fixture.file}[${index.join(', ')}]`;
        if (Array.isArray(expected)) {
          const [re, im] = expected.map(pyFloat);
          assert.equal(Number(array.raw[2 * at]), re, `${where} real part`);
          assert.equal(Number(array.raw[2 * at + 1]), im, `${where} imaginary part`);
          const magnitude = Math.hypot(re, im);
          assert.equal(
            array.values[at],
            header.dtype.code === 'c8' ? Math.fround(magnitude) : magnitude,
            `${where} magnitude`,
          );
        } else if (header.dtype.kind === 'float') {
          assert.ok(Object.is(array.values[at], pyFloat(expected)), `${where}: ${array.values[at]} != ${expected}`);
        } else {
          assert.equal(formatElement(array, at), expected, where);
        }
        // What the readout prints is what NumPy prints.
        assert.equal(formatElement(array, at), fixture.texts[i], `${where} printed`);
      });
    });
  }

  it('views little-endian data in place (no copy) and copies big-endian data', () => {
    const le = fixtureBytes('valid', 'f4_le_C_v1.npy');
    const be = fixtureBytes('valid', 'f4_be_C_v1.npy');
    assert.equal(decodeNpy(le).raw.buffer, le.buffer);
    assert.notEqual(decodeNpy(be).raw.buffer, be.buffer);
  });

  it('decodes data at an unaligned offset by copying it', () => {
    const file = fixtureBytes('valid', 'f8_le_C_v1.npy');
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    const array = decodeNpy(shifted.subarray(3));
    assert.deepEqual(Array.from(array.values), Array.from(decodeNpy(file).values));
  });

  describe('refuses malformed files with a message that names the problem', () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'malformed', 'expected.json'), 'utf8')) as Record<
      string,
      string
    >;
    const files = readdirSync(join(FIXTURES, 'malformed')).filter((f) => f.endsWith('.npy'));
    it('has an expectation for every malformed file', () =>
      assert.deepEqual(files.sort(), Object.keys(expected).sort()));
    for (const [file, fragment] of Object.entries(expected)) {
      it(`${file}: "${fragment}"`, () => {
        assert.throws(
          () => decodeNpy(fixtureBytes('malformed', file)),
          (e: unknown) => {
            assert.ok(e instanceof NpyFormatError, `${file} threw ${String(e)}`);
            assert.ok(e.message.includes(fragment), `"${e.message}" lacks "${fragment}"`);
            return true;
          },
        );
      });
    }
  });

  it('reads a header from its first bytes alone, checking the data size against the file size', () => {
    const file = fixtureBytes('valid', 'u1_na_C_v1.npy');
    const header = parseNpyHeader(file.subarray(0, 128), file.length);
    assert.equal(header.dataOffset, 128);
    assert.equal(header.dataBytes, file.length - 128);
  });
});

describe('formatting values as NumPy prints them', () => {
  it('prints shapes the NumPy way', () => {
    assert.equal(formatShape([]), '()');
    assert.equal(formatShape([5]), '(5,)');
    assert.equal(formatShape([44, 256, 256]), '(44, 256, 256)');
  });

  it('prints the shortest float that reads back as the same value of that size', () => {
    assert.equal(formatFloat(Math.fround(0.1), 4), '0.1');
    assert.equal(formatFloat(0.0999755859375, 2), '0.1'); // float16(0.1)
    assert.equal(formatFloat(1, 8), '1.0');
    assert.equal(formatFloat(-2, 4), '-2.0');
    assert.equal(formatFloat(NaN, 4), 'nan');
    assert.equal(formatFloat(-Infinity, 8), '-inf');
    assert.equal(formatFloat(0.1, 8), '0.1');
    assert.equal(formatFloat(Math.fround(123456789), 4), '1.2345679e+08');
    assert.equal(formatFloat(1234, 2), '1.234e+03');
    assert.equal(formatFloat(1e-5, 8), '1e-05');
  });

  it('prints complex numbers as (re+imj) and bools as True/False', () => {
    const c = decodeNpy(fixtureBytes('valid', 'c16_le_C_v1.npy'));
    assert.match(formatElement(c, 0), /^\(-?[\d.e+-]+[+-][\d.e+-]+j\)$/);
    const b = decodeNpy(fixtureBytes('valid', 'b1_na_C_v1.npy'));
    assert.ok(['True', 'False'].includes(formatElement(b, 0)));
  });
});
