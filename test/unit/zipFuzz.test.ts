import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NpzArchive, openNpz } from '../../src/arrays/npzArchive';
import { ArraySource, readHeader } from '../../src/core/arraySource';
import { decodeNpyData } from '../../src/shared/npy/decode';
import { NpyFormatError } from '../../src/shared/npy/header';
import { Random } from '../../src/core/sample/random';
import { ZipFormatError } from '../../src/core/zip/zipDirectory';
import { memorySource } from '../support/countingSource';

const MUTATIONS = 10_000;
const EXTREMES = [0, 1, 0xffff, 0xffffffff, 0x7fffffff, 46, 1e9];

/** The offsets of every record with this signature. */
function records(file: Uint8Array, signature: number): number[] {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const found: number[] = [];
  for (let i = 0; i + 4 <= file.length; i++) if (v.getUint32(i, true) === signature) found.push(i);
  return found;
}

/** A real archive changed in one of the ways archives get broken, chosen by `random`. */
function mutate(file: Uint8Array, random: Random): Uint8Array {
  const out = file.slice();
  const v = new DataView(out.buffer);
  const pick = <T>(items: T[]) => items[random.int(0, items.length - 1)];
  const central = records(out, 0x02014b50);
  const end = records(out, 0x06054b50);
  const local = records(out, 0x04034b50);
  switch (random.int(0, 6)) {
    case 0: // flip bits anywhere
      for (let i = random.int(1, 4); i > 0; i--) out[random.int(0, out.length - 1)] ^= 1 << random.int(0, 7);
      return out;
    case 1: // truncate
      return out.subarray(0, random.int(0, out.length - 1));
    case 2: // append
      return new Uint8Array([...out, ...Array.from({ length: random.int(1, 64) }, () => random.int(0, 255))]);
    case 3: {
      // a central directory field: flags, method, crc, sizes, name length, extra length, offset
      const at = pick(central) + pick([8, 10, 16, 20, 24, 28, 30, 42]);
      const width = at - pick(central) >= 16 && ![28, 30].includes(at % 46) ? 4 : 2;
      if (width === 4) v.setUint32(at, pick(EXTREMES) >>> 0, true);
      else v.setUint16(at, pick(EXTREMES) & 0xffff, true);
      return out;
    }
    case 4: // an end-record field: counts, directory size and offset, comment length
      if (end.length) {
        const at = pick(end) + pick([8, 10, 12, 16, 20]);
        if (at - pick(end) >= 12 && at - pick(end) < 20) v.setUint32(at, pick(EXTREMES) >>> 0, true);
        else v.setUint16(at, pick(EXTREMES) & 0xffff, true);
      }
      return out;
    case 5: // a local header field: name and extra lengths, the ZIP64 sizes
      if (local.length) v.setUint16(pick(local) + pick([26, 28]), random.int(0, 300), true);
      return out;
    default: // bytes of a member's data
      for (let i = random.int(1, 8); i > 0; i--)
        out[random.int(Math.floor(out.length / 4), out.length - 1)] = random.int(0, 255);
      return out;
  }
}

describe('fuzzing the zip layer with mutated archives', function () {
  this.timeout(300_000);

  it(`${MUTATIONS} seeded mutations of NumPy's archives each end in a typed refusal or an exact decode, in bounded memory`, async () => {
    const dir = join(__dirname, '..', 'fixtures', 'npz', 'valid');
    const seeds = ['stored.npz', 'deflated.npz', 'scores_first.npz'].map(
      (f) => new Uint8Array(readFileSync(join(dir, f))),
    );
    const random = new Random(20261128);
    const counts = { archivesRefused: 0, membersRefused: 0, decoded: 0 };
    const typed = (e: unknown, what: string) => {
      if (!(e instanceof ZipFormatError || e instanceof NpyFormatError))
        throw new Error(`${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      assert.ok(e.message.length > 10, `${what}: "${e.message}"`);
    };
    for (let i = 0; i < MUTATIONS; i++) {
      const file = mutate(seeds[random.int(0, seeds.length - 1)], random);
      let npz: NpzArchive;
      try {
        npz = await openNpz(memorySource('fuzz.npz', file));
      } catch (e) {
        typed(e, `mutation ${i}`);
        counts.archivesRefused++;
        continue;
      }
      for (const member of npz.members) {
        if (member.problem) {
          counts.membersRefused++;
          continue;
        }
        const source: ArraySource = npz.open(member.name)!;
        try {
          const header = await readHeader(source);
          const bytes = await source.read(0, source.size);
          assert.equal(bytes.length, source.size, `mutation ${i}, ${member.name}: the member's bytes`);
          assert.ok(
            bytes.length <= Math.max(file.length * 1100, 1 << 20),
            `mutation ${i}: ${bytes.length} bytes from a ${file.length}-byte archive`,
          );
          const array = decodeNpyData(header, bytes.subarray(header.dataOffset));
          assert.equal(
            header.dataOffset + header.dataBytes,
            bytes.length,
            `mutation ${i}: decoded data must fill the member exactly`,
          );
          assert.equal(array.raw.length * (header.dtype.kind === 'complex' ? 0.5 : 1), header.count);
          counts.decoded++;
        } catch (e) {
          typed(e, `mutation ${i}, ${member.name}`);
          counts.membersRefused++;
        }
      }
    }
    assert.ok(
      counts.archivesRefused > 500 && counts.membersRefused > 500 && counts.decoded > 5000,
      JSON.stringify(counts),
    );
  });
});
