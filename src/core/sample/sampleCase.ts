import { Plane } from './kneePhantom';

/** The sample's planes and tasks, in the order its files and columns are written. */
export const PLANES: readonly Plane[] = ['axial', 'coronal', 'sagittal'];
export const TASKS = ['abnormal', 'acl', 'meniscus'] as const;

export interface SampleFile {
  /** Path relative to the dataset root: train/axial/0000.npy, train-acl.csv. */
  path: string;
  data: Uint8Array;
}

/** One case of the sample: where it goes, its labels and each plane's slice count. */
export interface SampleCase {
  split: 'train' | 'valid';
  id: string;
  /** abnormal, acl, meniscus: 0 or 1. */
  labels: [number, number, number];
  slices: Record<Plane, number>;
}
