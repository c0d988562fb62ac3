import { dump } from 'npyjs';
import { Pathology, Plane, labelSlice, lesionMap, renderSlice } from './kneePhantom';
import { Random } from './random';
import { samplePredictionFiles } from './samplePredictions';
import { PLANES, SampleCase, SampleFile, TASKS } from './sampleCase';

interface SampleOptions {
  train: number;
  valid: number;
  seed: number;
}

export const SMALL_SAMPLE: SampleOptions = { train: 16, valid: 8, seed: 1 };
/** MRNet-v1.0's size: ids 0000-1129 train, 1130-1249 valid. */
export const FULL_SAMPLE: SampleOptions = { train: 1130, valid: 120, seed: 1 };

/** MRNet's slice-count ranges per split and plane. */
const SLICES: Record<string, Record<Plane, [number, number]>> = {
  train: { axial: [19, 61], coronal: [17, 58], sagittal: [17, 51] },
  valid: { axial: [20, 52], coronal: [17, 48], sagittal: [21, 45] },
};

/**
 * MRNet's label combinations (abnormal, ACL, meniscus) and their counts: train as published;
 * valid chosen to match its published prevalences (79.2%, 45.0%, 43.3% of 120). Every ACL or
 * meniscus positive is abnormal.
 */
const COMBINATIONS: Record<string, [number, number, number, number][]> = {
  train: [
    [0, 0, 0, 217],
    [1, 0, 0, 433],
    [1, 0, 1, 272],
    [1, 1, 0, 83],
    [1, 1, 1, 125],
  ],
  valid: [
    [0, 0, 0, 25],
    [1, 0, 0, 17],
    [1, 0, 1, 24],
    [1, 1, 0, 26],
    [1, 1, 1, 28],
  ],
};

/** Images of a series across the knee, rendered once and shared by every case of that kind. */
const BANK_SLICES = 48;

/** The cases of a sample dataset: labels in MRNet's proportions and slice counts in its ranges. */
export function sampleCases(options: SampleOptions): SampleCase[] {
  const random = new Random(options.seed);
  const cases: SampleCase[] = [];
  for (const [split, count] of [
    ['train', options.train],
    ['valid', options.valid],
  ] as const) {
    for (const labels of assignLabels(COMBINATIONS[split], count, random)) {
      const slices = {} as Record<Plane, number>;
      for (const plane of PLANES) {
        const [low, high] = SLICES[split][plane];
        slices[plane] = Math.max(low, Math.min(high, Math.round(random.normal(31, 7))));
      }
      cases.push({ split, id: String(cases.length).padStart(4, '0'), labels, slices });
    }
  }
  return cases;
}

/** The sample's model outputs, by the overlay convention: overlays/{name}/{split}/{plane}/{id}.npy. */
const SAMPLE_CAM = 'cam';
const SAMPLE_SEGMENTATION = 'segmentation';

/**
 * The files of a synthetic dataset in MRNet-v1.0's exact layout, one at a time (the full
 * size is 7 GB): uint8 volumes (s, 256, 256) showing a synthetic knee, the six label CSVs in
 * MRNet's format, and for every plane of every case a CAM-like heatmap overlay, float32
 * (s, 7, 7), hot over the case's lesion; one case of each split (its first with an ACL tear)
 * also has a segmentation mask, uint8 (s, 256, 256); and two models' predictions
 * (samplePredictions). Deterministic for a seed.
 */
export function* sampleDatasetFiles(options: SampleOptions): Generator<SampleFile> {
  const cases = sampleCases(options);
  const random = new Random(options.seed ^ 0x9e3779b9); // the images' own stream
  const camRandom = new Random(options.seed ^ 0x5bd1e995); // the overlays' own: the images stay as they were
  const bank = new Map<string, Uint8Array[]>();
  const noise = Int8Array.from({ length: 1 << 18 }, () =>
    Math.max(-127, Math.min(127, Math.round(random.normal(0, 7)))),
  );
  for (const c of cases) {
    const pathology: Pathology = { aclTear: c.labels[1] === 1, meniscusTear: c.labels[2] === 1 };
    // One segmented case per split (masks are 2 MB a plane): its first with an ACL tear, else its first.
    const inSplit = cases.filter((other) => other.split === c.split);
    const segmented = c === (inSplit.find((other) => other.labels[1] === 1) ?? inSplit[0]);
    for (const plane of PLANES) {
      // Each case sits a few pixels off centre, in its images and in its mask alike.
      const offset = { dx: random.int(-6, 6), dy: random.int(-6, 6) };
      yield {
        path: `${c.split}/${plane}/${c.id}.npy`,
        data: caseVolume(plane, c.slices[plane], pathology, bank, noise, random, offset),
      };
      yield {
        path: `overlays/${SAMPLE_CAM}/${c.split}/${plane}/${c.id}.npy`,
        data: caseCam(plane, c.slices[plane], pathology, camRandom),
      };
      if (segmented)
        yield {
          path: `overlays/${SAMPLE_SEGMENTATION}/${c.split}/${plane}/${c.id}.npy`,
          data: caseMask(plane, c.slices[plane], pathology, offset),
        };
    }
  }
  for (const split of ['train', 'valid'] as const) {
    const inSplit = cases.filter((c) => c.split === split);
    for (const [t, task] of TASKS.entries()) {
      yield {
        path: `${split}-${task}.csv`,
        data: new TextEncoder().encode(inSplit.map((c) => `${c.id},${c.labels[t]}\n`).join('')),
      };
    }
  }
  yield* samplePredictionFiles(cases, options.seed);
}

/** Label triples for `count` cases in the proportions of MRNet's combinations, shuffled. */
function assignLabels(
  combinations: [number, number, number, number][],
  count: number,
  random: Random,
): [number, number, number][] {
  const total = combinations.reduce((s, c) => s + c[3], 0);
  const out: [number, number, number][] = [];
  let carried = 0;
  for (const [a, acl, men, n] of combinations) {
    carried += (n * count) / total;
    while (out.length < Math.round(carried)) out.push([a, acl, men]);
  }
  return random.shuffle(out);
}

/** A CAM per slice, 7 x 7: the lesion's share of each cell, over a faint noise floor (below the viewer's default threshold). */
function caseCam(plane: Plane, slices: number, pathology: Pathology, random: Random): Uint8Array {
  const cam = new Float32Array(slices * 49);
  for (let k = 0; k < slices; k++) {
    const map = lesionMap(plane, k / Math.max(slices - 1, 1), pathology);
    for (let i = 0; i < 49; i++) cam[k * 49 + i] = Math.min(1, map[i] + 0.06 * random.next());
  }
  return new Uint8Array(dump(cam, [slices, 7, 7]));
}

/** Where slice k of s falls among the series' BANK_SLICES positions, as 0..1. */
function slicePosition(k: number, slices: number): number {
  return Math.round((k / Math.max(slices - 1, 1)) * (BANK_SLICES - 1)) / (BANK_SLICES - 1);
}

/** A segmentation of a case's plane: bone, cartilage, meniscus and lesion, where its images show them. */
function caseMask(
  plane: Plane,
  slices: number,
  pathology: Pathology,
  { dx, dy }: { dx: number; dy: number },
): Uint8Array {
  const size = 256 * 256;
  const mask = new Uint8Array(slices * size);
  for (let k = 0; k < slices; k++) {
    const labels = labelSlice(plane, slicePosition(k, slices), pathology);
    for (let y = 0; y < 256; y++) {
      const sy = Math.min(255, Math.max(0, y + dy)) * 256;
      for (let x = 0; x < 256; x++) mask[k * size + y * 256 + x] = labels[sy + Math.min(255, Math.max(0, x + dx))];
    }
  }
  return new Uint8Array(dump(mask, [slices, 256, 256]));
}

function caseVolume(
  plane: Plane,
  slices: number,
  pathology: Pathology,
  bank: Map<string, Uint8Array[]>,
  noise: Int8Array,
  random: Random,
  { dx, dy }: { dx: number; dy: number },
): Uint8Array {
  const key = `${plane}:${pathology.aclTear}:${pathology.meniscusTear}`;
  let images = bank.get(key);
  if (!images) {
    images = Array.from({ length: BANK_SLICES }, (_, i) => renderSlice(plane, i / (BANK_SLICES - 1), pathology));
    bank.set(key, images);
  }
  const size = 256 * 256;
  const volume = new Uint8Array(slices * size);
  for (let k = 0; k < slices; k++) {
    const image = images[Math.round(slicePosition(k, slices) * (BANK_SLICES - 1))];
    const start = random.int(0, noise.length - size);
    const out = k * size;
    for (let y = 0; y < 256; y++) {
      const sy = Math.min(255, Math.max(0, y + dy)) * 256;
      for (let x = 0; x < 256; x++) {
        const v = image[sy + Math.min(255, Math.max(0, x + dx))] + noise[start + y * 256 + x];
        volume[out + y * 256 + x] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return new Uint8Array(dump(volume, [slices, 256, 256]));
}
