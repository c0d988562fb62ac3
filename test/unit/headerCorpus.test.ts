import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dtypeStr } from '../../src/shared/npy/dtype';
import { NpyHeader, parseNpyHeader } from '../../src/shared/npy/header';

interface CorpusFile {
  name: string;
  version: [number, number];
  header: string;
  data: number;
  numpy: { ok: true; shape: string[]; dtype: string; kind: string; fortran: boolean } | { ok: false; error: string };
}
const corpus = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'headers', 'corpus.json'), 'utf8')) as {
  numpy: string;
  python: string;
  files: CorpusFile[];
};

/** The file: magic, version, header length, the header's bytes, then zeros for data. */
function fileOf(f: CorpusFile): Uint8Array {
  const header = Buffer.from(f.header, 'base64');
  const prefix = f.version[0] === 1 ? 10 : 12;
  const bytes = new Uint8Array(prefix + header.length + f.data);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, f.version[0], f.version[1]]);
  const view = new DataView(bytes.buffer);
  if (prefix === 10) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  bytes.set(header, prefix);
  return bytes;
}

/** The numeric kinds the viewer shows: bool, signed and unsigned integers, floats up to 64 bits, complex up to 128. */
const shownByUs = (dtype: string, kind: string) => 'biufc'.includes(kind) && !/^[<>|](f16|c32)$/.test(dtype);

describe(`the .npy header is read exactly as NumPy ${corpus.numpy} (Python ${corpus.python}) reads it: ${corpus.files.length} headers of test/fixtures/make_header_corpus.py`, () => {
  for (const f of corpus.files) {
    const verdict = f.numpy;
    const expectation = verdict.ok
      ? `NumPy loads it as ${verdict.dtype} ${JSON.stringify(verdict.shape)}`
      : `NumPy refuses it (${verdict.error})`;
    it(`${f.name} (v${f.version.join('.')}): ${expectation}`, () => {
      const bytes = fileOf(f);
      let header: NpyHeader | undefined;
      let refusal: string | undefined;
      try {
        header = parseNpyHeader(bytes, bytes.length);
      } catch (e) {
        refusal = (e as Error).message;
      }
      if (!verdict.ok)
        return assert.equal(
          header,
          undefined,
          `we read what NumPy refuses: ${JSON.stringify(header && { shape: header.shapeText, dtype: dtypeStr(header.dtype) })}`,
        );
      if (!shownByUs(verdict.dtype, verdict.kind)) {
        assert.equal(header, undefined);
        return assert.match(
          refusal!,
          /does not show|not shown|never unpickled/,
          'a dtype NumPy reads is said to be one the viewer does not show',
        );
      }
      assert.equal(refusal, undefined, 'NumPy reads it');
      assert.deepEqual(
        { shape: header!.shapeText, dtype: dtypeStr(header!.dtype), fortran: header!.fortranOrder },
        {
          shape: verdict.shape.length === 1 ? `(${verdict.shape[0]},)` : `(${verdict.shape.join(', ')})`,
          dtype: verdict.dtype,
          fortran: verdict.fortran,
        },
      );
    });
  }
});
