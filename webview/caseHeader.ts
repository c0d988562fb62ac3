import { CaseInfo } from '../src/shared/protocol';
import { el } from './dom';

/** One badge per task: its name and label, with data-task and data-value (1, 0 or empty). */
export function labelBadges(info: CaseInfo): HTMLElement {
  return el(
    'span',
    { class: 'badges', role: 'list', 'aria-label': 'Labels' },
    info.labels.map(({ task, name, value }) =>
      el('span', {
        role: 'listitem',
        class: `badge ${value === 1 ? 'positive' : value === 0 ? 'negative' : 'unlabelled'}`,
        'data-task': task,
        'data-value': value === null ? '' : String(value),
        title: `${name}: ${value === null ? 'no label' : value ? 'positive (1)' : 'negative (0)'}`,
      }, [`${name} ${value === null ? '?' : value ? '✓' : '✗'}`]),
    ),
  );
}
