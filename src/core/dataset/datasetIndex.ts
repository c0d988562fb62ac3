import { caseIdOf, labelFileOf, sortPlanes } from './layout';
import { parseLabelCsv } from './labelCsv';
import { DatasetProblem } from './problems';

/** What indexing needs to know of a dataset root: names only, and the text of its CSVs. */
export interface DatasetListing {
  splits: { name: string; planes: { name: string; files: string[] }[] }[];
  csvs: { name: string; text: string }[];
}

export interface DatasetCase {
  id: string;
  split: string;
  /** Plane name -> path of its file relative to the root (train/axial/0000.npy). */
  files: Record<string, string>;
  /** Task -> 0 or 1; a task missing here has no label for this case. */
  labels: Record<string, 0 | 1>;
}

export interface DatasetSplit {
  name: string;
  cases: DatasetCase[];
}

export interface DatasetIndex {
  /** Tasks with a label file in some split, sorted. */
  tasks: string[];
  /** Plane folders found in some split, in the viewer's order. */
  planes: string[];
  splits: DatasetSplit[];
  problems: DatasetProblem[];
}

/**
 * Indexes a dataset from its listing: cases are the NNNN.npy stems found in any plane folder
 * of a split; labels come from {split}-{task}.csv. Reads no voxel data.
 */
export function indexDataset(listing: DatasetListing): DatasetIndex {
  const problems: DatasetProblem[] = [];
  const tasks = new Set<string>();
  const planes = new Set<string>();
  const splits: DatasetSplit[] = [];

  for (const split of [...listing.splits].sort((a, b) => splitRank(a.name) - splitRank(b.name) || a.name.localeCompare(b.name))) {
    const cases = new Map<string, DatasetCase>();
    for (const plane of split.planes) {
      for (const file of plane.files) {
        const id = caseIdOf(file);
        if (id === undefined) continue;
        planes.add(plane.name);
        const c = cases.get(id) ?? { id, split: split.name, files: {}, labels: {} };
        c.files[plane.name] = `${split.name}/${plane.name}/${file}`;
        cases.set(id, c);
      }
    }
    for (const csv of listing.csvs) {
      const target = labelFileOf(csv.name);
      if (target?.split !== split.name) continue;
      tasks.add(target.task);
      const parsed = parseLabelCsv(csv.text, csv.name);
      problems.push(...parsed.problems);
      for (const row of parsed.rows) {
        const c = cases.get(row.id);
        if (c) c.labels[target.task] = row.label;
        else problems.push({ file: csv.name, line: row.line, message: `case ${row.id} has no .npy file in ${split.name}/` });
      }
    }
    if (cases.size === 0) problems.push({ file: `${split.name}/`, message: 'this split holds no case files (NNNN.npy)' });
    splits.push({ name: split.name, cases: [...cases.values()].sort((a, b) => a.id.localeCompare(b.id)) });
  }

  // Labels for the whole split's tasks are expected of every case; name the ones without.
  const planeList = sortPlanes([...planes]);
  for (const split of splits) {
    const splitTasks = listing.csvs.map((c) => labelFileOf(c.name)).filter((t) => t?.split === split.name).map((t) => t!.task).sort(taskOrder);
    for (const c of split.cases) {
      const missingTasks = splitTasks.filter((t) => c.labels[t] === undefined);
      if (missingTasks.length) problems.push({ file: `${split.name}/`, message: `case ${c.id} has no label in ${missingTasks.map((t) => `${split.name}-${t}.csv`).join(', ')}` });
      const missingPlanes = planeList.filter((p) => !c.files[p]);
      if (missingPlanes.length) problems.push({ file: `${split.name}/`, message: `case ${c.id} has no ${missingPlanes.join(', ')} file` });
    }
  }
  return { tasks: [...tasks].sort(taskOrder), planes: planeList, splits, problems };
}

/** train before valid before test before anything else. */
function splitRank(name: string): number {
  const i = ['train', 'valid', 'test'].indexOf(name);
  return i < 0 ? 3 : i;
}

/** MRNet's tasks first, in the order its papers list them, then others alphabetically. */
function taskOrder(a: string, b: string): number {
  const order = ['acl', 'meniscus', 'abnormal'];
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Share of a split's labelled cases that are positive for a task, or undefined without labels. */
export function prevalence(split: DatasetSplit, task: string): number | undefined {
  let labelled = 0;
  let positive = 0;
  for (const c of split.cases) {
    const v = c.labels[task];
    if (v === undefined) continue;
    labelled++;
    positive += v;
  }
  return labelled ? positive / labelled : undefined;
}
