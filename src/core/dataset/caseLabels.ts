import { DatasetSplit, prevalence } from './datasetIndex';
import { DatasetCase } from './datasetCase';
import { caseKeyOf, taskDisplayName } from '../../shared/datasetLayout';

/** How a task reads inside running text: ACL, meniscus, abnormal. */
function taskWord(task: string): string {
  return task === 'acl' ? 'ACL' : task;
}

/** A filter of the cases tree: one task's label must have one value. */
export interface CaseFilter {
  task: string;
  value: 0 | 1;
}

export function matchesFilter(c: DatasetCase, filter: CaseFilter | undefined): boolean {
  return !filter || c.labels.get(filter.task) === filter.value;
}

/** "ACL tear", "no ACL tear", "abnormal", "normal", "<task> = 1": how a filter is named. */
export function filterLabel(filter: CaseFilter): string {
  const { task, value } = filter;
  if (task === 'acl' || task === 'meniscus') return value ? `${taskWord(task)} tear` : `no ${taskWord(task)} tear`;
  if (task === 'abnormal') return value ? 'abnormal' : 'normal';
  return `${taskDisplayName(task)} = ${value}`;
}

/**
 * What a case row says of its labels: "ACL, meniscus, abnormal"; "normal" only when every
 * task is labelled 0; unlabelled tasks are named ("ACL · no label: abnormal").
 */
export function caseDescription(c: DatasetCase, tasks: readonly string[]): string {
  const positive = tasks.filter((t) => c.labels.get(t) === 1).map(taskWord);
  const unlabelled = tasks.filter((t) => !c.labels.has(t)).map(taskWord);
  if (unlabelled.length === tasks.length) return 'no labels';
  const labelled = positive.length ? positive.join(', ') : unlabelled.length ? 'no positive label' : 'normal';
  return unlabelled.length ? `${labelled} · no label: ${unlabelled.join(', ')}` : labelled;
}

/** What a split row says: "1,130 cases · ACL 18.4% · …", or under a filter "12 of 1,130 cases match · …" of the matching cases. */
export function splitSummary(
  split: DatasetSplit,
  tasks: readonly string[],
  filter?: (c: DatasetCase) => boolean,
): string {
  const shown = filter ? split.cases.filter(filter) : split.cases;
  const count = (n: number) => n.toLocaleString('en-US');
  const parts = [
    filter
      ? `${count(shown.length)} of ${count(split.cases.length)} cases match`
      : `${count(split.cases.length)} cases`,
  ];
  for (const task of tasks) {
    const p = prevalence(shown, task);
    if (p !== undefined) parts.push(`${taskWord(task)} ${(p * 100).toFixed(1)}%`);
  }
  return parts.join(' · ');
}

/**
 * What typing in "MRNet: Open Case" matches a case by: its id (as written and by value), its
 * split, its dataset, its positive tasks, `normal` only for cases labelled 0 for every task
 * (never inside "abnormal"), and `unlabelled`.
 */
export function caseSearchWords(c: DatasetCase, tasks: readonly string[], dataset: string): string[] {
  const positive = tasks.filter((t) => c.labels.get(t) === 1);
  // A dataset name matches from any of its parts on: "broken-dataset" finds "my-broken-dataset".
  const datasetParts = [...dataset.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => dataset.slice(m.index));
  const words = [c.id, caseKeyOf(c.id), c.split, ...datasetParts, ...positive];
  if (tasks.length && tasks.every((t) => c.labels.get(t) === 0)) words.push('normal');
  if (tasks.some((t) => !c.labels.has(t))) words.push('unlabelled');
  return words.filter(Boolean).map((w) => w.toLowerCase());
}

/** Every word typed must begin one of the case's words: "normal" finds normal cases, not abnormal ones. */
export function matchesQuery(words: readonly string[], query: string): boolean {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((w) => w.startsWith(typed)));
}
