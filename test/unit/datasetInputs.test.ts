import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDescription, caseSearchWords, matchesQuery } from '../../src/core/dataset/caseLabels';
import { DatasetListing, indexDataset } from '../../src/core/dataset/datasetIndex';
import { discoverDatasetRoots } from '../../src/core/dataset/discovery';
import { decodeCsvText, parseLabelCsv } from '../../src/core/dataset/labelCsv';
import { compareCaseIds } from '../../src/shared/datasetLayout';
import { listDataset } from '../../src/core/dataset/listing';
import { PROBLEMS_LISTED_PER_FILE, ProblemList } from '../../src/core/dataset/problems';
import { nodeDatasetFs } from '../../src/dataset/nodeDatasetFs';

const parse = (text: string) => {
  const problems = new ProblemList();
  const rows = parseLabelCsv(text, 'train-acl.csv', problems);
  return {
    rows: rows.map((r) => [r.key, r.label]),
    problems: problems.toArray().map((p) => `${p.line ?? ''} ${p.message}`),
  };
};
/** A listing of one split with the given case files in every plane, and these CSVs. */
const listing = (
  files: string[],
  csvs: Record<string, string>,
  planes = ['axial', 'coronal', 'sagittal'],
): DatasetListing => ({
  splits: [{ name: 'train', planes: planes.map((name) => ({ name, files })) }],
  csvs: Object.entries(csvs).map(([name, text]) => ({ name, text })),
});
const messages = (l: DatasetListing) =>
  indexDataset(l).problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`);

describe('label CSVs as people save them', () => {
  it('detects the separator: comma, semicolon (with decimal commas), tab', () => {
    const expected = [
      ['0', 0],
      ['1', 1],
      ['2', 1],
    ];
    assert.deepEqual(parse('0000,0\n0001,1\n0002,1\n').rows, expected);
    assert.deepEqual(parse('0000;0\n0001;1\n0002;1,0\n').rows, expected);
    assert.deepEqual(parse('case\tlabel\n0000\t0\n0001\t1\n0002\t1.0\n').rows, expected);
  });

  it('decodes UTF-8 with or without a BOM, and UTF-16 LE and BE with their BOM', () => {
    const text = 'case,label\r\n0000,0\r\n0001,1\r\n';
    const utf16 = (bigEndian: boolean) => {
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) bytes[2 + 2 * i + (bigEndian ? 1 : 0)] = text.charCodeAt(i);
      return bytes;
    };
    for (const bytes of [
      new TextEncoder().encode(text),
      new TextEncoder().encode(`\uFEFF${text}`),
      utf16(false),
      utf16(true),
    ]) {
      assert.deepEqual(parse(decodeCsvText(bytes)).rows, [
        ['0', 0],
        ['1', 1],
      ]);
    }
  });

  it('reads ids written as file names or paths', () => {
    assert.deepEqual(parse('train/axial/0000.npy,1\n"0001.npy",0\nC:\\data\\train\\axial\\0002.NPY,1\n').rows, [
      ['0', 1],
      ['1', 0],
      ['2', 1],
    ]);
  });

  it('only a first row whose label field is not a number is a header; any other bad row is a problem', () => {
    // Today's bug: rows that did not start with a plain number were all taken for a header.
    assert.deepEqual(parse('"x/0000.npy",1\n0001,0\n'), {
      rows: [
        ['0', 1],
        ['1', 0],
      ],
      problems: [],
    });
    const { rows, problems } = parse('case,label\n0000,1\ncase,label\nabc,1\n0001,yes\n');
    assert.deepEqual(rows, [['0', 1]]);
    assert.deepEqual(problems, [
      "3 case id 'case' is not a number (nor a file name such as 0000.npy)",
      "4 case id 'abc' is not a number (nor a file name such as 0000.npy)",
      "5 label 'yes' for case 0001 is not 0 or 1",
    ]);
  });

  it('a label file that yields no usable rows is a problem, never silence', () => {
    for (const text of ['', 'case,label\n', 'patient|label\n0000|1\n', 'abc,def\nghi,jkl\n']) {
      assert.ok(
        parse(text).problems.some((p) => p.includes('yields no usable rows')),
        JSON.stringify(text),
      );
    }
  });

  it('case ids are compared by value: 1 labels 0001.npy, 10000.npy is a case, 0001.npy and 1.npy collide', () => {
    const index = indexDataset(
      listing(['0001.npy', '0999.npy', '1000.npy', '10000.npy'], { 'train-acl.csv': '1,1\n999,0\n01000,1\n10000,0\n' }),
    );
    const cases = index.splits[0].cases;
    assert.deepEqual(
      cases.map((c) => [c.id, c.labels.get('acl')]),
      [
        ['0001', 1],
        ['0999', 0],
        ['1000', 1],
        ['10000', 0],
      ],
    );
    assert.deepEqual(['10000', '0010', '999', '1000'].sort(compareCaseIds), ['0010', '999', '1000', '10000']);
    const clash = messages(listing(['0001.npy', '1.npy'], {}));
    assert.ok(
      clash.some((m) => m.startsWith('train/axial/1.npy names the same case as train/axial/0001.npy')),
      clash.join('\n'),
    );
  });

  it('task names are data: tasks called constructor and __proto__ work like any other', () => {
    const index = indexDataset(
      listing(['0000.npy', '0001.npy'], {
        'train-constructor.csv': '0,1\n1,0\n',
        'train-__proto__.csv': '0,0\n1,1\n',
        'train-toString.csv': '0,1\n',
      }),
    );
    assert.deepEqual(index.tasks, ['__proto__', 'constructor', 'toString']);
    const [a, b] = index.splits[0].cases;
    assert.deepEqual([...a.labels].sort(), [
      ['__proto__', 0],
      ['constructor', 1],
      ['toString', 1],
    ]);
    assert.equal(b.labels.get('toString'), undefined);
    assert.equal(caseDescription(b, index.tasks), '__proto__ · no label: toString');
    assert.ok(
      messages(listing(['0000.npy', '0001.npy'], { 'train-toString.csv': '0,1\n' })).includes(
        'train/ case 0001 has no label in train-toString.csv',
      ),
    );
  });

  it('a label file whose split has no folder, and plane folders that differ only in case, are problems saying what to rename', () => {
    const l = listing(['0000.npy'], {
      'train-acl.csv': '0,1\n',
      'Train-meniscus.csv': '0,1\n',
      'val-acl.csv': '0,1\n',
      'tset-acl.csv': '0,1\n',
    });
    l.splits.push({
      name: 'valid',
      planes: [
        { name: 'Axial', files: ['0001.npy'] },
        { name: 'coronal', files: ['0001.npy'] },
      ],
    });
    const found = messages(l);
    for (const expected of [
      'Train-meniscus.csv there is no split folder Train/, so its labels are not used: rename it to train-meniscus.csv to label train/ (names are case-sensitive)',
      'val-acl.csv there is no split folder val/, so its labels are not used: rename it to valid-acl.csv to label valid/',
      'tset-acl.csv there is no split folder tset/, so its labels are not used: name label files {split}-{task}.csv after a split folder (train/, valid/)',
      'valid/Axial/ plane folder names differ only in case (axial/, Axial/): rename it to axial/ so that its cases line up',
    ])
      assert.ok(found.includes(expected), `missing: ${expected}\nfound:\n${found.join('\n')}`);
  });

  it('a CSV of a million rows indexes; problems are listed 100 per file with a count of the rest', function () {
    this.timeout(20_000);
    const text = Array.from({ length: 1_000_000 }, (_, i) => `${String(i).padStart(7, '0')},${i % 2}`).join('\n');
    const index = indexDataset(listing(['0000000.npy', '0000001.npy'], { 'train-acl.csv': text }));
    assert.deepEqual(
      index.splits[0].cases.map((c) => c.labels.get('acl')),
      [0, 1],
    );
    const fromCsv = index.problems.filter((p) => p.file === 'train-acl.csv');
    assert.equal(fromCsv.length, PROBLEMS_LISTED_PER_FILE + 1);
    assert.equal(fromCsv[PROBLEMS_LISTED_PER_FILE].message, '999,898 more problems in this file are not listed');
    assert.equal(index.problemCount, 999_998);
  });
});

describe('dataset folders as people have them', () => {
  const tmp = () => mkdtempSync(join(tmpdir(), 'mrnet-inputs-'));
  const touch = (path: string, data = 'x') => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, data);
  };

  it('a FIFO, a device or a link to one, as a label file or a plane file, is skipped with a problem and never blocks', async () => {
    const root = tmp();
    for (const plane of ['axial', 'coronal']) touch(join(root, 'train', plane, '0000.npy'));
    touch(join(root, 'train-acl.csv'), '0,1\n');
    execFileSync('mkfifo', [join(root, 'train-meniscus.csv'), join(root, 'train', 'axial', '0001.npy')]);
    symlinkSync('/dev/zero', join(root, 'train-abnormal.csv'));
    symlinkSync(join(root, 'train', 'axial', '0001.npy'), join(root, 'train', 'coronal', '0001.npy'));
    const problems = new ProblemList();
    const index = indexDataset(await listDataset(nodeDatasetFs, root, problems), problems);
    assert.deepEqual(
      index.splits[0].cases.map((c) => c.id),
      ['0000'],
    );
    const found = index.problems.map((p) => `${p.file} ${p.message}`);
    // Where an overlay or a prediction file should be, too.
    mkdirSync(join(root, 'overlays', 'cam', 'train', 'axial'), { recursive: true });
    mkdirSync(join(root, 'predictions', 'model'), { recursive: true });
    execFileSync('mkfifo', [
      join(root, 'overlays', 'cam', 'train', 'axial', '0000.npy'),
      join(root, 'overlays', 'cam', 'train', '0000.npz'),
      join(root, 'predictions', 'model', 'train.csv'),
    ]);
    const again = new ProblemList();
    const reindexed = indexDataset(await listDataset(nodeDatasetFs, root, again), again).problems.map(
      (p) => `${p.file} ${p.message}`,
    );
    for (const file of [
      'overlays/cam/train/axial/0000.npy',
      'overlays/cam/train/0000.npz',
      'predictions/model/train.csv',
    ]) {
      assert.ok(
        reindexed.includes(`${file} is not a regular file (a FIFO, device or socket, or a link to one); skipped`),
        `${file}:\n${reindexed.join('\n')}`,
      );
    }
    for (const file of ['train-meniscus.csv', 'train-abnormal.csv', 'train/axial/0001.npy', 'train/coronal/0001.npy']) {
      assert.ok(
        found.includes(`${file} is not a regular file (a FIFO, device or socket, or a link to one); skipped`),
        `${file}:\n${found.join('\n')}`,
      );
    }
  });

  it('overlays by convention: overlays/{name}/{split}/{plane}/{id}.npy and overlays/{name}/{split}/{id}.npz, found by names only; one of no case is a problem', async () => {
    const root = tmp();
    for (const plane of ['axial', 'sagittal']) touch(join(root, 'train', plane, '0007.npy'));
    touch(join(root, 'overlays', 'cam', 'train', 'sagittal', '7.npy'), 'not read');
    touch(join(root, 'overlays', 'cam', 'train', 'axial', '0099.npy'));
    touch(join(root, 'overlays', 'attention', 'train', '0007.npz'));
    touch(join(root, 'overlays', 'cam', 'test', 'axial', '0007.npy'));
    const problems = new ProblemList();
    const index = indexDataset(await listDataset(nodeDatasetFs, root, problems), problems);
    assert.deepEqual(
      index.splits.map((s) => s.name),
      ['train'],
      'overlays/ is never a split',
    );
    assert.deepEqual(index.splits[0].cases[0].overlays, [
      { plane: '', name: 'attention', path: 'overlays/attention/train/0007.npz' },
      { plane: 'sagittal', name: 'cam', path: 'overlays/cam/train/sagittal/7.npy' },
    ]);
    const found = index.problems.map((p) => `${p.file} ${p.message}`);
    assert.ok(
      found.includes('overlays/cam/train/axial/0099.npy names no case of train/ (case 0099)'),
      found.join('\n'),
    );
    assert.ok(
      found.includes('overlays/cam/test/axial/0007.npy names no split of this dataset (test/)'),
      found.join('\n'),
    );
  });

  it('a file named almost as a label file is a problem saying what to rename it to', async () => {
    const root = tmp();
    touch(join(root, 'train', 'axial', '0000.npy'));
    touch(join(root, 'train-acl.CSV'), '0000,1\n');
    touch(join(root, 'train_meniscus.csv'), '0000,1\n');
    touch(join(root, 'notes.csv'), 'x\n');
    touch(join(root, 'my_notes.csv'), 'x\n'); // no split my/: nobody's label file
    const problems = new ProblemList();
    indexDataset(await listDataset(nodeDatasetFs, root, problems), problems);
    const found = problems.toArray().map((p) => `${p.file}: ${p.message}`);
    assert.ok(
      found.some(
        (p) => p.startsWith('train-acl.CSV: looks like a label file') && p.endsWith('rename it to train-acl.csv'),
      ),
      found.join('\n'),
    );
    assert.ok(
      found.some(
        (p) =>
          p.startsWith('train_meniscus.csv: looks like a label file') && p.endsWith('rename it to train-meniscus.csv'),
      ),
      found.join('\n'),
    );
    assert.ok(!found.some((p) => p.startsWith('notes.csv') || p.startsWith('my_notes.csv')), found.join('\n'));
  });

  it('a dataset nested inside another is a problem of the outer one', async () => {
    const root = tmp();
    touch(join(root, 'train', 'axial', '0000.npy'));
    touch(join(root, 'extra', 'train', 'axial', '0000.npy'));
    const problems = new ProblemList();
    const index = indexDataset(await listDataset(nodeDatasetFs, root, problems), problems);
    assert.deepEqual(
      index.splits.map((s) => s.name),
      ['train'],
    );
    assert.ok(
      index.problems.some(
        (p) =>
          p.file === 'extra/' &&
          p.message.startsWith(
            'holds no case files itself but a dataset below it (extra/train/axial/NNNN.npy): add extra/ as a dataset',
          ),
      ),
    );
    // Two folders further down: the problem names the folder to add.
    touch(join(root, 'downloads', 'MRNet-v1.0', 'train', 'axial', '0000.npy'));
    const deeper = new ProblemList();
    indexDataset(await listDataset(nodeDatasetFs, root, deeper), deeper);
    assert.ok(
      deeper
        .toArray()
        .some(
          (p) =>
            p.file === 'downloads/' &&
            p.message.includes('(downloads/MRNet-v1.0/train/axial/NNNN.npy): add downloads/MRNet-v1.0/ as a dataset'),
        ),
      JSON.stringify(deeper.toArray()),
    );
    // A split with case files of its own keeps them, whatever sits in a folder beside them.
    touch(join(root, 'valid', 'axial', '0001.npy'));
    touch(join(root, 'valid', 'coronal', 'old', '0001.npy'));
    const again = new ProblemList();
    assert.deepEqual(
      indexDataset(await listDataset(nodeDatasetFs, root, again), again).splits.map((s) => s.name),
      ['train', 'valid'],
    );
  });

  it('discovery finds every dataset up to two folders down, beside 10,000 sibling folders, and says where a budget stopped it', async function () {
    this.timeout(60_000);
    const root = tmp();
    for (let i = 0; i < 10_000; i++) mkdirSync(join(root, 'dicom', `series-${i}`, 'IMG'), { recursive: true });
    for (const at of ['MRNet-v1.0', 'zz/knees', 'deep/a/b']) touch(join(root, at, 'train', 'axial', '0000.npy'));
    const found = await discoverDatasetRoots(nodeDatasetFs, [root]);
    assert.deepEqual(found.roots, [join(root, 'MRNet-v1.0'), join(root, 'zz', 'knees')]);
    assert.deepEqual(found.stopped, []);
    const limited = await discoverDatasetRoots(nodeDatasetFs, [root], 5000);
    assert.equal(limited.stopped.length, 1);
    assert.match(limited.stopped[0], /stopped at depth 2 after reading \d+ folders \(limit 5000\)/);
  });

  it("a dataset laid out as MRNet's is found beside a tree larger than the budget (2,500 studies of 40 series); the budget applies to the rest", async function () {
    this.timeout(120_000);
    const root = tmp();
    for (let s = 0; s < 2500; s++)
      for (let r = 0; r < 40; r++) mkdirSync(join(root, 'dicom', `study-${s}`, `series-${r}`), { recursive: true });
    for (const split of ['train', 'valid'])
      for (const plane of ['axial', 'coronal', 'sagittal']) touch(join(root, 'MRNet-v1.0', split, plane, '0000.npy'));
    const found = await discoverDatasetRoots(nodeDatasetFs, [root], 50_000);
    assert.deepEqual(found.roots, [join(root, 'MRNet-v1.0')]);
    assert.equal(found.stopped.length, 1);
    assert.match(
      found.stopped[0],
      /stopped at depth 3 after reading \d+ folders \(limit 50000\); \d+ folders there were not read/,
    );
  });
});

describe('"MRNet: Open Case" matching', () => {
  const index = indexDataset(
    listing(['0000.npy', '0001.npy', '0002.npy', '0010.npy'], {
      'train-acl.csv': '0,0\n1,1\n2,0\n10,0\n',
      'train-abnormal.csv': '0,0\n1,1\n2,1\n',
    }),
  );
  const cases = index.splits[0].cases;
  const find = (query: string) =>
    cases.filter((c) => matchesQuery(caseSearchWords(c, index.tasks, 'MRNet-v1.0'), query)).map((c) => c.id);

  it('"normal" finds normal cases, not abnormal ones; labels, ids, splits and datasets match by word', () => {
    assert.deepEqual(find('normal'), ['0000']);
    assert.deepEqual(find('abnormal'), ['0001', '0002']);
    assert.deepEqual(find('acl'), ['0001']);
    assert.deepEqual(find('10'), ['0010']);
    assert.deepEqual(find('001'), ['0010']);
    assert.deepEqual(find('train abn'), ['0001', '0002']);
    assert.deepEqual(find('mrnet unlabelled'), ['0010']);
    assert.deepEqual(find('v1.0 normal'), ['0000']);
    assert.deepEqual(find(''), ['0000', '0001', '0002', '0010']);
  });
});
