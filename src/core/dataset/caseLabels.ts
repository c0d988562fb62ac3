import { DatasetCase, DatasetSplit, prevalence } from './datasetIndex';
import { taskDisplayName } from './layout';

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
  return !filter || c.labels[filter.task] === filter.value;
}

/** "ACL tear", "no ACL tear", "abnormal", "normal", "<task> = 1": how a filter is named. */
export function filterLabel(filter: CaseFilter): string {
  const { task, value } = filter;
  if (task === 'acl' || task === 'meniscus') return value ? `${taskWord(task)} tear` : `no ${taskWord(task)} tear`;
  if (task === 'abnormal') return value ? 'abnormal' : 'normal';
  return `${taskDisplayName(task)} = ${value}`;
}

/** What a case row says of its labels: "ACL, meniscus, abnormal" or "normal". */
export function caseDescription(c: DatasetCase, tasks: readonly string[]): string {
  const positive = tasks.filter((t) => c.labels[t] === 1).map(taskWord);
  if (positive.length) return positive.join(', ');
  return tasks.some((t) => c.labels[t] === 0) ? 'normal' : 'no labels';
}

/** What a split row says: "1,130 cases · ACL 18.4% · meniscus 35.1% · abnormal 80.8%". */
export function splitSummary(split: DatasetSplit, tasks: readonly string[]): string {
  const parts = [`${split.cases.length.toLocaleString('en-US')} cases`];
  for (const task of tasks) {
    const p = prevalence(split, task);
    if (p !== undefined) parts.push(`${taskWord(task)} ${(p * 100).toFixed(1)}%`);
  }
  return parts.join(' · ');
}
