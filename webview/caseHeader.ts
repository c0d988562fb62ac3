import { caseKeyOf } from '../src/shared/datasetLayout';
import { CaseInfo } from '../src/shared/protocol';
import { button, el } from './dom';
import { vscode } from './vscodeApi';

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

/**
 * The case viewer's header: the case, its dataset and split, its label badges, Previous and
 * Next, and a case picker (a native combobox: typing an id and Enter opens it, found by value
 * among the tree's cases; the list offers them).
 */
export class CaseHeaderBar {
  readonly element: HTMLElement;
  private readonly title = el('h1', { class: 'file-name' });
  private readonly split = el('span', { class: 'case-split' });
  private readonly badges = el('span', { class: 'badges-slot' });
  private readonly picker = el('input', {
    type: 'text',
    list: 'case-ids',
    'aria-label': 'Case',
    class: 'case-picker',
    autocomplete: 'off',
    spellcheck: 'false',
    inputmode: 'numeric',
  });
  private readonly pickerList = el('datalist', { id: 'case-ids' });
  private pickerIds: string[] = [];

  constructor(navigate: (direction: 'next' | 'previous') => void) {
    this.element = el('header', { class: 'case-header' }, [
      this.title,
      this.split,
      this.badges,
      el('span', { class: 'group' }, [
        button('‹ Previous', 'Previous case (p, Alt+Left)', () => navigate('previous')),
        button('Next ›', 'Next case (n, Alt+Right)', () => navigate('next')),
      ]),
      el('label', { class: 'control' }, ['Case ', this.picker, this.pickerList]),
    ]);
    this.picker.addEventListener('change', () => this.pick());
    this.picker.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      this.pick();
    });
  }

  /** The case drawn: its id, dataset, split and badges. */
  show(caseInfo: CaseInfo): void {
    this.title.textContent = `Case ${caseInfo.id}`;
    this.title.dataset.caseId = caseInfo.id;
    this.split.textContent = [caseInfo.dataset, caseInfo.split].filter(Boolean).join(' · ');
    this.setBadges(caseInfo);
    this.picker.value = caseInfo.id;
  }

  setBadges(caseInfo: CaseInfo): void {
    this.badges.replaceChildren(labelBadges(caseInfo));
  }

  /** The ids the picker offers (the tree's), and the case shown. */
  fillPicker(ids: string[], current: string): void {
    if (ids.join() !== this.pickerIds.join()) {
      this.pickerIds = ids;
      this.pickerList.replaceChildren(...ids.map((id) => el('option', { value: id })));
    }
    this.picker.value = current;
    this.picker.setAttribute('aria-invalid', 'false');
  }

  /** Opens the case typed or picked, found by value among the offered ids (7 finds 0007). */
  private pick(): void {
    const typed = this.picker.value.trim();
    const id = this.pickerIds.find((c) => caseKeyOf(c) === caseKeyOf(typed));
    this.picker.setAttribute('aria-invalid', String(typed !== '' && id === undefined));
    this.picker.title = id === undefined && typed !== '' ? `No case ${typed} in this list` : '';
    if (id !== undefined && id !== this.title.dataset.caseId) vscode.postMessage({ type: 'openCase', id });
  }
}
