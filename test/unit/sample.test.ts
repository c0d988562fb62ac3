import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeNpy } from '../../src/shared/npy/decode';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { ProblemList } from '../../src/core/dataset/problems';
import { parseLabelCsv } from '../../src/core/dataset/labelCsv';
import { indexDataset } from '../../src/core/dataset/datasetIndex';
import { samplePredictionFiles } from '../../src/core/sample/samplePredictions';
import { aucWithInterval } from '../../src/shared/metrics/delong';
import { PAPER_AUC } from '../../src/shared/datasetLayout';
import { FULL_SAMPLE, sampleCases, sampleDatasetFiles } from '../../src/core/sample/sampleDataset';

describe('the sample dataset', function () {
  this.timeout(60000);
  const files = [...sampleDatasetFiles({ train: 30, valid: 10, seed: 7 })];
  const byPath = new Map(files.map((f) => [f.path, f.data]));

  it("has MRNet-v1.0's layout: one file per case and plane, six CSVs, valid ids after train; a CAM overlay per case and plane", () => {
    // Volumes and CAMs, six label CSVs, six segmentations, and two models' predictions with a paths file.
    assert.equal(files.length, 40 * 3 * 2 + 6 + 2 * 3 + 4);
    assert.equal(files.filter((f) => f.path.startsWith('overlays/cam/')).length, 40 * 3);
    const firstTorn = (split: string) =>
      new TextDecoder()
        .decode(byPath.get(`${split}-acl.csv`))
        .split('\n')
        .find((l) => l.endsWith(',1'))!
        .split(',')[0];
    assert.deepEqual(
      files
        .filter((f) => f.path.startsWith('overlays/segmentation/'))
        .map((f) => f.path)
        .sort(),
      ['train', 'valid']
        .flatMap((split) =>
          ['axial', 'coronal', 'sagittal'].map((p) => `overlays/segmentation/${split}/${p}/${firstTorn(split)}.npy`),
        )
        .sort(),
    );
    for (const plane of ['axial', 'coronal', 'sagittal']) {
      assert.ok(byPath.has(`train/${plane}/0000.npy`) && byPath.has(`train/${plane}/0029.npy`));
      assert.ok(byPath.has(`valid/${plane}/0030.npy`) && byPath.has(`valid/${plane}/0039.npy`));
    }
    for (const split of ['train', 'valid'])
      for (const task of ['abnormal', 'acl', 'meniscus']) assert.ok(byPath.has(`${split}-${task}.csv`));
  });

  it("volumes are uint8 (s, 256, 256) with s in MRNet's range for the split and plane", () => {
    const ranges: Record<string, [number, number]> = {
      'train/axial': [19, 61],
      'train/coronal': [17, 58],
      'train/sagittal': [17, 51],
      'valid/axial': [20, 52],
      'valid/coronal': [17, 48],
      'valid/sagittal': [21, 45],
    };
    for (const { path, data } of files.filter((f) => f.path.endsWith('.npy') && !f.path.startsWith('overlays/'))) {
      const header = parseNpyHeader(data, data.length);
      assert.equal(header.dtype.name, 'uint8');
      assert.equal(header.fortranOrder, false);
      const [low, high] = ranges[path.split('/').slice(0, 2).join('/')];
      assert.ok(header.shape.length === 3 && header.shape[1] === 256 && header.shape[2] === 256, path);
      assert.ok(header.shape[0] >= low && header.shape[0] <= high, `${path}: ${header.shape[0]} slices`);
    }
  });

  it("CSVs are in MRNet's exact format, and every ACL or meniscus positive is abnormal", () => {
    const text = new TextDecoder().decode(byPath.get('train-acl.csv'));
    assert.match(text, /^(\d{4},[01]\n){30}$/);
    for (const split of ['train', 'valid']) {
      const labels = (task: string) =>
        new Map(
          parseLabelCsv(new TextDecoder().decode(byPath.get(`${split}-${task}.csv`)), task, new ProblemList()).map(
            (r) => [r.id, r.label],
          ),
        );
      const abnormal = labels('abnormal');
      for (const task of ['acl', 'meniscus'])
        for (const [id, v] of labels(task)) if (v) assert.equal(abnormal.get(id), 1, `${split} ${id} ${task}`);
    }
  });

  it("gains two models' predictions that index without a problem: a header file with per-plane columns and a headerless submission in a paths file's order, with AUCs near the paper's", () => {
    const listing = {
      splits: ['train', 'valid'].map((name) => ({
        name,
        planes: ['axial', 'coronal', 'sagittal'].map((plane) => ({
          name: plane,
          files: files.filter((f) => f.path.startsWith(`${name}/${plane}/`)).map((f) => f.path.split('/')[2]),
        })),
      })),
      csvs: files
        .filter((f) => /^\w+-(abnormal|acl|meniscus)\.csv$/.test(f.path))
        .map((f) => ({ name: f.path, text: new TextDecoder().decode(f.data) })),
      predictions: files
        .filter((f) => f.path.startsWith('predictions/'))
        .map((f) => ({
          model: f.path.split('/')[1],
          split: f.path.split('/')[2].replace('.csv', ''),
          file: f.path,
          text: new TextDecoder().decode(f.data),
        })),
      paths: [
        { file: 'valid-paths.csv', split: 'valid', text: new TextDecoder().decode(byPath.get('valid-paths.csv')) },
      ],
    };
    const index = indexDataset(listing);
    assert.deepEqual(index.problems, []);
    assert.deepEqual(
      index.models.map((m) => [m.name, m.splits.map((s) => s.split)]),
      [
        ['mrnet-baseline', ['train', 'valid']],
        ['submission', ['valid']],
      ],
    );
    const baseline = index.models[0].splits[1];
    assert.deepEqual([...baseline.planes.get('acl')!.keys()], ['axial', 'coronal', 'sagittal']);
    // On the full sample's 120 valid cases the main model's AUCs land near the paper's (0.937, 0.965, 0.847).
    const cases = sampleCases(FULL_SAMPLE).filter((c) => c.split === 'valid');
    const valid = [...samplePredictionFiles(sampleCases(FULL_SAMPLE), FULL_SAMPLE.seed)].find(
      (f) => f.path === 'predictions/mrnet-baseline/valid.csv',
    )!;
    const rows = new TextDecoder()
      .decode(valid.data)
      .trim()
      .split('\n')
      .slice(1)
      .map((r) => r.split(',').map(Number));
    ['abnormal', 'acl', 'meniscus'].forEach((task, t) => {
      const scores = (label: number) => rows.filter((_, i) => cases[i].labels[t] === label).map((r) => r[t + 1]);
      const { auc } = aucWithInterval(scores(1), scores(0));
      assert.ok(Math.abs(auc - PAPER_AUC.get(task)!) < 0.05, `${task}: AUC ${auc}`);
    });
  });

  it("has about MRNet's prevalences (train: ACL 18.4%, meniscus 35.1%, abnormal 80.8%)", () => {
    const cases = sampleCases(FULL_SAMPLE);
    assert.equal(cases.length, 1250);
    assert.deepEqual([cases[0].id, cases[1129].id, cases[1130].id, cases[1249].id], ['0000', '1129', '1130', '1249']);
    const share = (split: string, t: number) => {
      const inSplit = cases.filter((c) => c.split === split);
      return (inSplit.filter((c) => c.labels[t] === 1).length / inSplit.length).toFixed(3);
    };
    assert.deepEqual([share('train', 1), share('train', 2), share('train', 0)], ['0.184', '0.351', '0.808']);
    assert.deepEqual([share('valid', 1), share('valid', 2), share('valid', 0)], ['0.450', '0.433', '0.792']);
  });

  it("CAM overlays are float32 (s, 7, 7) with the plane's slice count, hot over a lesion and cool without one", () => {
    const csv = new TextDecoder().decode(byPath.get('train-acl.csv'));
    const peak = (id: string, plane: string) => {
      const cam = decodeNpy(byPath.get(`overlays/cam/train/${plane}/${id}.npy`)!);
      const bytes = byPath.get(`train/${plane}/${id}.npy`)!;
      const image = parseNpyHeader(bytes, bytes.length);
      assert.deepEqual([cam.header.dtype.name, cam.header.shape], ['float32', [image.shape[0], 7, 7]]);
      return Math.max(...Array.from(cam.values as Float32Array));
    };
    const torn = csv
      .split('\n')
      .find((l) => l.endsWith(',1'))!
      .split(',')[0];
    const normal = new TextDecoder()
      .decode(byPath.get('train-abnormal.csv'))
      .split('\n')
      .find((l) => l.endsWith(',0'))!
      .split(',')[0];
    assert.ok(peak(torn, 'sagittal') > 0.9, 'a torn ACL lights up');
    for (const plane of ['axial', 'coronal', 'sagittal'])
      assert.ok(peak(normal, plane) < 0.15, `a normal knee stays cool (${plane})`);
  });

  it("segmentation masks are uint8 (s, 256, 256) labels 0-4 with the plane's shape, the lesion labelled in the sagittal plane", () => {
    const id = new TextDecoder()
      .decode(byPath.get('train-acl.csv'))
      .split('\n')
      .find((l) => l.endsWith(',1'))!
      .split(',')[0];
    for (const plane of ['axial', 'coronal', 'sagittal']) {
      const mask = decodeNpy(byPath.get(`overlays/segmentation/train/${plane}/${id}.npy`)!);
      const image = decodeNpy(byPath.get(`train/${plane}/${id}.npy`)!);
      assert.deepEqual([mask.header.dtype.name, mask.header.shape], ['uint8', image.header.shape]);
      const labels = new Set(mask.values);
      assert.ok([...labels].every((l) => l <= 4) && labels.has(1) && labels.has(0), `${plane}: ${[...labels].join()}`);
      if (plane === 'sagittal') assert.ok(labels.has(4), 'the torn ACL is labelled');
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    // The files come one by one: the first case's (a plane, its CAM, its mask) say enough, at a
    // few seconds a case on a 2-core machine.
    const hash = (seed: number) => {
      const h = createHash('sha256');
      let files = 0;
      for (const f of sampleDatasetFiles({ train: 2, valid: 1, seed })) {
        h.update(f.path).update(f.data);
        if (++files === 3) break;
      }
      return h.digest('hex');
    };
    assert.equal(hash(3), hash(3));
    assert.notEqual(hash(3), hash(4));
  });

  it('an ACL tear shows: the sagittal ACL band differs between torn and intact cases', () => {
    const csv = new TextDecoder().decode(byPath.get('train-acl.csv'));
    const torn = csv
      .split('\n')
      .find((l) => l.endsWith(',1'))!
      .split(',')[0];
    const intact = csv
      .split('\n')
      .find((l) => l.endsWith(',0'))!
      .split(',')[0];
    // The band is dark in an intact knee and bright (oedema) where torn: compare the centre region.
    const centreMean = (id: string) => {
      const a = decodeNpy(byPath.get(`train/sagittal/${id}.npy`)!);
      const [s] = a.header.shape;
      const k = Math.floor(s / 2);
      let sum = 0;
      let n = 0;
      for (let y = 118; y < 138; y++) for (let x = 118; x < 138; x++, n++) sum += a.values[k * 65536 + y * 256 + x];
      return sum / n;
    };
    assert.ok(centreMean(torn) > centreMean(intact) + 20, `${centreMean(torn)} vs ${centreMean(intact)}`);
  });
});
