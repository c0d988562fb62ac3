import * as assert from 'node:assert/strict';
import { HeaderFacts, IntensityFacts, buildOverview, selectionLabel } from '../../src/core/overview/buildOverview';
import { indexDataset } from '../../src/core/dataset/datasetIndex';
import { OverviewSelection, SLICES_MISSING, SLICES_UNREAD, SLICES_UNREADABLE, parseOverviewMessage } from '../../src/shared/overview/overviewProtocol';
import { integerBins, intensityBins, intensityOutliers, overviewArrays, selectedCases, summarise, valueBin, valueBinEdges } from '../../src/shared/overview/overviewStats';

/** train 0000-0005 (0005 has no coronal file), valid 0006-0007; ACL positive for 0000, 0001, 0006; meniscus for 0001, 0002. */
function overview(headers: Map<string, HeaderFacts>, intensities = new Map<string, IntensityFacts>()) {
  const index = indexDataset({
    splits: [
      { name: 'train', planes: [{ name: 'axial', files: ['0000.npy', '0001.npy', '0002.npy', '0003.npy', '0004.npy', '0005.npy'] }, { name: 'coronal', files: ['0000.npy', '0001.npy', '0002.npy', '0003.npy', '0004.npy'] }] },
      { name: 'valid', planes: [{ name: 'axial', files: ['0006.npy', '0007.npy'] }, { name: 'coronal', files: ['0006.npy', '0007.npy'] }] },
    ],
    csvs: [
      { name: 'train-acl.csv', text: '0,1\n1,1\n2,0\n3,0\n4,0\n5,0\n' },
      { name: 'train-meniscus.csv', text: '0,0\n1,1\n2,1\n3,0\n4,0\n' },
      { name: 'valid-acl.csv', text: '6,1\n7,0\n' },
      { name: 'valid-meniscus.csv', text: '6,0\n7,0\n' },
    ],
  });
  const state = { state: 'done' as const, done: 0, total: 0 };
  const data = buildOverview({ name: 'd', index, headers, intensities, headerState: state, intensityState: state, intensityBytes: 0 });
  return { data, arrays: overviewArrays(data) };
}

const volume = (slices: number, dtype = 'uint8', rest = [256, 256]): HeaderFacts => ({ shape: [slices, ...rest], shapeText: `(${[slices, ...rest].join(', ')})`, dtype });

function headersOf(slices: (id: number, plane: string) => HeaderFacts | undefined): Map<string, HeaderFacts> {
  const out = new Map<string, HeaderFacts>();
  for (let id = 0; id < 8; id++) {
    for (const plane of ['axial', 'coronal']) {
      const facts = slices(id, plane);
      if (facts) out.set(`${id < 6 ? 'train' : 'valid'}/${plane}/${String(id).padStart(4, '0')}.npy`, facts);
    }
  }
  return out;
}

describe('dataset overview', () => {
  it('bins slice counts in widths of 1, 2, 5, 10… starting at a multiple of the width, at most 24 bins', () => {
    assert.deepEqual(integerBins(40, 60), { start: 40, width: 1, count: 21 });
    assert.deepEqual(integerBins(17, 52), { start: 16, width: 2, count: 19 });
    assert.deepEqual(integerBins(10, 99), { start: 10, width: 5, count: 18 });
    assert.deepEqual(integerBins(0, 1000), { start: 0, width: 50, count: 21 });
    assert.deepEqual(integerBins(7, 7), { start: 7, width: 1, count: 1 });
  });

  it('summarises with NumPy\'s median (the mean of the middle two for an even count)', () => {
    assert.deepEqual(summarise([3, 1, 2]), { count: 3, min: 1, median: 2, max: 3 });
    assert.deepEqual(summarise([4, 1, 2, 3]), { count: 4, min: 1, median: 2.5, max: 4 });
    assert.equal(summarise([]), undefined);
  });

  it('equal intensity bins: the last one holds the maximum; one value is one bin', () => {
    const bins = { min: 0, max: 10, count: 20 };
    assert.equal(valueBin(0, bins), 0);
    assert.equal(valueBin(0.5, bins), 1);
    assert.equal(valueBin(10, bins), 19);
    assert.deepEqual(valueBinEdges(19, bins), [9.5, 10]);
    assert.equal(valueBin(3, { min: 3, max: 3, count: 1 }), 0);
  });

  it('codes each volume: slices from its header, missing file, not read, unreadable (listed as a problem)', () => {
    const headers = headersOf((id, plane) => (id === 3 && plane === 'axial' ? undefined : id === 4 && plane === 'axial' ? { error: 'the header is truncated' } : volume(20 + id)));
    const { data, arrays } = overview(headers);
    const axial = arrays.slices[data.planes.indexOf('axial')];
    const coronal = arrays.slices[data.planes.indexOf('coronal')];
    assert.deepEqual([...axial], [20, 21, 22, SLICES_UNREAD, SLICES_UNREADABLE, 25, 26, 27]);
    assert.equal(coronal[5], SLICES_MISSING);
    assert.deepEqual(data.problems, [{ file: 'train/axial/0004.npy', message: 'the header is truncated' }]);
    assert.deepEqual(data.caseIds, ['0000', '0001', '0002', '0003', '0004', '0005', '0006', '0007']);
  });

  it('lists volumes whose in-plane shape or dtype differs from most of their plane, and any that is not 3-D', () => {
    const headers = headersOf((id, plane) => (plane === 'axial' && id === 2 ? volume(30, 'float32') : plane === 'coronal' && id === 7 ? volume(30, 'uint8', [512, 512]) : plane === 'axial' && id === 6 ? { shape: [256, 256], shapeText: '(256, 256)', dtype: 'uint8' } : volume(30)));
    const { data, arrays } = overview(headers);
    assert.deepEqual(data.unusual.map((u) => [data.caseIds[u.case], u.plane, u.shape, u.dtype, u.expected]), [
      ['0002', 'axial', '(30, 256, 256)', 'float32', '(…, 256, 256) uint8'],
      ['0006', 'axial', '(256, 256)', 'uint8', '(…, 256, 256) uint8'],
      ['0007', 'coronal', '(30, 512, 512)', 'uint8', '(…, 256, 256) uint8'],
    ]);
    assert.deepEqual(selectedCases(data, arrays, { kind: 'unusual' }).map((i) => data.caseIds[i]), ['0002', '0006', '0007']);
  });

  it('selects the cases behind each bar, and names the selection as the Cases view shows it', () => {
    const { data, arrays } = overview(headersOf((id) => volume(20 + id)));
    const cases = (s: OverviewSelection) => selectedCases(data, arrays, s).map((i) => data.caseIds[i]);
    assert.deepEqual(cases({ kind: 'split', split: 'valid' }), ['0006', '0007']);
    assert.deepEqual(cases({ kind: 'labels', split: 'train', conditions: [{ task: 'acl', value: 1 }, { task: 'meniscus', value: 0 }] }), ['0000']);
    assert.deepEqual(cases({ kind: 'slices', split: 'train', plane: 'axial', low: 21, high: 23 }), ['0001', '0002', '0003']);
    // 0005 has no meniscus label and no coronal file.
    assert.deepEqual(cases({ kind: 'incomplete', split: 'train' }), ['0005']);
    assert.deepEqual(cases({ kind: 'labels', split: 'train', conditions: [{ task: 'nope', value: 1 }] }), []);
    assert.equal(selectionLabel({ kind: 'slices', split: 'train', plane: 'sagittal', low: 40, high: 44 }, data, arrays), 'sagittal: 40–44 slices in train/');
    assert.equal(selectionLabel({ kind: 'slices', split: 'train', plane: 'axial', low: 40, high: 40 }, data, arrays), 'axial: 40 slices in train/');
    assert.equal(selectionLabel({ kind: 'labels', split: 'valid', conditions: [{ task: 'acl', value: 1 }, { task: 'meniscus', value: 0 }] }, data, arrays), 'ACL tear and no meniscus tear in valid/');
    assert.equal(selectionLabel({ kind: 'incomplete', split: 'train' }, data, arrays), 'missing a label or plane in train/');
  });

  it('intensity bins span every split of a plane, a bin selects its volumes, and outliers stand out by robust z-score', () => {
    const intensities = new Map<string, IntensityFacts>();
    for (const [path] of headersOf(() => volume(1))) {
      const id = Number(path.slice(-8, -4));
      intensities.set(path, id === 6 ? { error: 'the volume holds no finite value' } : { mean: id === 7 ? 300 : 50 + id, high: 250 });
    }
    const { data, arrays } = overview(headersOf((id) => volume(20 + id)), intensities);
    const axial = data.planes.indexOf('axial');
    const bins = intensityBins(arrays, axial, 'mean')!;
    assert.deepEqual(bins, { min: 50, max: 300, count: 20 });
    assert.deepEqual(intensityBins(arrays, axial, 'high'), { min: 250, max: 250, count: 1 });
    assert.deepEqual(selectedCases(data, arrays, { kind: 'intensity', split: 'valid', plane: 'axial', statistic: 'mean', bin: 19 }).map((i) => data.caseIds[i]), ['0007']);
    assert.equal(selectionLabel({ kind: 'intensity', split: 'valid', plane: 'axial', statistic: 'mean', bin: 19 }, data, arrays), 'axial: mean intensity 287.5–300 in valid/');
    assert.deepEqual(intensityOutliers(arrays.means[axial]).map((o) => data.caseIds[o.case]), ['0007']);
    assert.ok(data.problems.some((p) => p.file === 'valid/axial/0006.npy' && p.message === 'intensities: the volume holds no finite value'));
  });

  it('the protocol refuses what it does not allow', () => {
    assert.deepEqual(parseOverviewMessage({ type: 'filterCases', selection: { kind: 'slices', split: 'train', plane: 'axial', low: 40, high: 44 } }), { type: 'filterCases', selection: { kind: 'slices', split: 'train', plane: 'axial', low: 40, high: 44 } });
    for (const bad of [
      { type: 'filterCases', selection: { kind: 'slices', split: 'train', plane: 'axial', low: 44, high: 40 } },
      { type: 'filterCases', selection: { kind: 'slices', split: 'train', plane: 'axial', low: -1, high: 40 } },
      { type: 'filterCases', selection: { kind: 'labels', split: 'train', conditions: [] } },
      { type: 'filterCases', selection: { kind: 'labels', split: 'train', conditions: [{ task: 'acl', value: 2 }] } },
      { type: 'filterCases', selection: { kind: 'intensity', split: 'train', plane: 'axial', statistic: 'max', bin: 0 } },
      { type: 'filterCases', selection: { kind: 'unusual', extra: 1 } },
      { type: 'openCase', split: 'train', id: 'x'.repeat(300) },
      { type: 'exportTable', name: 'a', data: 'text' },
      { type: 'exportImage', format: 'gif', name: 'a', data: new ArrayBuffer(1) },
      { type: 'readIntensities', path: '/etc/passwd' },
      { type: 'rendered', headers: 'maybe' },
    ]) assert.equal(parseOverviewMessage(bad), undefined, JSON.stringify(bad));
  });
});
