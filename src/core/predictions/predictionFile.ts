import { caseIdOf, caseKeyOf, taskDisplayName, SUBMISSION_ORDER } from '../../shared/datasetLayout';
import { aucWithInterval } from '../../shared/metrics/delong';
import { DatasetCase } from '../dataset/datasetCase';
import { csvSeparator, caseIdField, unquote } from '../dataset/labelCsv';
import { ProblemList } from '../dataset/problems';

/** A prediction file as listing found it: the model it belongs to, the split it scores, its text. */
export interface PredictionSource {
  model: string;
  split: string;
  /** Path relative to the dataset root, or the URI of a file loaded from elsewhere. */
  file: string;
  text: string;
}

/** What the user chose for one model's file, never applied without being asked. */
export interface PredictionChoices {
  /** The tasks of a headerless file's three columns, in order (default: abnormal, ACL, meniscus). */
  order?: string[];
  /** Apply the logistic function to the columns that hold logits. */
  logistic?: boolean;
}

/** One model's probabilities for one split's cases. */
export interface SplitPredictions {
  model: string;
  split: string;
  file: string;
  /** Task -> case key -> probability. */
  tasks: Map<string, Map<string, number>>;
  /** Task -> plane -> case key -> probability, from `{task}_{plane}` columns. */
  planes: Map<string, Map<string, Map<string, number>>>;
  /** The task order a headerless file is read in; undefined for a file with a header. */
  order?: string[];
  /** A headerless file whose labels make another column order clearly better. */
  betterOrder?: { order: string[]; meanAuc: number; currentMeanAuc: number };
  /** Columns (as the file names them, or their task for a headerless one) whose values look like logits. */
  logitColumns: string[];
  /** Whether the logistic function was applied to them. */
  logistic: boolean;
}

/** A column with at least this share (and two) of its values outside [0, 1] holds logits, not a few bad rows. */
const LOGIT_SHARE = 0.25;
/** How much better, in mean AUC, another column order must be before it is offered. */
const BETTER_ORDER_MARGIN = 0.1;

interface Column {
  name: string;
  task: string;
  plane?: string;
  values: (number | undefined)[];
}

/** The split a prediction file is read against. */
interface SplitCases {
  cases: readonly DatasetCase[];
  tasks: readonly string[];
  planes: readonly string[];
}

/** One prediction file being read: its rows, how its numbers are written, where problems go. */
interface Reading {
  source: PredictionSource;
  rows: { line: number; fields: string[] }[];
  number: (field: string) => number;
  problems: ProblemList;
}

/** The columns of a file, and each row's case key (undefined where the row names no case). */
interface Columns {
  keys: (string | undefined)[];
  columns: Column[];
}

/**
 * Reads a model's prediction file for one split: MRNet's headerless submission (three
 * probabilities per row: abnormal, ACL, meniscus; rows in the order of `{split}-paths.csv` or
 * else of the split's case ids) or a CSV with a header (a `case`/`id` column or the first one,
 * a column per task, optional `{task}_{plane}` columns). What cannot be used is a problem.
 */
export function readPredictions(
  source: PredictionSource,
  split: SplitCases,
  paths: { file: string; text: string } | undefined,
  choices: PredictionChoices,
  problems: ProblemList,
): SplitPredictions | undefined {
  const reading = csvRows(source, problems);
  if (!reading) return undefined;
  const headerless = reading.rows[0].fields.every((f) => !Number.isNaN(reading.number(f)));
  const order = headerless ? (choices.order ?? SUBMISSION_ORDER) : undefined;
  const read = order ? headerlessColumns(reading, split, paths, order) : headerColumns(reading, split);
  if (!read) return undefined;
  const logitColumns = logitsIn(reading, read.columns, choices.logistic === true);
  const result: SplitPredictions = {
    model: source.model,
    split: source.split,
    file: source.file,
    tasks: new Map(),
    planes: new Map(),
    order,
    logitColumns,
    logistic: !!choices.logistic && logitColumns.length > 0,
  };
  const seen = takeValues(reading, read, split, result, choices.logistic ? [] : logitColumns);
  const missing = split.cases.filter((c) => !seen.has(c.key));
  if (missing.length) {
    const some = missing.slice(0, 5).map((c) => c.id);
    problems.add({
      file: source.file,
      message: `has no row for ${missing.length} of the ${split.cases.length} cases of ${source.split}/ (${some.join(', ')}${missing.length > 5 ? ', …' : ''})`,
    });
  }
  if (order) result.betterOrder = betterOrder(result, split.cases, order);
  if (result.betterOrder && order) {
    const names = (o: string[]) => o.map(taskDisplayName).join(', ');
    const { meanAuc, currentMeanAuc } = result.betterOrder;
    problems.add({
      file: source.file,
      message: `its columns look like ${names(result.betterOrder.order)} rather than ${names(order)} (mean AUC ${meanAuc.toFixed(2)} against ${currentMeanAuc.toFixed(2)}); nothing was switched: choose the order with MRNet: Set Prediction Column Order`,
    });
  }
  return result;
}

/** The file's non-empty rows split at its separator, or undefined (a problem) for a file that is no CSV. */
function csvRows(source: PredictionSource, problems: ProblemList): Reading | undefined {
  const lines = source.text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  const separator = lines.length ? csvSeparator(lines[0].text) : undefined;
  if (!separator) {
    problems.add({
      file: source.file,
      message: lines.length ? 'no separator between columns: a prediction file is a CSV' : 'is empty',
    });
    return undefined;
  }
  const rows = lines.map((l) => ({ line: l.line, fields: l.text.split(separator).map(unquote) }));
  const number = (field: string) => (field === '' ? NaN : Number(separator === ',' ? field : field.replace(',', '.')));
  return { source, rows, number, problems };
}

/** A cell's number; an empty cell or one that is not a number is a problem (a literal NaN is read as NaN). */
function cell(reading: Reading, field: string | undefined, line: number, column: string): number | undefined {
  const { problems, source } = reading;
  if (field === undefined || field === '') {
    problems.add({ file: source.file, line, message: `${column} is empty` });
    return undefined;
  }
  const v = reading.number(field);
  if (Number.isNaN(v) && field.toLowerCase() !== 'nan') {
    problems.add({ file: source.file, line, message: `${column} '${field.slice(0, 40)}' is not a number` });
    return undefined;
  }
  return v;
}

/** MRNet's submission: one column per task in `order`, rows in the order of the paths file or of the case ids. */
function headerlessColumns(
  reading: Reading,
  split: SplitCases,
  paths: { file: string; text: string } | undefined,
  order: string[],
): Columns | undefined {
  const { rows, problems, source } = reading;
  const file = source.file;
  const ids = paths ? idsOfPathsFile(paths, problems) : split.cases.map((c) => c.id);
  const where = paths ? `${paths.file} lists ${ids.length} cases` : `${source.split}/ has ${ids.length} cases`;
  if (ids.length !== rows.length) {
    problems.add({
      file,
      message: `has ${rows.length} rows but ${where}: rows cannot be matched to cases, so this file is not used`,
    });
    return undefined;
  }
  // A row with another number of columns is one problem, not one per missing cell.
  const whole = rows.map((r) => {
    if (r.fields.length !== order.length)
      problems.add({
        file,
        line: r.line,
        message: `has ${r.fields.length} columns; a headerless prediction file has ${order.length} (${order.map(taskDisplayName).join(', ')})`,
      });
    return r.fields.length === order.length;
  });
  const columns = order.map((task, i) => ({
    name: taskDisplayName(task),
    task,
    values: rows.map((r, k) => (whole[k] ? cell(reading, r.fields[i], r.line, `column ${i + 1}`) : undefined)),
  }));
  return { keys: ids.map(caseKeyOf), columns };
}

/** A CSV with a header: the `case`/`id` column (else the first), a column per task, `{task}_{plane}` columns. */
function headerColumns(reading: Reading, split: SplitCases): Columns | undefined {
  const { rows, problems, source } = reading;
  const header = rows.shift()!.fields.map((f) => f.toLowerCase());
  const idColumn = Math.max(
    0,
    header.findIndex((h) => h === 'case' || h === 'id'),
  );
  const columns: Column[] = [];
  header.forEach((name, i) => {
    if (i === idColumn) return;
    const task = split.tasks.find((t) => t.toLowerCase() === name);
    const plane = task
      ? undefined
      : split.planes.find((p) => split.tasks.some((t) => `${t}_${p}`.toLowerCase() === name));
    const planeTask = plane && split.tasks.find((t) => `${t}_${plane}`.toLowerCase() === name);
    if (task || planeTask)
      columns.push({
        name,
        task: (task ?? planeTask)!,
        plane,
        values: rows.map((r) => cell(reading, r.fields[i], r.line, name)),
      });
  });
  if (!columns.some((c) => !c.plane)) {
    problems.add({
      file: source.file,
      message: `names no task in its header (${header.join(', ')}): name a column after a task of the labels (${split.tasks.join(', ')})`,
    });
    return undefined;
  }
  const keys = rows.map((r) => {
    const id = caseIdField(r.fields[idColumn] ?? '');
    if (id === undefined)
      problems.add({
        file: source.file,
        line: r.line,
        message: `case id '${r.fields[idColumn] ?? ''}' is not a number`,
      });
    return id === undefined ? undefined : caseKeyOf(id);
  });
  return { keys, columns };
}

/**
 * The columns that leave [0, 1] often, which hold logits: one problem for the column, not one
 * per row; with `logistic`, the logistic function is applied to them instead.
 */
function logitsIn(reading: Reading, columns: Column[], logistic: boolean): string[] {
  const logitColumns: string[] = [];
  for (const column of columns) {
    const numbers = column.values.filter((v): v is number => v !== undefined && Number.isFinite(v));
    const outside = numbers.filter((v) => v < 0 || v > 1).length;
    if (outside < 2 || outside < LOGIT_SHARE * numbers.length) continue;
    logitColumns.push(column.name);
    if (logistic)
      column.values = column.values.map((v) => (v === undefined || !Number.isFinite(v) ? v : 1 / (1 + Math.exp(-v))));
    else
      reading.problems.add({
        file: reading.source.file,
        message: `column ${column.name}: ${outside} of ${numbers.length} values lie outside [0, 1], so these are probably logits, not probabilities; the column is not used until the logistic function is applied (MRNet: Apply Logistic Function to Predictions)`,
      });
  }
  return logitColumns;
}

/**
 * Each row's probabilities into `result`, by case key (the first row of a case counts), but
 * those of the columns `unused`; a bad value is a problem. The case keys seen, with their lines.
 */
function takeValues(
  reading: Reading,
  { keys, columns }: Columns,
  split: SplitCases,
  result: SplitPredictions,
  unused: string[],
): Map<string, number> {
  const { rows, problems, source } = reading;
  const file = source.file;
  const cases = new Map(split.cases.map((c) => [c.key, c]));
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const key = keys[i];
    if (key === undefined) return;
    const c = cases.get(key);
    if (!c) {
      problems.add({ file, line: r.line, message: `case ${key} is not a case of ${source.split}/` });
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `case ${c.id} appears again (first on line ${first}); the first row is used`;
      problems.add({ file, line: r.line, message });
      return;
    }
    seen.set(key, r.line);
    for (const column of columns) {
      if (unused.includes(column.name)) continue;
      const v = column.values[i];
      if (v === undefined) continue;
      if (Number.isNaN(v)) problems.add({ file, line: r.line, message: `${column.name} for case ${c.id} is NaN` });
      else if (v < 0 || v > 1)
        problems.add({ file, line: r.line, message: `${column.name} for case ${c.id} is ${v}, outside [0, 1]` });
      else if (column.plane) {
        const byPlane = result.planes.get(column.task) ?? new Map<string, Map<string, number>>();
        byPlane.set(column.plane, (byPlane.get(column.plane) ?? new Map<string, number>()).set(key, v));
        result.planes.set(column.task, byPlane);
      } else result.tasks.set(column.task, (result.tasks.get(column.task) ?? new Map<string, number>()).set(key, v));
    }
  });
  return seen;
}

/** The case ids of a paths file, in the order they first appear: three plane paths per case, any plane order. */
function idsOfPathsFile(paths: { file: string; text: string }, problems: ProblemList): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  paths.text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const path = unquote(raw.split(',')[0] ?? '');
    if (!path) return;
    const id = caseIdOf(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
    if (id === undefined)
      problems.add({ file: paths.file, line: i + 1, message: `'${path.slice(0, 60)}' names no case file (NNNN.npy)` });
    else if (!seen.has(caseKeyOf(id))) {
      seen.add(caseKeyOf(id));
      ids.push(id);
    }
  });
  return ids;
}

/** The column order, among every assignment of the three columns to tasks, whose mean AUC beats the current one clearly. */
function betterOrder(
  read: SplitPredictions,
  cases: readonly DatasetCase[],
  order: string[],
): SplitPredictions['betterOrder'] {
  const byColumn = order.map((task) => read.tasks.get(task) ?? new Map<string, number>());
  const meanAuc = (assignment: string[]) => {
    const aucs = assignment.map((task, i) => {
      const pos: number[] = [];
      const neg: number[] = [];
      for (const c of cases) {
        const p = byColumn[i].get(c.key);
        const label = c.labels.get(task);
        if (p !== undefined && label !== undefined) (label ? pos : neg).push(p);
      }
      return pos.length && neg.length ? aucWithInterval(pos, neg).auc : undefined;
    });
    const known = aucs.filter((a): a is number => a !== undefined);
    return known.length === assignment.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
  };
  const current = meanAuc(order);
  if (current === undefined) return undefined;
  let best: SplitPredictions['betterOrder'];
  for (const candidate of permutations(order)) {
    const mean = meanAuc(candidate);
    if (mean !== undefined && mean >= current + BETTER_ORDER_MARGIN && (!best || mean > best.meanAuc))
      best = { order: candidate, meanAuc: mean, currentMeanAuc: current };
  }
  return best;
}

/** Every order of `items`. */
export function permutations(items: string[]): string[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
