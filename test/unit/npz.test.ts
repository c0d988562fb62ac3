import * as assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContent } from '../../src/core/arraySource';
import { decodeNpyData } from '../../src/shared/npy/decode';
import { formatElement } from '../../src/shared/npy/formatValue';
import { firstMember, openNpz } from '../../src/arrays/npzArchive';
import { ZipFormatError } from '../../src/core/zip/zipDirectory';
import { LocalFileSource } from '../../src/arrays/localFileSource';
import { CountingSource, memorySource } from '../support/countingSource';
import { largeVolumeMember, patternAt } from '../../scripts/support/largeArray';
import { writeZip } from '../../scripts/support/zipWriter';
import { elementOffset, pyFloat, unravel } from './fixtures';

const NPZ = join(__dirname, '..', 'fixtures', 'npz');
const archive = (kind: 'valid' | 'malformed', name: string, ranged = true) =>
  memorySource(name, new Uint8Array(readFileSync(join(NPZ, kind, name))), ranged);

interface ExpectedMember {
  name: string;
  shape: number[];
  dtype: string;
  method: 'stored' | 'deflated';
  values: string[];
}

describe('.npz archives as NumPy writes them', () => {
  const expected = JSON.parse(readFileSync(join(NPZ, 'valid', 'expected.json'), 'utf8')) as Record<
    string,
    ExpectedMember[]
  >;

  for (const [file, members] of Object.entries(expected)) {
    it(`${file}: lists every member in order and reads each exactly as NumPy does`, async () => {
      const npz = await openNpz(archive('valid', file));
      assert.deepEqual(
        npz.members.map((m) => [m.name, m.method, m.shape]),
        members.map((m) => [m.name, m.method, m.shape.length === 1 ? `(${m.shape[0]},)` : `(${m.shape.join(', ')})`]),
      );
      for (const member of members) {
        const content = await readContent(npz.open(member.name)!, Infinity);
        assert.ok(content.kind === 'whole', `${member.name}: ${JSON.stringify(content)}`);
        assert.equal(content.fileName, `${file}: ${member.name}`);
        const array = decodeNpyData(content.header, new Uint8Array(content.data));
        assert.equal(array.header.dtype.code, member.dtype.slice(1));
        member.values.forEach((v, i) => {
          const at = elementOffset(array.header, unravel(i, member.shape));
          if (array.header.dtype.kind === 'float') assert.equal(array.values[at], pyFloat(v), `${member.name}[${i}]`);
          else assert.equal(formatElement(array, at), v, `${member.name}[${i}]`);
        });
      }
    });
  }

  it('names with folders and non-ASCII characters; the first image or volume is shown first', async () => {
    const npz = await openNpz(archive('valid', 'stored.npz'));
    assert.ok(npz.members.some((m) => m.name === 'dir/ünïcode.npy'));
    assert.equal(firstMember(npz.members)?.name, 'volume.npy');
    assert.equal(firstMember((await openNpz(archive('valid', 'scores_first.npz'))).members)?.name, 'image.npy');
  });

  it('a stored member of a local archive is read in place: listing reads headers, a slice costs its own bytes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mrnet-npz-')), 'large.npz');
    writeZip(path, [
      largeVolumeMember('scan/volume.npy', [40, 64, 64], [0, 19, 39]),
      largeVolumeMember('other.npy', [40, 64, 64], []),
    ]);
    const size = statSync(path).size;
    const counting = new CountingSource(new LocalFileSource('large.npz', path, size));
    const npz = await openNpz(counting);
    assert.deepEqual(
      npz.members.map((m) => [m.name, m.shape, m.dtype, m.method]),
      [
        ['scan/volume.npy', '(40, 64, 64)', 'uint8', 'stored'],
        ['other.npy', '(40, 64, 64)', 'uint8', 'stored'],
      ],
    );
    assert.ok(counting.bytes <= 22 + 200 + 2 * (30 + 40 + 4096), `listing read ${counting.bytes} of ${size} bytes`);
    const volume = npz.open('scan/volume.npy')!;
    assert.equal(volume.ranged, true);
    const before = counting.bytes;
    const content = await readContent(volume, 64 * 64 * 10); // above the threshold: slice by slice
    assert.ok(content.kind === 'sliceFirst');
    assert.equal(new Uint8Array(content.sliceFirst.first.data)[64 * 2 + 5], patternAt(19, 2, 5));
    assert.equal(
      counting.bytes - before,
      30 + 4096 + 64 * 64,
      'the local header, the array header and the slice shown first',
    );
    assert.equal((await openNpz(archive('valid', 'deflated.npz'))).open('volume.npy')!.ranged, false);
    // Read whole, a member is checked against its CRC-32: a changed byte is caught, never shown.
    const whole = await readContent(volume, Infinity);
    assert.ok(whole.kind === 'whole');
    const fd = openSync(path, 'r+');
    const sliceFive = 30 + 'scan/volume.npy'.length + 20 + (content.header.dataOffset + 5 * 64 * 64);
    writeSync(fd, new Uint8Array([1]), 0, 1, sliceFive);
    closeSync(fd);
    const corrupt = await readContent(
      (await openNpz(new LocalFileSource('large.npz', path, size))).open('scan/volume.npy')!,
      Infinity,
    );
    assert.ok(
      corrupt.kind === 'error' &&
        /CRC-32 is 0x[0-9a-f]{8}, not the 0x[0-9a-f]{8} the archive records/.test(corrupt.error),
      JSON.stringify(corrupt),
    );
  });
});

describe('.npz archives that are not right', () => {
  const expected = JSON.parse(readFileSync(join(NPZ, 'malformed', 'expected.json'), 'utf8')) as Record<
    string,
    { archive?: string; member?: [string, string] }
  >;
  for (const [file, { archive: archiveError, member }] of Object.entries(expected)) {
    it(`${file}: ${archiveError ? `the archive is refused ("${archiveError}")` : `member ${member![0]} is refused ("${member![1]}")`}`, async () => {
      if (archiveError) {
        await assert.rejects(
          openNpz(archive('malformed', file)),
          (e: unknown) => e instanceof ZipFormatError && e.message.includes(archiveError),
        );
        return;
      }
      const [name, fragment] = member!;
      const npz = await openNpz(archive('malformed', file));
      const listed = npz.members.find((m) => m.name === name)!;
      const content = listed.problem
        ? ({ kind: 'error', fileName: name, error: listed.problem } as const)
        : await readContent(npz.open(name)!, Infinity);
      assert.ok(content.kind === 'error' && content.error.includes(fragment), `${name}: ${JSON.stringify(content)}`);
    });
  }
});
