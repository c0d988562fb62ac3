import { ArrayStatistics, MAX_DISTINCT, PERCENTILES, WideIntegers, arrayStatistics } from '../src/shared/statistics';
import { NumericArray } from '../src/shared/npy/npyArray';
import { el } from './dom';

/** One column of the panel: what its statistics are of, computed when first shown. */
export interface StatisticsScope {
  /** "Whole array", "Slice 21". */
  label: string;
  /** What the figures are cached by (the label unless given): a slice still being read is another key than the slice read. */
  key?: string;
  /** `array` or `slice`: the cells' data-scope. */
  scope: 'array' | 'slice';
  /** The values, read when the panel first shows them; or `statistics` already computed (undefined and no values: still being computed). */
  values?: () => NumericArray;
  /** For 64-bit integers, the same values as stored (the figures are then exact). */
  wide?: () => WideIntegers | undefined;
  statistics?: ArrayStatistics;
  /** For values stored in Fortran order: each position's place in C order (ties for min and max go where NumPy puts them). */
  cOrder?: (position: number) => number;
  /** The NumPy index of a position in those values: "[21, 40, 30]". */
  indexOf: (position: number) => string;
  /** Why the figures are not exact (a sample of slices), if they are not. */
  note?: string;
}

/** How long the slice shown must stay before the panel computes its figures. */
const SETTLE_MS = 120;

/**
 * A statistic as the panel prints it: integers whole, other numbers to 7 significant digits, as
 * NumPy's repr would round them for reading; beyond 2^53 in exponent form, never as 20 digits
 * of which 13 are made up (64-bit integers' exact figures come as text).
 */
function shown(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return String(v);
  const rounded = Number(v.toPrecision(7));
  return Math.abs(rounded) < 1e15 ? String(rounded) : rounded.toExponential();
}

/**
 * NumPy's statistics of the whole array and of the slice shown, side by side, in a disclosure
 * that computes nothing until it is opened. Each figure is a cell with `data-stat`,
 * `data-scope` and its exact value in `data-value`.
 */
export class StatisticsView {
  readonly element: HTMLDetailsElement;
  private readonly table = el('table', { class: 'statistics', 'aria-label': 'Statistics' });
  private readonly cache = new Map<string, ArrayStatistics>();
  private scopes: StatisticsScope[] = [];
  private pending?: ReturnType<typeof setTimeout>;

  constructor() {
    this.element = el('details', { class: 'statistics-panel' }, [el('summary', {}, ['Statistics']), this.table]);
    this.element.addEventListener('toggle', () => {
      if (this.element.open) this.onOpen();
      this.render();
    });
  }

  /** What the columns are now; a column whose label is unchanged keeps its figures. */
  show(scopes: StatisticsScope[]): void {
    this.scopes = scopes;
    for (const key of this.cache.keys()) if (!scopes.some((s) => (s.key ?? s.label) === key)) this.cache.delete(key);
    // Computed once the slices stop changing: a large slice's figures take a while, and a
    // wheel or cine through the slices must not wait for each one.
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.render(), SETTLE_MS);
  }

  /** Forgets every figure (another array, axis or leading index). */
  clear(): void {
    this.cache.clear();
  }

  /** Called when the panel is opened (a file read slice by slice starts its exact figures then). */
  onOpen: () => void = () => undefined;

  private statsOf(scope: StatisticsScope): ArrayStatistics | undefined {
    if (scope.statistics || !scope.values) return scope.statistics;
    const key = scope.key ?? scope.label;
    let s = this.cache.get(key);
    if (!s) {
      s = arrayStatistics(scope.values(), scope.cOrder, scope.wide?.());
      this.cache.set(key, s);
    }
    return s;
  }

  private render(): void {
    if (!this.element.open) return;
    const columns = this.scopes.map((scope) => ({ scope, s: this.statsOf(scope) }));
    this.table.replaceChildren(
      el('thead', {}, [
        el('tr', {}, [
          el('th', { scope: 'col' }, ['']),
          ...columns.map(({ scope }) =>
            el('th', { scope: 'col', 'data-scope': scope.scope }, [
              scope.label,
              ...(scope.note ? [el('span', { class: 'note' }, [` (${scope.note})`])] : []),
            ]),
          ),
        ]),
      ]),
      el(
        'tbody',
        {},
        STAT_ROWS.map(([stat, label, cell]) =>
          el('tr', { 'data-stat': stat }, [
            el('th', { scope: 'row' }, [label]),
            ...columns.map(({ scope, s }) => {
              if (!s) return el('td', { 'data-stat': stat, 'data-scope': scope.scope }, ['…']);
              const { text, value } = cell(s, scope);
              return el(
                'td',
                {
                  'data-stat': stat,
                  'data-scope': scope.scope,
                  ...(value === undefined ? {} : { 'data-value': String(value) }),
                },
                [text],
              );
            }),
          ]),
        ),
      ),
    );
  }
}

/** The panel's rows: the stat's key (data-stat), its label, and its cell for a column. */
const STAT_ROWS: [
  string,
  string,
  (s: ArrayStatistics, scope: StatisticsScope) => { text: string; value?: number | string },
][] = [
  ['count', 'Count', (s) => ({ text: s.count.toLocaleString('en-US'), value: s.count })],
  ['nan', 'NaN', (s) => ({ text: s.nan.toLocaleString('en-US'), value: s.nan })],
  ['posinf', '+inf', (s) => ({ text: s.posInf.toLocaleString('en-US'), value: s.posInf })],
  ['neginf', '-inf', (s) => ({ text: s.negInf.toLocaleString('en-US'), value: s.negInf })],
  [
    'min',
    'Min',
    (s, scope) =>
      s.min === undefined
        ? { text: '—' }
        : { text: `${s.exact?.min ?? shown(s.min)} at ${scope.indexOf(s.minAt!)}`, value: s.exact?.min ?? s.min },
  ],
  [
    'max',
    'Max',
    (s, scope) =>
      s.max === undefined
        ? { text: '—' }
        : { text: `${s.exact?.max ?? shown(s.max)} at ${scope.indexOf(s.maxAt!)}`, value: s.exact?.max ?? s.max },
  ],
  ['mean', 'Mean', (s) => (s.mean === undefined ? { text: '—' } : { text: shown(s.mean), value: s.mean })],
  ['std', 'Std', (s) => (s.std === undefined ? { text: '—' } : { text: shown(s.std), value: s.std })],
  ...PERCENTILES.map((q): [string, string, (s: ArrayStatistics) => { text: string; value?: number | string }] => [
    q === 50 ? 'median' : `p${q}`,
    q === 50 ? 'Median' : `${q}${q === 1 ? 'st' : 'th'} percentile`,
    (s) => {
      const v = s.percentiles?.get(q);
      const exact = s.exact?.percentiles.get(q);
      return v === undefined ? { text: '—' } : { text: exact ?? shown(v), value: exact ?? v };
    },
  ]),
  [
    'distinct',
    'Distinct values',
    (s) => ({
      text: s.distinct
        ? s.distinct.map((d) => `${shown(d.value)}: ${d.count.toLocaleString('en-US')}`).join(' · ')
        : `more than ${MAX_DISTINCT}`,
    }),
  ],
];
