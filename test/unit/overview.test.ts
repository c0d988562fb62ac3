import * as assert from 'node:assert/strict';
import { readContent, readImagePart, readRegion } from '../../src/core/arraySource';
import { decodeNpyData } from '../../src/shared/npy/decode';
import { parseNpyHeader } from '../../src/shared/npy/header';
import {
  REGION_PIXELS,
  isOneImage,
  overviewLines,
  overviewStep,
  partHeader,
  partShape,
  regionProblem,
} from '../../src/shared/npy/overview';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { CountingSource, memorySource } from '../support/countingSource';
import { makeNpy } from './fixtures';

/** An (H, W[, C]) image whose element [y, x, c] is (7y + 3x + 100c) mod 65536, as uint16, in C or Fortran order. */
function image(shape: number[], fortran: boolean): Uint8Array {
  const [h, w, ch = 1] = shape;
  const data = new Uint16Array(h * w * ch);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < ch; c++)
        data[fortran ? y + h * (x + w * c) : (y * w + x) * ch + c] = (7 * y + 3 * x + 100 * c) & 0xffff;
  return makeNpy('<u2', shape, data, fortran);
}
const valueAt = (y: number, x: number, c: number) => (7 * y + 3 * x + 100 * c) & 0xffff;

describe('images too large to hold: an overview, and regions at full resolution', () => {
  for (const shape of [
    [300, 5000],
    [4100, 70, 3],
    [2500, 2600, 4],
    [900, 50, 1],
  ]) {
    for (const fortran of [false, true]) {
      it(`${JSON.stringify(shape)} ${fortran ? 'Fortran' : 'C'} order: the overview holds every step-th row and column; a region holds every pixel`, async () => {
        const bytes = image(shape, fortran);
        const header = parseNpyHeader(bytes, bytes.length);
        assert.ok(isOneImage(header));
        const step = overviewStep(header);
        assert.equal(step, Math.ceil(Math.max(shape[0], shape[1]) / 2048));
        // Above the threshold (here 1 KB), the image comes as its overview.
        const content = await readContent(memorySource('big.npy', bytes), 1024);
        assert.ok(content.kind === 'overview', JSON.stringify(Object.keys(content)));
        assert.equal(content.overview.step, step);
        const rows = overviewLines(shape[0], step);
        const cols = overviewLines(shape[1], step);
        const overview = decodeNpyData(
          partHeader(header, partShape(header, rows.length, cols.length)),
          new Uint8Array(content.overview.data),
        );
        const ch = shape[2] ?? 1;
        for (const [i, y] of [
          [0, 0],
          [rows.length - 1, rows.at(-1)!],
        ]) {
          for (const [j, x] of [
            [0, 0],
            [cols.length - 1, cols.at(-1)!],
            [1, step],
          ]) {
            for (let c = 0; c < ch; c++)
              assert.equal(
                overview.values[(i * cols.length + j) * ch + c],
                valueAt(y, x, c),
                `overview [${i}, ${j}, ${c}]`,
              );
          }
        }
        const region = { y0: 17, x0: 9, height: Math.min(40, shape[0] - 17), width: Math.min(33, shape[1] - 9) };
        const part = decodeNpyData(
          partHeader(header, partShape(header, region.height, region.width)),
          new Uint8Array(await readRegion(memorySource('big.npy', bytes), header, region)),
        );
        for (let y = 0; y < region.height; y++)
          for (let x = 0; x < region.width; x++)
            for (let c = 0; c < ch; c++)
              assert.equal(part.values[(y * region.width + x) * ch + c], valueAt(region.y0 + y, region.x0 + x, c));
      });
    }
  }

  it('reads only the lines that hold wanted pixels, in C order one read per row', async () => {
    const bytes = image([3000, 3000], false);
    const header = parseNpyHeader(bytes, bytes.length);
    const counting = new CountingSource(memorySource('big.npy', bytes));
    await readImagePart(counting, header, overviewLines(3000, 2), overviewLines(3000, 2));
    assert.equal(counting.reads, 1500);
    assert.ok(counting.bytes < bytes.length / 1.9, `${counting.bytes} of ${bytes.length}`);
  });

  it('a region the webview asks for is checked against the image and the size allowed', () => {
    const header = parseNpyHeader(image([300, 5000], false), image([300, 5000], false).length);
    assert.equal(regionProblem(header, { y0: 0, x0: 0, height: 300, width: 5000 }), undefined);
    assert.match(regionProblem(header, { y0: 1, x0: 0, height: 300, width: 10 })!, /outside/);
    assert.match(
      regionProblem(partHeader(header, [3000, 3000]), { y0: 0, x0: 0, height: 3000, width: 3000 })!,
      new RegExp(`larger than ${REGION_PIXELS}`),
    );
    assert.deepEqual(parseWebviewMessage({ type: 'readRegion', region: { y0: 1, x0: 2, height: 3, width: 4 } }), {
      type: 'readRegion',
      region: { y0: 1, x0: 2, height: 3, width: 4 },
    });
    // With the request's id, which the reply names.
    assert.deepEqual(
      parseWebviewMessage({ type: 'readRegion', region: { y0: 1, x0: 2, height: 3, width: 4 }, id: 2 }),
      {
        type: 'readRegion',
        region: { y0: 1, x0: 2, height: 3, width: 4 },
        id: 2,
      },
    );
    for (const forged of [
      { y0: -1, x0: 2, height: 3, width: 4 },
      { y0: 1, x0: 2, height: 3 },
      { y0: 1, x0: 2, height: 3, width: 4, path: '/etc' },
      '0,0,3,4',
    ]) {
      assert.equal(parseWebviewMessage({ type: 'readRegion', region: forged }), undefined, JSON.stringify(forged));
    }
  });

  it('a stack of images is no overview: a (5, 4, 6) volume is read slice by slice; an image on a file system without ranged reads is read whole or refused', async () => {
    const volume = makeNpy('|u1', [5, 4, 6], new Uint8Array(120));
    assert.equal(isOneImage(parseNpyHeader(volume, volume.length)), false);
    const bytes = image([300, 5000], false);
    const content = await readContent(memorySource('big.npy', bytes, false), 1024);
    assert.ok(content.kind === 'whole', 'read whole (it is below the whole-read limit)');
  });
});
