import * as assert from 'node:assert/strict';
import { mkdtempSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContent, readHeader, readSlice, sampleStatistics } from '../../src/core/arraySource';
import { sampleSlices } from '../../src/shared/npy/streaming';
import { LocalFileSource } from '../../src/arrays/localFileSource';
import { CountingSource, memorySource } from '../support/countingSource';
import { patternAt, writeLargeVolume } from '../../scripts/support/largeArray';
import { makeNpy } from './fixtures';

describe('reading arrays through an array source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mrnet-source-'));
  const shape: [number, number, number] = [40, 64, 64];
  const path = join(dir, 'volume.npy');
  const headerLength = writeLargeVolume(path, shape, [0, 19, 39]);
  const local = () => new LocalFileSource('volume.npy', path, statSync(path).size);
  const sliceBytes = 64 * 64;

  it('a large 3-D array on a ranged source reads its header and the slice shown first, nothing else; its statistics come from nine slices after', async () => {
    const source = new CountingSource(local());
    const content = await readContent(source, 1000);
    assert.ok(content.kind === 'sliceFirst');
    assert.equal(content.sliceFirst.first.index, 19);
    assert.equal(content.sliceFirst.whole, false, 'above the large-file threshold: slices are read as they are shown');
    assert.equal(new Uint8Array(content.sliceFirst.first.data)[64 + 3], patternAt(19, 1, 3));
    assert.equal(source.bytes, Math.min(4096, source.size) + sliceBytes);
    const { stats, slices } = await sampleStatistics(source, content.header);
    assert.equal(slices, 9);
    assert.equal(sampleSlices(40).length, 9);
    assert.equal(source.bytes, Math.min(4096, source.size) + 10 * sliceBytes);
    assert.equal(stats.max, 255);
  });

  it('a mid-size 3-D array is shown slice first and held whole: above sliceFirstAbove, at most the large-file threshold', async () => {
    const content = await readContent(new CountingSource(local()), Infinity, 1000);
    assert.ok(content.kind === 'sliceFirst' && content.sliceFirst.whole && content.sliceFirst.first.index === 19);
    // Not above it: read whole; an overlay (read with the large-file threshold alone) likewise.
    assert.ok((await readContent(local(), Infinity, 2 ** 30)).kind === 'whole');
    assert.ok((await readContent(local(), Infinity)).kind === 'whole');
  });

  it('a Fortran-order volume is shown along axis 0 from its middle slice: read whole up to the threshold, slice first above it', async () => {
    const [n, h, w] = [40, 6, 5];
    const fortran = new Uint8Array(n * h * w);
    for (let k = 0; k < n; k++)
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) fortran[k + n * (y + h * x)] = (k * 7 + y * 3 + x) % 251;
    const bytes = makeNpy('|u1', [n, h, w], fortran, true);
    const mid = await readContent(memorySource('f.npy', bytes), Infinity, 100);
    assert.ok(mid.kind === 'whole', 'held whole: its slices are not runs of bytes');
    const large = await readContent(memorySource('f.npy', bytes), 100);
    assert.ok(large.kind === 'sliceFirst' && !large.sliceFirst.whole);
    assert.equal(large.sliceFirst.first.index, 19, '(n - 1) // 2 of axis 0');
    assert.deepEqual(
      Array.from(new Uint8Array(large.sliceFirst.first.data)),
      Array.from({ length: h * w }, (_, i) => (19 * 7 + Math.floor(i / w) * 3 + (i % w)) % 251),
    );
  });

  it('below the threshold the array is read whole, once; a source without ranged reads is read whole whatever its size', async () => {
    const whole = new CountingSource(local());
    const content = await readContent(whole, Infinity);
    assert.ok(content.kind === 'whole' && content.data.byteLength === 40 * sliceBytes);
    assert.deepEqual([whole.reads, whole.bytes], [1, headerLength + 40 * sliceBytes]);
    const bytes = makeNpy(
      '<f4',
      [3, 2, 2],
      Float32Array.from({ length: 12 }, (_, i) => i),
    );
    const remote = new CountingSource(memorySource('remote.npy', bytes, false));
    assert.ok((await readContent(remote, 10)).kind === 'whole');
    assert.equal(remote.bytes, bytes.length);
    assert.equal((await readHeader(new CountingSource(memorySource('r.npy', bytes, false)))).shapeText, '(3, 2, 2)');
  });

  it('a slice of a file truncated after it was opened fails with a message; the content of a bad file names it', async () => {
    const source = local();
    const header = await readHeader(source);
    truncateSync(path, headerLength + 10 * sliceBytes);
    await assert.rejects(readSlice(source, header, 20), /ends inside slice 20/);
    const content = await readContent(local(), Infinity);
    assert.ok(
      content.kind === 'error' && content.fileName === 'volume.npy' && /truncated/.test(content.error),
      JSON.stringify(content),
    );
  });
});
