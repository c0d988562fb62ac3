import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexDataset } from '../../src/core/dataset/datasetIndex';
import { listDataset } from '../../src/core/dataset/listing';
import { ProblemList } from '../../src/core/dataset/problems';
import { nodeDatasetFs } from '../../src/dataset/nodeDatasetFs';
import { expectedProblems, makeBrokenDataset } from '../fixtures/brokenDataset';

describe('a dataset with every quirk', () => {
  const root = mkdtempSync(join(tmpdir(), 'mrnet-broken-'));
  makeBrokenDataset(root);

  it('indexes without failing, lists each problem with its file and line, and shows the cases it can', async () => {
    const problems = new ProblemList();
    const index = indexDataset(await listDataset(nodeDatasetFs, root, problems), problems);
    const found = index.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`);
    for (const [file, line, fragment] of expectedProblems) {
      assert.ok(
        index.problems.some((p) => p.file === file && p.line === line && p.message.includes(fragment)),
        `missing: ${file}${line ? `:${line}` : ''} ${fragment}\nfound:\n${found.join('\n')}`,
      );
    }
    assert.deepEqual(
      index.splits.map((s) => [s.name, s.cases.length]),
      [
        ['train', 9],
        ['valid', 4],
        ['test', 0],
      ],
    );
    const train = index.splits[0];
    assert.deepEqual(
      train.cases.map((c) => c.id),
      ['0000', '0001', '0002', '0003', '0004', '0005', '0006', '0007', '0050'],
    );
    assert.equal(
      train.cases[4].files.get('coronal'),
      'train/coronal/0004.npy',
      'a broken link is a case file whose plane will show its error',
    );
    assert.deepEqual(Object.fromEntries(train.cases[1].labels), { acl: 1, meniscus: 1, abnormal: 1 });
    assert.equal(train.cases[2].labels.get('abnormal'), undefined, 'conflicting duplicate rows are dropped');
    assert.equal(train.cases[7].labels.get('meniscus'), undefined, 'a label of 2 is dropped');
    assert.deepEqual(index.planes, ['coronal', 'sagittal', 'axial']);
  });
});
