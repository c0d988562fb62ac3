import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SnapshotAnswer,
  SnapshotRequest,
  parseChunk,
  parseSnapshotAnswer,
  snapshotExpression,
} from '../../src/core/debug/snapshotAnswer';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { PROGRAM_PACKAGES, pinnedVenv } from '../../scripts/support/pythonVenv';

const HELPER = readFileSync(join(__dirname, '..', '..', 'src', 'debugger', 'snapshot.py'), 'utf8');

/**
 * Evaluates `expression` as debugpy does in a paused function's frame (its locals merged over
 * its globals, eval), after `setup` made the frame's variables; answers what a debugger shows
 * (the result's repr) and whether the frame's names changed.
 */
const DRIVER = `
import json, sys
import numpy as np
request = json.loads(sys.stdin.read())
frame_locals = {}
exec(request["setup"], {"np": np}, frame_locals)
scope = dict(globals())
scope.update(frame_locals)
before = set(scope)
shown = repr(eval(request["expression"], scope))
print(json.dumps({"shown": shown, "added": sorted(set(scope) - before)}))
`;

describe('The debugger helper (snapshot.py), run by a real Python as debugpy runs it', function () {
  this.timeout(120_000);
  let python: string;
  let folder: string;
  const token = 'a-token';
  before(() => {
    python = pinnedVenv(PROGRAM_PACKAGES);
    folder = mkdtempSync(join(tmpdir(), 'mrnet-snapshot-'));
    writeFileSync(join(folder, 'token'), token);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const run = (setup: string, expression: string, request: SnapshotRequest) => {
    const out = execFileSync(python, ['-c', DRIVER], {
      input: JSON.stringify({ setup, expression: snapshotExpression(HELPER, expression, request) }),
      encoding: 'utf8',
    });
    const { shown, added } = JSON.parse(out) as { shown: string; added: string[] };
    assert.deepEqual(added, [], 'no name is added to the frame');
    return shown;
  };
  const snapshot = (setup: string, expression: string, more: Partial<SnapshotRequest> = {}): SnapshotAnswer =>
    parseSnapshotAnswer(
      run(setup, expression, { op: 'snapshot', folder, token, prefix: 'p', ...more } as SnapshotRequest),
    );
  const header = (path: string) => {
    const bytes = new Uint8Array(readFileSync(path));
    return { header: parseNpyHeader(bytes, bytes.length), bytes };
  };

  it("an ndarray is written with np.save into the extension's folder, values, dtype and order exact", () => {
    const answer = snapshot('volume = (np.arange(44*256*256) % 251).astype(np.uint8).reshape(44, 256, 256)', 'volume');
    assert.equal(answer.kind, 'array');
    if (answer.kind !== 'array') return;
    assert.equal(answer.file.local, true);
    assert.equal(answer.file.path, join(folder, 'p-array.npy'));
    const { header: h, bytes } = header(answer.file.path);
    assert.deepEqual(h.shape, [44, 256, 256]);
    assert.equal(h.dtype.name, 'uint8');
    assert.equal(bytes[h.dataOffset + 300], 300 % 251);
    assert.ok(!existsSync(`${answer.file.path}.partial`));

    const fortran = snapshot('f = np.asfortranarray(np.arange(24.0).reshape(2, 3, 4)).astype(">f8", order="F")', 'f');
    assert.ok(fortran.kind === 'array');
    const { header: fh } = header(fortran.file.path!);
    assert.equal(fh.fortranOrder, true);
    assert.deepEqual([fh.dtype.name, fh.dtype.byteOrder], ['float64', 'big']);
    // The user's expression is any expression in the frame.
    const cut = snapshot('cam = np.ones((44, 7, 7, 2), np.float32)', 'cam[..., 1] * 2');
    assert.ok(cut.kind === 'array');
    assert.deepEqual(cut.file.shape, [44, 7, 7]);
  });

  it('a dict of planes is a case; a dict of them is cases, one written at a time; a list of arrays is stacked', () => {
    const setup =
      'stacks = {"axial": np.zeros((3, 4, 4), np.uint8), "coronal": np.ones((2, 4, 4), np.uint8), "sagittal": np.ones((5, 4, 4), np.uint8)}\n' +
      'cases = {"0000": stacks, "0001": {p: a + 1 for p, a in stacks.items()}}';
    const one = snapshot(setup, 'stacks');
    assert.ok(one.kind === 'case');
    assert.deepEqual(
      one.planes.map((p) => [p.plane, p.shape[0]]),
      [
        ['coronal', 2],
        ['sagittal', 5],
        ['axial', 3],
      ],
    );
    const many = snapshot(setup, 'cases', { case: 1 });
    assert.ok(many.kind === 'cases');
    assert.deepEqual(many.ids, ['0000', '0001']);
    assert.equal(many.index, 1);
    const { header: h, bytes } = header(many.planes[0].path!);
    assert.equal(bytes[h.dataOffset], 2, 'case 0001 is written: its coronal plane holds ones plus one');

    const stacked = snapshot('batch = [np.full((4, 5), i, np.int16) for i in range(3)]', 'tuple(batch)');
    assert.ok(stacked.kind === 'array');
    assert.deepEqual(stacked.file.shape, [3, 4, 5]);
  });

  it("what cannot be shown says why, in Python's words where Python raised", () => {
    const refused = (setup: string, expression: string, words: RegExp, missing?: boolean) => {
      const answer = snapshot(setup, expression);
      assert.ok(answer.kind === 'error', `${expression}: ${JSON.stringify(answer)}`);
      assert.match(answer.message, words);
      assert.equal(answer.missing, missing);
    };
    refused('', 'gone', /^NameError: name 'gone' is not defined$/, true);
    refused('d = {}', 'd["x"]', /^KeyError: 'x'$/, true);
    refused('a = np.zeros(3)', 'a / (1 // 0)', /^ZeroDivisionError/, false);
    refused('o = np.array([{}, 1], dtype=object)', 'o', /array of Python objects \(dtype object\)/);
    refused('r = [np.zeros(2), np.zeros(3)]', 'r', /2 arrays differ in shape \(\(2,\), \(3,\)\)/);
    refused('s = "text"', 's', /it is a str, not an array/);
  });

  it('where the program cannot see the folder, the file goes to its own temporary folder, fetched in chunks, then removed', () => {
    const setup = 'big = np.arange(1000, dtype="<i4").reshape(10, 10, 10)';
    const away = parseSnapshotAnswer(
      run(setup, 'big', { op: 'snapshot', folder: join(folder, 'not-there'), token, prefix: 'p' }),
    );
    assert.ok(away.kind === 'array');
    assert.equal(away.file.local, false);
    const path = away.file.path!;
    assert.ok(path.startsWith(tmpdir()));
    const whole = readFileSync(path);
    const chunks = [0, 1, 2].map((i) =>
      parseChunk(run('', '0', { op: 'chunk', path, offset: i * 2000, length: 2000 })),
    );
    assert.deepEqual(Buffer.concat(chunks), whole);
    assert.throws(
      () => parseChunk(run('', '0', { op: 'chunk', path: join(folder, 'none.npy'), offset: 0, length: 1 })),
      /FileNotFoundError/,
    );
    assert.equal(parseSnapshotAnswer(run('', '0', { op: 'remove', path })).kind, 'removed');
    assert.ok(!existsSync(path));

    // Above the limit nothing is written; a strided preview is.
    const over = parseSnapshotAnswer(
      run(setup, 'big', { op: 'snapshot', folder: join(folder, 'not-there'), token, prefix: 'p', limit: 1000 }),
    );
    assert.ok(over.kind === 'array');
    assert.equal(over.file.path, undefined);
    assert.equal(over.file.bytes, 4000);
    const preview = parseSnapshotAnswer(
      run(setup, 'big', {
        op: 'snapshot',
        folder: join(folder, 'not-there'),
        token,
        prefix: 'p',
        limit: 1000,
        stride: 2,
      }),
    );
    assert.ok(preview.kind === 'array');
    assert.deepEqual(preview.file.shape, [5, 5, 5]);
    rmSync(preview.file.path!);
  });
});
