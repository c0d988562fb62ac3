import * as assert from 'node:assert/strict';
import { caseDescription, filterLabel, matchesFilter, splitSummary } from '../../src/core/dataset/caseLabels';
import { DatasetListing, indexDataset } from '../../src/core/dataset/datasetIndex';
import { parseLabelCsv } from '../../src/core/dataset/labelCsv';
import { ProblemList } from '../../src/core/dataset/problems';
import { caseIdOf, labelFileOf, pathsFileOf, sortPlanes, taskDisplayName } from '../../src/shared/datasetLayout';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${String(from + i).padStart(4, '0')}.npy`);

describe('dataset layout rules', () => {
  it('case files are digits and .npy; everything else is ignored', () => {
    assert.equal(caseIdOf('0000.npy'), '0000');
    assert.equal(caseIdOf('1249.npy'), '1249');
    assert.equal(caseIdOf('10000.npy'), '10000');
    assert.equal(caseIdOf('7.npy'), '7');
    for (const name of [
      '.DS_Store',
      '._0000.npy',
      '0000 (1).npy',
      '0000.npy.bak',
      '0000.NPY',
      'axial.npy',
      '-1.npy',
      '1e3.npy',
    ])
      assert.equal(caseIdOf(name), undefined, name);
  });

  it('label files are {split}-{task}.csv for any split and task', () => {
    assert.deepEqual(labelFileOf('train-acl.csv'), { split: 'train', task: 'acl' });
    assert.deepEqual(labelFileOf('my-valid-meniscus.csv'), { split: 'my-valid', task: 'meniscus' });
    assert.deepEqual(labelFileOf('valid-effusion.csv'), { split: 'valid', task: 'effusion' });
    assert.equal(labelFileOf('labels.csv'), undefined);
  });

  it("{split}-paths.csv is a paths file (the order of a submission's rows), never a label file", () => {
    assert.equal(labelFileOf('valid-paths.csv'), undefined);
    assert.equal(pathsFileOf('valid-paths.csv'), 'valid');
    assert.equal(pathsFileOf('valid-acl.csv'), undefined);
  });

  it('names tasks ACL, Meniscus, Abnormal, others as written; orders planes coronal, sagittal, axial', () => {
    assert.deepEqual(['acl', 'meniscus', 'abnormal', 'effusion'].map(taskDisplayName), [
      'ACL',
      'Meniscus',
      'Abnormal',
      'effusion',
    ]);
    assert.deepEqual(sortPlanes(['axial', 'sagittal', 'coronal', 'dess']), ['coronal', 'sagittal', 'axial', 'dess']);
  });
});

describe('label CSVs', () => {
  const rows = (text: string) => {
    const problems = new ProblemList();
    return { rows: parseLabelCsv(text, 'train-acl.csv', problems), problems: problems.toArray() };
  };

  it("reads MRNet's own format: no header, LF, zero-padded ids", () => {
    const { rows: r, problems } = rows('0000,0\n0001,1\n0002,0\n');
    assert.deepEqual(
      r.map((x) => [x.id, x.label, x.line]),
      [
        ['0000', 0, 1],
        ['0001', 1, 2],
        ['0002', 0, 3],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('reads what users save instead: header, BOM, CRLF, blank lines, spaces, unpadded ids, 0.0/1.0', () => {
    const text = '\uFEFFcase,label\r\n\r\n 0 , 1 \r\n12,0.0\r\n"0013",1.0\r\n';
    const { rows: r, problems } = rows(text);
    assert.deepEqual(
      r.map((x) => [x.id, x.key, x.label]),
      [
        ['0', '0', 1],
        ['12', '12', 0],
        ['0013', '13', 1],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it("reads pandas' files: a ',0' header, and an unnamed index column", () => {
    assert.deepEqual(
      rows(',0\n0000,1\n1,0\n').rows.map((x) => [x.id, x.label]),
      [
        ['0000', 1],
        ['1', 0],
      ],
    );
    assert.deepEqual(
      rows(',0,1\n0,0000,1\n1,0001,0\n').rows.map((x) => [x.id, x.label]),
      [
        ['0000', 1],
        ['0001', 0],
      ],
    );
  });

  it('keeps rows that make no sense out and names each with its line', () => {
    const { rows: r, problems } = rows('0000,0\n0001,2\n0002,\n0003,1\n0003,0\n0004,1\n0004,1\nabc,1\n');
    assert.deepEqual(
      r.map((x) => x.id),
      ['0000', '0004'],
    );
    assert.deepEqual(
      problems.map((p) => [p.file, p.line]),
      [
        ['train-acl.csv', 2],
        ['train-acl.csv', 3],
        ['train-acl.csv', 5],
        ['train-acl.csv', 8],
      ],
    );
    assert.match(problems[0].message, /label '2' for case 0001 is not 0 or 1/);
    assert.match(problems[2].message, /case 0003 appears again with another label \(line 4 says 1\)/);
  });
});

describe('indexing a dataset', () => {
  const listing: DatasetListing = {
    splits: [
      {
        name: 'valid',
        planes: ['axial', 'coronal', 'sagittal'].map((name) => ({ name, files: ids(2, 4) })),
      },
      {
        name: 'train',
        planes: [
          { name: 'axial', files: [...ids(4), '.DS_Store', '._0000.npy', '0001 (1).npy'] },
          { name: 'coronal', files: ids(4) },
          { name: 'sagittal', files: ids(3) },
        ],
      },
    ],
    csvs: [
      { name: 'train-acl.csv', text: '0000,1\n0001,0\n0002,0\n0003,0\n0099,1\n' },
      { name: 'train-meniscus.csv', text: '0000,1\n0001,0\n0002,1\n0003,0\n' },
      { name: 'train-abnormal.csv', text: '0000,1\n0001,0\n0002,1\n' },
      { name: 'valid-acl.csv', text: '4,1\n5,0\n' },
    ],
  };
  const index = indexDataset(listing);

  it('finds splits (train first), planes in viewer order, tasks from the CSVs', () => {
    assert.deepEqual(
      index.splits.map((s) => s.name),
      ['train', 'valid'],
    );
    assert.deepEqual(index.planes, ['coronal', 'sagittal', 'axial']);
    assert.deepEqual(index.tasks, ['acl', 'meniscus', 'abnormal']);
  });

  it('cases are the file stems, with each plane file and each label', () => {
    const train = index.splits[0];
    assert.deepEqual(
      train.cases.map((c) => c.id),
      ['0000', '0001', '0002', '0003'],
    );
    assert.deepEqual(Object.fromEntries(train.cases[0].files), {
      axial: 'train/axial/0000.npy',
      coronal: 'train/coronal/0000.npy',
      sagittal: 'train/sagittal/0000.npy',
    });
    assert.deepEqual(Object.fromEntries(train.cases[0].labels), { acl: 1, meniscus: 1, abnormal: 1 });
    assert.deepEqual(
      index.splits[1].cases.map((c) => [c.id, c.labels.get('acl')]),
      [
        ['0004', 1],
        ['0005', 0],
      ],
    );
  });

  it('lists ids without files, cases without labels and missing plane files as problems', () => {
    const messages = index.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`);
    assert.ok(messages.includes('train-acl.csv:5 case 0099 has no .npy file in train/'), messages.join('\n'));
    assert.ok(messages.includes('train/ case 0003 has no label in train-abnormal.csv'));
    assert.ok(messages.includes('train/ case 0003 has no sagittal file'));
  });

  it('summarises a split and describes cases the way the tree shows them', () => {
    const train = index.splits[0];
    assert.equal(splitSummary(train, index.tasks), '4 cases · ACL 25.0% · meniscus 50.0% · abnormal 66.7%');
    assert.deepEqual(
      train.cases.map((c) => caseDescription(c, index.tasks)),
      ['ACL, meniscus, abnormal', 'normal', 'meniscus, abnormal', 'no positive label · no label: abnormal'],
    );
  });

  it('filters cases by one task label and names the filter', () => {
    const train = index.splits[0];
    assert.deepEqual(
      train.cases.filter((c) => matchesFilter(c, { task: 'acl', value: 1 })).map((c) => c.id),
      ['0000'],
    );
    assert.deepEqual(
      train.cases.filter((c) => matchesFilter(c, { task: 'meniscus', value: 0 })).map((c) => c.id),
      ['0001', '0003'],
    );
    assert.deepEqual(
      [
        { task: 'acl', value: 1 },
        { task: 'acl', value: 0 },
        { task: 'meniscus', value: 1 },
        { task: 'abnormal', value: 0 },
        { task: 'effusion', value: 1 },
      ].map((f) => filterLabel(f as never)),
      ['ACL tear', 'no ACL tear', 'meniscus tear', 'normal', 'effusion = 1'],
    );
  });

  it('an empty split is a problem, not a failure', () => {
    const empty = indexDataset({
      splits: [{ name: 'test', planes: [{ name: 'axial', files: ['.DS_Store'] }] }],
      csvs: [],
    });
    assert.deepEqual(empty.splits[0].cases, []);
    assert.equal(empty.problems[0].message, 'this split holds no case files (NNNN.npy)');
  });
});
