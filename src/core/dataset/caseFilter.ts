import { DatasetCase } from './datasetIndex';
import { taskDisplayName } from './layout';

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
  if (task === 'acl' || task === 'meniscus') {
    const name = task === 'acl' ? 'ACL' : 'meniscus';
    return value ? `${name} tear` : `no ${name} tear`;
  }
  if (task === 'abnormal') return value ? 'abnormal' : 'normal';
  return `${taskDisplayName(task)} = ${value}`;
}

/** What a case row says of its labels: "ACL, meniscus, abnormal" or "normal". */
export function caseDescription(c: DatasetCase, tasks: readonly string[]): string {
  const positive = tasks.filter((t) => c.labels[t] === 1).map((t) => (t === 'acl' ? 'ACL' : t));
  if (positive.length) return positive.join(', ');
  return tasks.some((t) => c.labels[t] === 0) ? 'normal' : 'no labels';
}
