import * as assert from 'node:assert/strict';
import { decodeNpy } from '../../src/shared/npy/decode';
import { formatElement } from '../../src/shared/npy/formatValue';
import { NpyFormatError } from '../../src/shared/npy/header';
import { Random } from '../../src/core/sample/random';
import { fixtureBytes, validFixtures } from './fixtures';

const MUTATIONS = 10_000;
const DESCRS = ["'<f4'", "'>f8'", "'|u1'", "'<i8'", "'<c16'", "'|b1'", "'<f2'", "'|O'", "'<U3'", "'<x9'", "''", "'<f4"];
const SHAPES = [
  '()',
  '(0,)',
  '(7,)',
  '(2, 3)',
  '(-1, 3)',
  '(4294967296, 4294967296)',
  '(2, 3, 4, 5, 6)',
  '(1,) * 3',
  '(9007199254740993,)',
  '((2,),)',
];

/** A valid file changed in one of the ways files get broken, chosen by `random`. */
function mutate(file: Uint8Array, random: Random): Uint8Array {
  const out = file.slice();
  const headerEnd = Math.min(file.length, 10 + (file[8] | (file[9] << 8)));
  const text = () => Buffer.from(out.subarray(0, headerEnd)).toString('latin1');
  const withHeader = (replaced: string) => {
    const bytes = Buffer.from(replaced, 'latin1');
    const result = new Uint8Array(bytes.length + file.length - headerEnd);
    result.set(bytes);
    result.set(file.subarray(headerEnd), bytes.length);
    // Keep the length field honest half the time, so the dict parser sees the change.
    if (random.next() < 0.5 && file[6] === 1) new DataView(result.buffer).setUint16(8, bytes.length - 10, true);
    return result;
  };
  switch (random.int(0, 7)) {
    case 0: // flip bytes anywhere
      for (let i = random.int(1, 4); i > 0; i--) out[random.int(0, out.length - 1)] ^= 1 << random.int(0, 7);
      return out;
    case 1: // flip bytes in the header
      for (let i = random.int(1, 3); i > 0; i--) out[random.int(0, headerEnd - 1)] = random.int(0, 255);
      return out;
    case 2: // truncate
      return out.subarray(0, random.int(0, out.length - 1));
    case 3: // append
      return new Uint8Array([...out, ...Array.from({ length: random.int(1, 16) }, () => random.int(0, 255))]);
    case 4: // another dtype
      return withHeader(text().replace(/'descr': *'[^']*'/, `'descr': ${DESCRS[random.int(0, DESCRS.length - 1)]}`));
    case 5: // another shape
      return withHeader(text().replace(/'shape': *\([^)]*\)/, `'shape': ${SHAPES[random.int(0, SHAPES.length - 1)]}`));
    case 6: // the other order
      return withHeader(text().replace(/True|False/, (m) => (m === 'True' ? 'False' : 'True')));
    default: // version and length bytes
      out[random.int(6, 9)] = random.int(0, 255);
      return out;
  }
}

describe('fuzzing the decoder with mutated files', function () {
  this.timeout(120_000);

  it(`${MUTATIONS} seeded mutations of valid files each end in a readable refusal or a consistent decode, within the file's size`, () => {
    const seeds = validFixtures().map((f) => fixtureBytes('valid', f.file));
    const random = new Random(20261127);
    let refused = 0;
    let decoded = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const file = mutate(seeds[random.int(0, seeds.length - 1)], random);
      try {
        const array = decodeNpy(file);
        const { header } = array;
        // np.load reads the bytes the shape needs; any after them are ignored.
        assert.ok(
          header.dataOffset + header.dataBytes <= file.length,
          `mutation ${i}: decoded data must lie within the file`,
        );
        const allocated =
          array.raw.byteLength + (array.values.buffer === array.raw.buffer ? 0 : array.values.byteLength);
        assert.ok(allocated <= 3 * file.length, `mutation ${i}: ${allocated} bytes for a ${file.length}-byte file`);
        if (header.count > 0) formatElement(array, header.count - 1);
        decoded++;
      } catch (e) {
        if (!(e instanceof NpyFormatError))
          throw new Error(`mutation ${i} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
        assert.ok(e.message.length > 10, `mutation ${i}: "${e.message}"`);
        refused++;
      }
    }
    assert.ok(refused > 1000 && decoded > 500, `${refused} refused, ${decoded} decoded`);
  });
});
