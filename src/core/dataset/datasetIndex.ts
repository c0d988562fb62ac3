import {
  MRNET_TASKS,
  OVERLAYS,
  caseArchiveIdOf,
  caseIdOf,
  caseKeyOf,
  compareCaseIds,
  labelFileOf,
  sortPlanes,
} from '../../shared/datasetLayout';
import { parseLabelCsv } from './labelCsv';
import { PredictionChoices, PredictionSource, SplitPredictions, readPredictions } from '../predictions/predictionFile';
import { DatasetProblem, ProblemList } from './problems';
import { DatasetCase } from './datasetCase';

/** What indexing needs to know of a dataset root: names only, and the text of its CSVs. */
export interface DatasetListing {
  splits: { name: string; planes: { name: string; files: string[] }[] }[];
  csvs: { name: string; text: string }[];
  /** Model outputs by convention: overlays/{name}/{split}/{plane}/{case id}.npy. */
  overlays?: { name: string; split: string; plane: string; files: string[] }[];
  /** Model predictions: predictions/{model}/{split}.csv, and files loaded by hand. */
  predictions?: PredictionSource[];
  /** {split}-paths.csv: the order of a headerless prediction file's rows. */
  paths?: { file: string; split: string; text: string }[];
}

/** A model's predictions, one file per split. */
interface ModelPredictions {
  name: string;
  splits: SplitPredictions[];
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
  /** The first 100 problems of each file, then a line counting the rest. */
  problems: DatasetProblem[];
  /** Every problem found, listed or not. */
  problemCount: number;
  /** Models with predictions for some split, by name. */
  models: ModelPredictions[];
}

/**
 * Indexes a dataset from its listing: cases are the NNNN.npy stems found in any plane folder
 * of a split, matched by value; labels come from {split}-{task}.csv. Reads no voxel data.
 * `problems` holds what listing found; indexing adds its own.
 */
export function indexDataset(
  listing: DatasetListing,
  problems = new ProblemList(),
  choices: (model: string, split: string) => PredictionChoices = () => ({}),
): DatasetIndex {
  const tasks = new Set<string>();
  const planes = new Set<string>();
  const splits: DatasetSplit[] = [];
  const splitNames = listing.splits.map((s) => s.name);
  for (const split of [...listing.splits].sort(
    (a, b) => splitRank(a.name) - splitRank(b.name) || a.name.localeCompare(b.name),
  )) {
    const cases = casesOf(split, planes, problems);
    for (const task of labelsOf(listing, split.name, cases, problems)) tasks.add(task);
    if (cases.size === 0)
      problems.add({ file: `${split.name}/`, message: 'this split holds no case files (NNNN.npy)' });
    splits.push({ name: split.name, cases: [...cases.values()].sort((a, b) => compareCaseIds(a.id, b.id)) });
  }
  for (const csv of listing.csvs) {
    const target = labelFileOf(csv.name);
    if (target && !splitNames.includes(target.split))
      problems.add({ file: csv.name, message: unmatchedLabelFile(target, splitNames) });
  }
  for (const problem of planeCaseProblems(listing)) problems.add(problem);
  attachOverlays(listing, splits, problems);
  const planeList = sortPlanes([...planes]);
  incompleteCases(listing, splits, planeList, problems);
  const taskList = [...tasks].sort(taskOrder);
  const models = readModels(listing, splits, taskList, planeList, choices, problems);
  return {
    tasks: taskList,
    planes: planeList,
    splits,
    problems: problems.toArray(),
    problemCount: problems.count,
    models,
  };
}

/** A split's cases by key: the NNNN.npy stems of its plane folders, matched by value; `planes` gathers the planes seen. */
function casesOf(
  split: DatasetListing['splits'][number],
  planes: Set<string>,
  problems: ProblemList,
): Map<string, DatasetCase> {
  const cases = new Map<string, DatasetCase>();
  for (const plane of split.planes) {
    for (const file of plane.files) {
      const id = caseIdOf(file);
      if (id === undefined) continue;
      planes.add(plane.name);
      const key = caseKeyOf(id);
      const c: DatasetCase = cases.get(key) ?? {
        id,
        key,
        split: split.name,
        files: new Map(),
        labels: new Map(),
        overlays: [],
      };
      const path = `${split.name}/${plane.name}/${file}`;
      const other = c.files.get(plane.name);
      if (other !== undefined) {
        problems.add({
          file: path,
          message: `names the same case as ${other} (ids are compared by value); it is left out`,
        });
        continue;
      }
      c.files.set(plane.name, path);
      cases.set(key, c);
    }
  }
  return cases;
}

/** The labels of a split's label files onto its cases; the tasks they are for. */
function labelsOf(
  listing: DatasetListing,
  split: string,
  cases: Map<string, DatasetCase>,
  problems: ProblemList,
): string[] {
  const tasks: string[] = [];
  for (const csv of listing.csvs) {
    const target = labelFileOf(csv.name);
    if (target?.split !== split) continue;
    tasks.push(target.task);
    for (const row of parseLabelCsv(csv.text, csv.name, problems)) {
      const c = cases.get(row.key);
      if (c) c.labels.set(target.task, row.label);
      else problems.add({ file: csv.name, line: row.line, message: `case ${row.id} has no .npy file in ${split}/` });
    }
  }
  return tasks;
}

/** Labels for the whole split's tasks, and a file of every plane, are expected of every case: the ones without are named. */
function incompleteCases(
  listing: DatasetListing,
  splits: DatasetSplit[],
  planeList: string[],
  problems: ProblemList,
): void {
  for (const split of splits) {
    const splitTasks = listing.csvs
      .map((c) => labelFileOf(c.name))
      .filter((t) => t?.split === split.name)
      .map((t) => t!.task)
      .sort(taskOrder);
    for (const c of split.cases) {
      const missingTasks = splitTasks.filter((t) => !c.labels.has(t));
      if (missingTasks.length)
        problems.add({
          file: `${split.name}/`,
          message: `case ${c.id} has no label in ${missingTasks.map((t) => `${split.name}-${t}.csv`).join(', ')}`,
        });
      const missingPlanes = planeList.filter((p) => !c.files.has(p));
      if (missingPlanes.length)
        problems.add({ file: `${split.name}/`, message: `case ${c.id} has no ${missingPlanes.join(', ')} file` });
    }
  }
}

/** Reads every prediction file against its split's cases and labels. */
function readModels(
  listing: DatasetListing,
  splits: DatasetSplit[],
  tasks: string[],
  planes: string[],
  choices: (model: string, split: string) => PredictionChoices,
  problems: ProblemList,
): ModelPredictions[] {
  const models = new Map<string, ModelPredictions>();
  for (const source of listing.predictions ?? []) {
    const split = splits.find((s) => s.name === source.split);
    if (!split) {
      problems.add({
        file: source.file,
        message: `names no split of this dataset (${splits.map((s) => `${s.name}.csv`).join(', ')} would)`,
      });
      continue;
    }
    const paths = listing.paths?.find((p) => p.split === source.split);
    const read = readPredictions(
      source,
      { cases: split.cases, tasks, planes },
      paths,
      choices(source.model, source.split),
      problems,
    );
    if (!read) continue;
    const model = models.get(source.model) ?? { name: source.model, splits: [] };
    model.splits = [...model.splits.filter((s) => s.split !== source.split), read];
    models.set(source.model, model);
  }
  return [...models.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Gives each case the overlays found for it; an overlay file of no case is a problem. */
function attachOverlays(listing: DatasetListing, splits: DatasetSplit[], problems: ProblemList): void {
  for (const overlay of [...(listing.overlays ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
    const split = splits.find((s) => s.name === overlay.split);
    for (const file of overlay.files) {
      const path = `${OVERLAYS}/${overlay.name}/${overlay.split}/${overlay.plane ? `${overlay.plane}/` : ''}${file}`;
      const id = (overlay.plane ? caseIdOf(file) : caseArchiveIdOf(file))!;
      const key = caseKeyOf(id);
      const c = split?.cases.find((x) => x.key === key);
      if (c) c.overlays.push({ plane: overlay.plane, name: overlay.name, path });
      else
        problems.add({
          file: path,
          message: split
            ? `names no case of ${overlay.split}/ (case ${id})`
            : `names no split of this dataset (${overlay.split}/)`,
        });
    }
  }
}

/** What to rename a label file to when no split folder has its split's name. */
function unmatchedLabelFile(target: { split: string; task: string }, splits: string[]): string {
  const byCase = splits.find((s) => s.toLowerCase() === target.split.toLowerCase());
  const byPrefix = splits.find(
    (s) =>
      s.toLowerCase().startsWith(target.split.toLowerCase()) || target.split.toLowerCase().startsWith(s.toLowerCase()),
  );
  const suggestion = byCase ?? byPrefix;
  const why = `there is no split folder ${target.split}/, so its labels are not used`;
  if (suggestion)
    return `${why}: rename it to ${suggestion}-${target.task}.csv to label ${suggestion}/${byCase ? ' (names are case-sensitive)' : ''}`;
  return `${why}: name label files {split}-{task}.csv after a split folder (${splits.map((s) => `${s}/`).join(', ') || 'none found'})`;
}

/** Plane folders whose names differ only in case across splits (Axial/ beside axial/): their cases would not line up. */
function planeCaseProblems(listing: DatasetListing): DatasetProblem[] {
  const spellings = new Map<string, Map<string, string[]>>();
  for (const split of listing.splits) {
    for (const plane of split.planes) {
      const lower = plane.name.toLowerCase();
      const forms = spellings.get(lower) ?? new Map<string, string[]>();
      forms.set(plane.name, [...(forms.get(plane.name) ?? []), split.name]);
      spellings.set(lower, forms);
    }
  }
  const problems: DatasetProblem[] = [];
  for (const [lower, forms] of spellings) {
    if (forms.size < 2) continue;
    // The spelling most splits use (lower case on a tie) is the one to keep.
    const keep = [...forms].sort(
      ([a, sa], [b, sb]) => sb.length - sa.length || Number(b === lower) - Number(a === lower) || a.localeCompare(b),
    )[0][0];
    for (const [name, splits] of forms) {
      if (name === keep) continue;
      for (const split of splits)
        problems.push({
          file: `${split}/${name}/`,
          message: `plane folder names differ only in case (${[...forms.keys()].map((f) => `${f}/`).join(', ')}): rename it to ${keep}/ so that its cases line up`,
        });
    }
  }
  return problems;
}

/** train before valid before test before anything else. */
function splitRank(name: string): number {
  const i = ['train', 'valid', 'test'].indexOf(name);
  return i < 0 ? 3 : i;
}

/** MRNet's tasks first, in the order its papers list them, then others alphabetically. */
function taskOrder(a: string, b: string): number {
  const rank = (t: string) => (MRNET_TASKS.includes(t) ? MRNET_TASKS.indexOf(t) : MRNET_TASKS.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Share of a split's labelled cases that are positive for a task, or undefined without labels. */
export function prevalence(cases: readonly DatasetCase[], task: string): number | undefined {
  let labelled = 0;
  let positive = 0;
  for (const c of cases) {
    const v = c.labels.get(task);
    if (v === undefined) continue;
    labelled++;
    positive += v;
  }
  return labelled ? positive / labelled : undefined;
}
