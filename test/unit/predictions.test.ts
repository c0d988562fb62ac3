import * as assert from 'node:assert/strict';
import { DatasetCase } from '../../src/core/dataset/datasetCase';
import { ProblemList, formatProblem } from '../../src/core/dataset/problems';
import { PredictionChoices, readPredictions } from '../../src/core/predictions/predictionFile';

/** Ten valid cases 1130-1139: abnormal for all but the first two, ACL for the odd ids, meniscus for ids ending in 2, 4 or 6. */
const CASES: DatasetCase[] = Array.from({ length: 10 }, (_, i) => {
  const id = String(1130 + i);
  return {
    id,
    key: id,
    split: 'valid',
    files: new Map(),
    overlays: [],
    labels: new Map<string, 0 | 1>([
      ['abnormal', i >= 2 ? 1 : 0],
      ['acl', i % 2 ? 1 : 0],
      ['meniscus', [2, 4, 6].includes(i) ? 1 : 0],
    ]),
  };
});
const SPLIT = { cases: CASES, tasks: ['acl', 'meniscus', 'abnormal'], planes: ['coronal', 'sagittal', 'axial'] };

function read(text: string, choices: PredictionChoices = {}, paths?: string) {
  const problems = new ProblemList();
  const result = readPredictions(
    { model: 'm', split: 'valid', file: 'predictions/m/valid.csv', text },
    SPLIT,
    paths === undefined ? undefined : { file: 'valid-paths.csv', text: paths },
    choices,
    problems,
  );
  return { result, problems: problems.toArray().map(formatProblem) };
}
/** Perfect scores: each task's label, nudged off 0 and 1. */
const score = (c: DatasetCase, task: string) => (c.labels.get(task) ? 0.9 : 0.1);

describe('prediction files', () => {
  it("MRNet's headerless submission: abnormal, ACL, meniscus, rows in ascending id order", () => {
    const { result, problems } = read(
      CASES.map((c) => ['abnormal', 'acl', 'meniscus'].map((t) => score(c, t)).join(',')).join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.equal(result!.tasks.get('acl')!.get('1131'), 0.9);
    assert.equal(result!.tasks.get('meniscus')!.get('1132'), 0.9);
  });
  it('rows follow the paths file, case ids read from the file names in any plane order', () => {
    const order = [...CASES].reverse();
    const paths = order
      .flatMap((c) => ['axial', 'sagittal', 'coronal'].map((p) => `MRNet-v1.0/valid/${p}/${c.id}.npy`))
      .join('\n');
    const { result, problems } = read(
      order.map((c) => ['abnormal', 'acl', 'meniscus'].map((t) => score(c, t)).join(',')).join('\n'),
      {},
      paths,
    );
    assert.deepEqual(problems, []);
    assert.equal(result!.tasks.get('acl')!.get('1139'), 0.9);
    assert.equal(result!.tasks.get('acl')!.get('1138'), 0.1);
  });
  it('a row count that does not match is an error with both counts, never a guess', () => {
    const { result, problems } = read('0.1,0.2,0.3\n0.4,0.5,0.6\n');
    assert.equal(result, undefined);
    assert.deepEqual(problems, [
      'predictions/m/valid.csv: has 2 rows but valid/ has 10 cases: rows cannot be matched to cases, so this file is not used',
    ]);
  });
  it('a header names the case column and the tasks in any case; {task}_{plane} columns are per-plane scores', () => {
    const { result, problems } = read(
      [
        'ID,ACL,Meniscus,acl_sagittal,notes',
        ...CASES.map((c) => `${c.id},${score(c, 'acl')},${score(c, 'meniscus')},0.5,x`),
      ].join('\r\n'),
    );
    assert.deepEqual(problems, []);
    assert.equal(result!.tasks.get('acl')!.get('1131'), 0.9);
    assert.equal(result!.tasks.has('abnormal'), false);
    assert.equal(result!.planes.get('acl')!.get('sagittal')!.get('1130'), 0.5);
  });
  it('bad rows are problems with their line: not a number, NaN, outside [0, 1], duplicate, unknown and missing cases', () => {
    const rows = [
      'case,acl',
      '1130,0.2',
      '1131,abc',
      '1132,nan',
      '1133,1.5',
      '1130,0.3',
      '9999,0.5',
      ...CASES.slice(5).map((c) => `${c.id},0.5`),
    ];
    const { problems } = read(rows.join('\n'));
    assert.deepEqual(problems, [
      "predictions/m/valid.csv:3: acl 'abc' is not a number",
      'predictions/m/valid.csv:4: acl for case 1132 is NaN',
      'predictions/m/valid.csv:5: acl for case 1133 is 1.5, outside [0, 1]',
      'predictions/m/valid.csv:6: case 1130 appears again (first on line 2); the first row is used',
      'predictions/m/valid.csv:7: case 9999 is not a case of valid/',
      'predictions/m/valid.csv: has no row for 1 of the 10 cases of valid/ (1134)',
    ]);
  });
  it('a column of logits is reported once, and used only once the logistic function is chosen', () => {
    const text = ['case,acl', ...CASES.map((c) => `${c.id},${c.labels.get('acl') ? 2.5 : -1.5}`)].join('\n');
    const raw = read(text);
    assert.equal(raw.result!.tasks.has('acl'), false);
    assert.deepEqual(raw.result!.logitColumns, ['acl']);
    assert.match(raw.problems[0], /column acl: 10 of 10 values lie outside \[0, 1\], so these are probably logits/);
    const applied = read(text, { logistic: true });
    assert.deepEqual(applied.problems, []);
    assert.equal(applied.result!.tasks.get('acl')!.get('1131'), 1 / (1 + Math.exp(-2.5)));
  });
  it('a headerless file whose labels fit another column order clearly is reported, never switched silently', () => {
    // Written as ACL, meniscus, abnormal (dazcona/mrnet's order).
    const text = CASES.map((c) => ['acl', 'meniscus', 'abnormal'].map((t) => score(c, t)).join(',')).join('\n');
    const { result, problems } = read(text);
    assert.deepEqual(result!.betterOrder?.order, ['acl', 'meniscus', 'abnormal']);
    assert.equal(result!.tasks.get('abnormal')!.get('1131'), 0.9); // still read as written: column 1 = abnormal
    assert.match(
      problems[0],
      /its columns look like ACL, Meniscus, Abnormal rather than Abnormal, ACL, Meniscus \(mean AUC 1\.00 against 0\.\d\d\); nothing was switched/,
    );
    const switched = read(text, { order: ['acl', 'meniscus', 'abnormal'] });
    assert.deepEqual(switched.problems, []);
    assert.equal(switched.result!.tasks.get('acl')!.get('1131'), 0.9);
  });
});
