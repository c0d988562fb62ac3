import { CaseInfo } from '../src/shared/protocol';
import { el } from './dom';

/**
 * One badge per task: its name and label, with data-task and data-value (1, 0 or empty); with a
 * model's scores also its probability and outcome (data-probability, data-outcome) and the
 * per-plane probabilities.
 */
export function labelBadges(info: CaseInfo): HTMLElement {
  return el(
    'span',
    { class: 'badges', role: 'list', 'aria-label': info.model ? `Labels and ${info.model}'s probabilities` : 'Labels' },
    info.labels.map(({ task, name, value, probability, outcome, planes }) => {
      const label = `${name} ${value === null ? '?' : value ? '✓' : '✗'}`;
      const scored = probability !== undefined;
      const planeText = planes?.length ? planes.map((p) => `${p.plane} ${p.probability.toFixed(2)}`).join(' · ') : '';
      return el(
        'span',
        {
          role: 'listitem',
          class: `badge ${value === 1 ? 'positive' : value === 0 ? 'negative' : 'unlabelled'}${outcome ? ` outcome-${outcome}` : ''}`,
          'data-task': task,
          'data-value': value === null ? '' : String(value),
          ...(scored ? { 'data-probability': String(probability), 'data-outcome': outcome ?? '' } : {}),
          title: [
            `${name}: ${value === null ? 'no label' : value ? 'positive (1)' : 'negative (0)'}`,
            scored ? `${info.model}: p = ${probability.toFixed(4)}${outcome ? ` (${outcome})` : ''}` : '',
            planeText ? `per plane: ${planeText}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        },
        [
          label,
          ...(scored
            ? [el('span', { class: 'probability' }, [` p=${probability.toFixed(2)}${outcome ? ` ${outcome}` : ''}`])]
            : []),
          ...(planeText ? [el('span', { class: 'plane-probabilities' }, [` (${planeText})`])] : []),
        ],
      );
    }),
  );
}
