/** The MRNet-v1.0 layout: {root}/{split}/{plane}/NNNN.npy and {root}/{split}-{task}.csv. */

/** A case file: digits and .npy, nothing else (not `._0000.npy`, `0000 (1).npy`, `.DS_Store`). */
const CASE_FILE = /^(\d+)\.npy$/;
const LABEL_FILE = /^(.+)-([^-]+)\.csv$/;

/** The case id a plane file holds (its stem, as written), or undefined for files that are not cases. */
export function caseIdOf(fileName: string): string | undefined {
  return CASE_FILE.exec(fileName)?.[1];
}

/** The folder of model outputs beside the splits: overlays/{name}/{split}/{plane}/NNNN.npy or overlays/{name}/{split}/NNNN.npz. */
export const OVERLAYS = 'overlays';
const CASE_ARCHIVE = /^(\d+)\.npz$/;

/** The case id of a case's overlay archive (NNNN.npz, one member per plane), or undefined. */
export function caseArchiveIdOf(fileName: string): string | undefined {
  return CASE_ARCHIVE.exec(fileName)?.[1];
}

/**
 * Case ids are digit strings compared by value within a dataset: `1`, `0001` and `00001`
 * are one case. The key is the digits without leading zeros.
 */
export function caseKeyOf(id: string): string {
  let zeros = 0;
  while (zeros < id.length - 1 && id[zeros] === '0') zeros++;
  return zeros ? id.slice(zeros) : id;
}

/** Orders case ids by value: 999 before 1000, 0010 before 10000. */
export function compareCaseIds(a: string, b: string): number {
  const ka = caseKeyOf(a);
  const kb = caseKeyOf(b);
  return ka.length - kb.length || (ka < kb ? -1 : ka > kb ? 1 : 0) || a.length - b.length;
}

/** The split and task a label file is for: `train-acl.csv` -> train, acl. Not a paths file (`valid-paths.csv`). */
export function labelFileOf(fileName: string): { split: string; task: string } | undefined {
  const m = LABEL_FILE.exec(fileName);
  return m && m[2] !== 'paths' ? { split: m[1], task: m[2] } : undefined;
}

/** The split whose cases a paths file lists, in the order of a submission's rows: `valid-paths.csv` -> valid. */
export function pathsFileOf(fileName: string): string | undefined {
  const m = LABEL_FILE.exec(fileName);
  return m && m[2] === 'paths' ? m[1] : undefined;
}

/** The folder of model predictions beside the splits: predictions/{model}/{split}.csv. */
export const PREDICTIONS = 'predictions';
const PREDICTION_FILE = /^(.+)\.csv$/i;

/** The split a model's prediction file is for: `valid.csv` -> valid. */
export function predictionSplitOf(fileName: string): string | undefined {
  return PREDICTION_FILE.exec(fileName)?.[1];
}

/** The MRNet submission's column order: a headerless prediction file's three probabilities. */
export const SUBMISSION_ORDER = ['abnormal', 'acl', 'meniscus'];

/** The MRNet paper's validation AUCs (Bien et al. 2018): the report's reference marks. */
export const PAPER_AUC: ReadonlyMap<string, number> = new Map([
  ['abnormal', 0.937],
  ['acl', 0.965],
  ['meniscus', 0.847],
]);

/** MRNet's tasks, in the order the viewer shows them. */
export const MRNET_TASKS: readonly string[] = ['acl', 'meniscus', 'abnormal'];

const TASK_NAMES = new Map([
  ['acl', 'ACL'],
  ['meniscus', 'Meniscus'],
  ['abnormal', 'Abnormal'],
]);

/** How a task is named on screen: ACL, Meniscus, Abnormal; others as written. */
export function taskDisplayName(task: string): string {
  return TASK_NAMES.get(task) ?? task;
}

/** The case viewer's order of planes (the notebook widget's): coronal, sagittal, axial, then others. */
export const MRNET_PLANES: readonly string[] = ['coronal', 'sagittal', 'axial'];
export function sortPlanes(planes: string[]): string[] {
  const rank = (p: string) => (MRNET_PLANES.includes(p) ? MRNET_PLANES.indexOf(p) : MRNET_PLANES.length);
  return [...planes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** "axial" -> "Axial": how plane names appear in labels ("Axial plane", "Axial slice"). */
export function planeDisplayName(plane: string): string {
  return plane.charAt(0).toUpperCase() + plane.slice(1);
}
