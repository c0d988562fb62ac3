import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  EMBEDDED_MIME_TYPE,
  embeddedArray,
  embeddedCaseInfo,
  embeddedMiddleSlice,
  fromBase64,
  readEmbeddedOutput,
} from '../../src/shared/notebook/embeddedOutput';
import { decodeNpyData } from '../../src/shared/npy/decode';
import { PROGRAM_PACKAGES, pinnedVenv } from '../../scripts/support/pythonVenv';

const PACKAGE = join(__dirname, '..', '..', 'python');

/** Bundles mrnet_viewer.embed writes for every dtype, with NumPy's own list of each array's values in its file's order. */
const WRITER = `
import json
import numpy as np
from mrnet_viewer import MIME_TYPE, embed
out = {}
for dtype in ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
              "float16", "float32", "float64", ">f4", ">i2", "complex64", "complex128"]:
    a = (np.arange(3 * 4 * 5) % 11 - 5).astype(dtype).reshape(3, 4, 5)
    if dtype == "float32":
        a = np.asfortranarray(a)
    values = a.ravel(order="F" if dtype == "float32" else "C").tolist()  # the file's own order
    out[dtype] = {"payload": embed(a).data[MIME_TYPE],
                  "values": [[v.real, v.imag] for v in values] if a.dtype.kind == "c" else [float(v) for v in values]}
cases = {"0000": {"coronal": np.zeros((2, 3, 3), np.uint8),
                  "axial": (np.arange(4 * 3 * 3) * 1000).astype(">i4").reshape(4, 3, 3)}}
out["case"] = embed(cases, labels={"0000": {"acl": 1, "meniscus": 0}}, predictions={"0000": {"acl": 0.25}}).data[MIME_TYPE]
print(json.dumps(out))
`;

describe('The notebook package (python/, mrnet_viewer) and the output it writes', function () {
  this.timeout(300_000);
  let python: string;
  before(() => (python = pinnedVenv(PROGRAM_PACKAGES)));

  it("passes its own tests (pytest, in the pinned venv: NumPy, pandas, torch's CPU build)", () => {
    try {
      execFileSync(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], {
        cwd: PACKAGE,
        encoding: 'utf8',
        env: { ...process.env, PYTHONPATH: PACKAGE, PYTHONDONTWRITEBYTECODE: '1' },
      });
    } catch (e) {
      assert.fail(`pytest failed:\n${(e as { stdout?: string }).stdout ?? String(e)}`);
    }
  });

  describe('read back as the renderer reads it', () => {
    let written: Record<string, { payload: unknown; values: (number | [number, number])[] }> & { case: unknown };
    before(() => {
      written = JSON.parse(
        execFileSync(python, ['-c', WRITER], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: PACKAGE } }),
      ) as typeof written;
    });

    for (const dtype of ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'].concat([
      'float16',
      'float32',
      'float64',
      '>f4',
      '>i2',
      'complex64',
      'complex128',
    ]))
      it(`${dtype}: the values decoded equal NumPy's`, async () => {
        const output = readEmbeddedOutput(written[dtype].payload);
        assert.ok(!('error' in output) && output.array, JSON.stringify(output).slice(0, 200));
        const content = await embeddedArray(output.array.name, output.array.npy);
        assert.equal(content.kind, 'whole');
        if (content.kind !== 'whole') return;
        assert.deepEqual(content.header.shape, [3, 4, 5]);
        assert.equal(content.header.fortranOrder, dtype === 'float32');
        const decoded = decodeNpyData(content.header, new Uint8Array(content.data));
        // Complex: its stored pairs (values are magnitudes); 64-bit integers: BigInts as numbers.
        const shown = dtype.startsWith('complex') ? decoded.raw : decoded.values;
        const values = Array.from(shown as ArrayLike<number | bigint>, Number);
        const expected = written[dtype].values.flat();
        assert.deepEqual(values, expected);
      });

    it("a case's labels and probabilities become the header's badges, the outcome at 0.5", () => {
      const output = readEmbeddedOutput(written.case);
      assert.ok(!('error' in output) && output.cases);
      const [c] = output.cases;
      assert.deepEqual(
        c.planes.map((p) => p.plane),
        ['coronal', 'axial'],
      );
      assert.deepEqual(embeddedCaseInfo(output, c).labels, [
        { task: 'acl', name: 'ACL', value: 1, probability: 0.25, outcome: 'FN' },
        { task: 'meniscus', name: 'Meniscus', value: 0 },
      ]);
    });

    it("reads each plane's middle slice apart, with the whole array's header, and refuses one that is not that slice", async () => {
      const output = readEmbeddedOutput(written.case);
      assert.ok(!('error' in output) && output.cases);
      for (const { plane, npy, middle } of output.cases[0].planes) {
        assert.ok(middle, plane);
        const whole = await embeddedArray(plane, npy);
        const first = await embeddedMiddleSlice(plane, middle);
        assert.ok(whole.kind === 'whole' && first?.kind === 'sliceFirst', plane);
        assert.deepEqual(first.header, whole.header);
        const { index, data } = first.sliceFirst.first;
        assert.equal(index, Math.floor((whole.header.shape[0] - 1) / 2));
        const length = whole.data.byteLength / whole.header.shape[0];
        assert.deepEqual(new Uint8Array(data), new Uint8Array(whole.data, index * length, length));
      }
      const { middle } = output.cases[0].planes[1];
      assert.equal(await embeddedMiddleSlice('axial', { ...middle!, index: 4 }), undefined, 'beyond the slices');
      assert.equal(
        await embeddedMiddleSlice('axial', { index: 1, npy: output.cases[0].planes[1].npy }),
        undefined,
        'the whole array, not one slice',
      );
    });
  });

  it('refuses what mrnet_viewer does not write, and says a newer format is newer', () => {
    assert.match((readEmbeddedOutput({ version: 2 }) as { error: string }).error, /newer mrnet_viewer \(format 2\)/);
    const base = { version: 1, title: 't', notes: [] };
    assert.ok('error' in readEmbeddedOutput(base), 'neither an array nor cases');
    assert.ok('error' in readEmbeddedOutput({ ...base, array: { name: 'a', npy: 'not base64!' } }));
    const planes = [{ plane: 'frontal', npy: 'AAAA', overlays: [] }];
    assert.ok('error' in readEmbeddedOutput({ ...base, cases: [{ id: '1', labels: {}, predictions: {}, planes }] }));
    const inherited = readEmbeddedOutput({
      ...base,
      cases: [{ id: '1', labels: {}, predictions: {}, planes: [{ plane: 'axial', npy: 'AAAA', overlays: [] }] }],
    });
    assert.ok(!('error' in inherited) && inherited.cases && !('toString' in inherited.cases[0].labels));
  });

  it('says which array of an output cannot be read, and why', async () => {
    const content = await embeddedArray('case 0000, axial', 'AAAA');
    assert.equal(content.kind, 'error');
    assert.match(content.kind === 'error' ? content.error : '', /^case 0000, axial cannot be read from this output: /);
  });

  it('decodes base64 a chunk at a time, whatever its padding', () => {
    for (const bytes of [0, 1, 2, 3, 786_433].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 255)))
      assert.deepEqual(fromBase64(Buffer.from(bytes).toString('base64')), bytes);
    assert.equal(EMBEDDED_MIME_TYPE, 'application/vnd.mrnet-viewer.v1+json');
  });
});
