import {
  IntensityStatistic,
  OverviewData,
  OverviewHostMessage,
  OverviewSelection,
} from '../../src/shared/overview/overviewProtocol';
import {
  OverviewArrays,
  Summary,
  integerBins,
  intensityBins,
  intensityOutliers,
  labelledTasks,
  overviewArrays,
  selectedCases,
  summarise,
  valueBin,
  valueBinEdges,
} from '../../src/shared/overview/overviewStats';
import { planeDisplayName, taskDisplayName } from '../../src/shared/datasetLayout';
import { formatBytes, formatStat } from '../../src/shared/format';
import { el } from '../dom';
import { onHostMessages, vscode } from '../vscodeApi';
import { Chart, clickableMarks } from '../charts/plotChart';
import { ImageRow, chartImage } from '../charts/imageExport';
import { HistogramBar, SplitBar, histogramChart, splitBarChart, splitColour } from './overviewCharts';
import { ChartFormat } from '../../src/shared/chartFormats';

const count = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '—');
/** Cases listed by id at most, per list; the rest are counted (and reachable through the Cases view). */
const LISTED = 100;
const STATISTIC_NAMES: Record<IntensityStatistic, string> = { mean: 'mean intensity', high: '99.5th percentile' };

/** The dataset overview: splits and labels, slice counts and (on request) intensities, each bar a way to its cases. */
export function startOverview(root: HTMLElement): void {
  onHostMessages<OverviewHostMessage>({
    showOverview: ({ overview: data }) => {
      const started = performance.now();
      root.replaceChildren(...overviewContent(data));
      // For the benchmark and the tests: drawn, and how long it took.
      document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
      document.body.dataset.renderedAtMs = performance.now().toFixed(1);
      document.body.dataset.headers = data.headers.state;
      document.body.dataset.intensities = data.intensities.state;
      document.body.dataset.ready = 'true';
      vscode.postMessage({ type: 'rendered', headers: data.headers.state });
    },
  });
  vscode.postMessage({ type: 'ready' });
}

function overviewContent(data: OverviewData): HTMLElement[] {
  const arrays = overviewArrays(data);
  const total = data.caseIds.length;
  const header = el('header', { class: 'report-header' }, [
    el('h1', {}, ['Dataset overview', el('span', { class: 'dataset' }, [` ${data.dataset} · ${count(total)} cases`])]),
  ]);
  return [
    header,
    ...problems(data),
    labelsSection(data, arrays),
    slicesSection(data, arrays),
    intensitySection(data, arrays),
  ];
}

/** Files that could not be read: named, with why; everything else is shown. */
function problems(data: OverviewData): HTMLElement[] {
  if (!data.problems.length) return [];
  const shown = data.problems.slice(0, LISTED);
  return [
    el('section', { class: 'problems', role: 'alert', 'aria-label': 'Problems' }, [
      el('h2', {}, [
        `${count(data.problems.length)} file${data.problems.length === 1 ? '' : 's'} could not be read; the rest is shown`,
      ]),
      el('ul', {}, [
        ...shown.map((p) => el('li', {}, [el('code', {}, [p.file]), `: ${p.message}`])),
        ...(data.problems.length > LISTED ? [el('li', {}, [`and ${count(data.problems.length - LISTED)} more`])] : []),
      ]),
    ]),
  ];
}

function filter(selection: OverviewSelection): void {
  vscode.postMessage({ type: 'filterCases', selection });
}

function caseButton(data: OverviewData, arrays: OverviewArrays, i: number, text = data.caseIds[i]): HTMLElement {
  const split = data.splits[arrays.caseSplits[i]];
  const b = el(
    'button',
    {
      type: 'button',
      class: 'case-link',
      'data-case': data.caseIds[i],
      'aria-label': `Open case ${data.caseIds[i]} (${split})`,
    },
    [text],
  );
  b.addEventListener('click', () => vscode.postMessage({ type: 'openCase', split, id: data.caseIds[i] }));
  return b;
}

function action(label: string, run: () => void, name = label): HTMLElement {
  const b = el('button', { type: 'button', class: 'action', 'aria-label': name }, [label]);
  b.addEventListener('click', run);
  return b;
}

/** A figure of charts (rows of them) with its caption and PNG/SVG export. */
function figure(caption: string, name: string, rows: ImageRow[]): HTMLElement {
  const save = (format: ChartFormat) =>
    void chartImage(format, rows).then((bytes) =>
      vscode.postMessage({ type: 'exportImage', format, name, data: bytes }),
    );
  return el('figure', { 'aria-label': caption }, [
    el('figcaption', {}, [
      caption,
      ' ',
      action('PNG', () => save('png'), `Export ${caption} as PNG`),
      action('SVG', () => save('svg'), `Export ${caption} as SVG`),
    ]),
    ...rows.map((r) => el('div', { class: 'chart-row' }, r.charts as unknown as HTMLElement[])),
  ]);
}

/** A row of a data table: its cells (the first is a row header) and its data-* attributes. */
interface TableRow {
  cells: (string | HTMLElement)[];
  attrs: Record<string, string>;
}

/** A table of numbers with its caption and CSV export (the cells' text). */
function dataTable(caption: string, name: string, head: string[], rows: TableRow[]): HTMLElement {
  const table = el('table', { 'aria-label': caption }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        head.map((h) => el('th', { scope: 'col' }, [h])),
      ),
    ]),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          r.attrs,
          r.cells.map((c, i) => el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, [c])),
        ),
      ),
    ),
  ]);
  const csv = () => {
    const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = [...table.querySelectorAll('tr')].map((tr) =>
      [...tr.children].map((c) => quote(c.textContent ?? '')).join(','),
    );
    vscode.postMessage({ type: 'exportTable', name, data: new TextEncoder().encode(`${lines.join('\n')}\n`).buffer });
  };
  return el('div', { class: 'numbers' }, [
    el('div', { class: 'table-caption' }, [caption, ' ', action('CSV', csv, `Export ${caption} as CSV`)]),
    table,
  ]);
}

function section(title: string, children: HTMLElement[]): HTMLElement {
  return el('section', { class: 'overview', 'aria-label': title }, [el('h2', {}, [title]), ...children]);
}

/** Indices of a split's cases. */
function casesOf(arrays: OverviewArrays, split: number): number[] {
  const out: number[] = [];
  arrays.caseSplits.forEach((s, i) => s === split && out.push(i));
  return out;
}

function labelsSection(data: OverviewData, arrays: OverviewArrays): HTMLElement {
  const splitCases = data.splits.map((_, s) => casesOf(arrays, s));
  const tasksBySplit = labelledTasks(data, arrays);
  const incomplete = data.splits.map((split) => selectedCases(data, arrays, { kind: 'incomplete', split }));
  return section('Splits and labels', [
    el('div', { class: 'charts' }, [
      figure('Cases per split', 'cases_per_split', [
        { heading: 'Cases per split', charts: [casesChart(data, splitCases).svg] },
      ]),
      figure('Prevalence per split', 'prevalence', [
        { heading: 'Prevalence per split', charts: prevalenceCharts(data, arrays, splitCases).map((c) => c.svg) },
      ]),
    ]),
    el('div', { class: 'tables' }, [
      casesTable(data, splitCases, incomplete),
      labelsTable(data, arrays, splitCases, tasksBySplit),
    ]),
    el('h3', {}, ['Label co-occurrence']),
    el(
      'div',
      { class: 'tables' },
      data.splits.flatMap((split, s) =>
        data.tasks.filter((_, t) => tasksBySplit[s][t]).length > 1
          ? [cooccurrence(data, arrays, split, splitCases[s], tasksBySplit[s])]
          : [],
      ),
    ),
    el('h3', {}, ['Cases with a missing label or plane']),
    ...data.splits.map((split, s) => incompleteList(data, arrays, split, incomplete[s])),
  ]);
}

/** Cases per split, each bar a filter of the tree. */
function casesChart(data: OverviewData, splitCases: number[][]): Chart {
  const casesBars: SplitBar[] = data.splits.map((split, s) => ({
    split,
    splitIndex: s,
    value: splitCases[s].length,
    text: count(splitCases[s].length),
  }));
  const chart = splitBarChart(casesBars, 'Cases', 'cases', 'Cases per split');
  clickableMarks(
    chart.svg,
    'g[aria-label="bar"] rect',
    casesBars,
    (b) => ({
      name: `${b.split}: ${b.text} cases: show them in the Cases view`,
      attrs: { 'data-split': b.split, 'data-count': String(b.value) },
    }),
    (b) => filter({ kind: 'split', split: b.split }),
  );
  return chart;
}

/** Each task's prevalence per split, each bar a filter of the tree to its positive cases. */
function prevalenceCharts(data: OverviewData, arrays: OverviewArrays, splitCases: number[][]): Chart[] {
  return data.tasks.map((task, t) => {
    const bars: (SplitBar & { positive: number; labelled: number })[] = data.splits.flatMap((split, s) => {
      const labelled = splitCases[s].filter((i) => arrays.labels[t][i] >= 0);
      const positive = labelled.filter((i) => arrays.labels[t][i] === 1).length;
      return labelled.length
        ? [
            {
              split,
              splitIndex: s,
              value: (100 * positive) / labelled.length,
              text: `${count(positive)} (${percent(positive, labelled.length)})`,
              positive,
              labelled: labelled.length,
            },
          ]
        : [];
    });
    const name = taskDisplayName(task);
    const c = splitBarChart(bars, name, '% positive', `${name}: prevalence per split`, [0, 100]);
    clickableMarks(
      c.svg,
      'g[aria-label="bar"] rect',
      bars,
      (b) => ({
        name: `${name} positive in ${b.split}: ${b.text} of ${count(b.labelled)}: show them in the Cases view`,
        attrs: { 'data-split': b.split, 'data-task': task, 'data-count': String(b.positive) },
      }),
      (b) => filter({ kind: 'labels', split: b.split, conditions: [{ task, value: 1 }] }),
    );
    return c;
  });
}

function casesTable(data: OverviewData, splitCases: number[][], incomplete: number[][]): HTMLElement {
  return dataTable(
    'Cases per split',
    'cases_per_split',
    ['Split', 'Cases', 'Missing a label or plane'],
    data.splits.map((split, s) => ({
      cells: [split, count(splitCases[s].length), count(incomplete[s].length)],
      attrs: {
        'data-split': split,
        'data-cases': String(splitCases[s].length),
        'data-incomplete': String(incomplete[s].length),
      },
    })),
  );
}

function labelsTable(
  data: OverviewData,
  arrays: OverviewArrays,
  splitCases: number[][],
  tasksBySplit: boolean[][],
): HTMLElement {
  return dataTable(
    'Labels per split',
    'labels_per_split',
    ['Split', 'Task', 'Labelled', 'Positive', 'Negative', 'Prevalence', 'No label'],
    data.splits.flatMap((split, s) =>
      data.tasks.flatMap((task, t) => {
        if (!tasksBySplit[s][t]) return [];
        const l = arrays.labels[t];
        const positive = splitCases[s].filter((i) => l[i] === 1).length;
        const negative = splitCases[s].filter((i) => l[i] === 0).length;
        return [
          {
            cells: [
              split,
              taskDisplayName(task),
              count(positive + negative),
              count(positive),
              count(negative),
              percent(positive, positive + negative),
              count(splitCases[s].length - positive - negative),
            ],
            attrs: {
              'data-split': split,
              'data-task': task,
              'data-cases': String(positive + negative),
              'data-positive': String(positive),
            },
          },
        ];
      }),
    ),
  );
}

/** A count of cases in a split that a click shows in the Cases view (`conditions` on their labels). */
function countButton(
  split: string,
  conditions: { task: string; value: 0 | 1 }[],
  n: number,
  text: string,
  name: string,
  attrs: Record<string, string>,
): HTMLElement {
  const b = el(
    'button',
    {
      type: 'button',
      class: 'count-link',
      'data-count': String(n),
      'aria-label': `${name}: ${count(n)} in ${split}/: show them in the Cases view`,
      ...attrs,
    },
    [text],
  );
  b.addEventListener('click', () => filter({ kind: 'labels', split, conditions }));
  return b;
}

/** A label's value in words: "ACL tear", "no meniscus tear", "abnormal", "normal". */
function words(task: string, value: 0 | 1): string {
  if (task === 'abnormal') return value ? 'abnormal' : 'normal';
  return `${value ? '' : 'no '}${taskDisplayName(task)}${task === 'acl' || task === 'meniscus' ? ' tear' : ''}`;
}

/** A split's matrix: row = a task's positives, column = of those, how many are (and are not) positive for another task. */
function cooccurrence(
  data: OverviewData,
  arrays: OverviewArrays,
  split: string,
  cases: number[],
  labelled: boolean[],
): HTMLElement {
  const tasks = data.tasks.map((task, t) => ({ task, t })).filter(({ t }) => labelled[t]);
  const rows: TableRow[] = tasks.map(({ task, t }) => {
    const positives = cases.filter((i) => arrays.labels[t][i] === 1);
    return {
      cells: [
        words(task, 1),
        ...tasks.map(({ task: other, t: o }) => {
          if (o === t)
            return countButton(split, [{ task, value: 1 }], positives.length, count(positives.length), words(task, 1), {
              'data-other-task': other,
              'data-with': '1',
            });
          const both = positives.filter((i) => arrays.labels[o][i] === 1).length;
          const without = positives.filter((i) => arrays.labels[o][i] === 0).length;
          return el('span', { class: 'pair' }, [
            countButton(
              split,
              [
                { task, value: 1 },
                { task: other, value: 1 },
              ],
              both,
              `${count(both)} (${percent(both, positives.length)})`,
              `${words(task, 1)} and ${words(other, 1)}`,
              { 'data-other-task': other, 'data-with': '1' },
            ),
            ' · ',
            countButton(
              split,
              [
                { task, value: 1 },
                { task: other, value: 0 },
              ],
              without,
              `${count(without)} not`,
              `${words(task, 1)} and ${words(other, 0)}`,
              { 'data-other-task': other, 'data-with': '0' },
            ),
          ]);
        }),
      ],
      attrs: { 'data-split': split, 'data-task': task, 'data-positive': String(positives.length) },
    };
  });
  return dataTable(
    `Label co-occurrence in ${split}/`,
    `cooccurrence_${split}`,
    ['Cases with', ...tasks.map(({ task }) => `also ${words(task, 1)}`)],
    rows,
  );
}

function incompleteList(data: OverviewData, arrays: OverviewArrays, split: string, cases: number[]): HTMLElement {
  if (!cases.length)
    return el('p', { class: 'note', 'data-split': split }, [
      `${split}/: every case has a file for every plane and every label of its split.`,
    ]);
  const missing = (i: number) => {
    const what = [
      ...data.tasks.filter((_, t) => arrays.labels[t][i] < 0).map((t) => `${taskDisplayName(t)} label`),
      ...data.planes.filter((_, p) => arrays.slices[p][i] === -1).map((p) => `${p} file`),
    ];
    return what.join(', ');
  };
  return el('div', { class: 'case-list', 'data-split': split }, [
    el('span', {}, [`${split}/: ${count(cases.length)} case${cases.length === 1 ? '' : 's'} `]),
    action(
      'Show in Cases view',
      () => filter({ kind: 'incomplete', split }),
      `Show the ${cases.length} cases of ${split}/ with a missing label or plane in the Cases view`,
    ),
    el('ul', {}, [
      ...cases.slice(0, LISTED).map((i) => el('li', {}, [caseButton(data, arrays, i), ` no ${missing(i)}`])),
      ...(cases.length > LISTED ? [el('li', {}, [`and ${count(cases.length - LISTED)} more`])] : []),
    ]),
  ]);
}

function readingNote(state: OverviewData['headers'], what: string): HTMLElement | undefined {
  if (state.state === 'reading')
    return el('p', { class: 'note', role: 'status' }, [
      `Reading ${what} of ${count(state.total)} files… (the notification shows how far, and can cancel)`,
    ]);
  if (state.state === 'cancelled')
    return el('p', { class: 'note', role: 'status' }, [
      `Reading ${what} was cancelled: ${count(state.done)} of ${count(state.total)} files read. `,
      action(`Read ${what} again`, () =>
        vscode.postMessage({ type: what === 'headers' ? 'readHeaders' : 'readIntensities' }),
      ),
    ]);
  return undefined;
}

/** The histogram of a split's slice counts for a plane, each bin a filter of the tree to its volumes. */
function slicesChart(
  own: number[],
  bins: ReturnType<typeof integerBins>,
  domain: [number, number],
  { split, s, plane, summary }: { split: string; s: number; plane: string; summary: Summary },
): Chart {
  const name = planeDisplayName(plane);
  const counts = new Array<number>(bins.count).fill(0);
  for (const v of own) counts[Math.floor((v - bins.start) / bins.width)]++;
  const bars = counts.flatMap((n, k) =>
    n ? [{ low: bins.start + k * bins.width, high: bins.start + (k + 1) * bins.width, count: n }] : [],
  );
  const c = histogramChart(
    bars,
    domain,
    splitColour(s),
    `${name} · ${split}`,
    'slices',
    `${name}, ${split}: slice counts (min ${summary.min}, median ${summary.median}, max ${summary.max})`,
  );
  clickableMarks(
    c.svg,
    'g[aria-label="rect"] rect',
    bars,
    (b) => {
      const range = b.high - b.low === 1 ? `${b.low}` : `${b.low}–${b.high - 1}`;
      return {
        name: `${name}, ${split}: ${count(b.count)} volume${b.count === 1 ? '' : 's'} with ${range} slices: show them in the Cases view`,
        attrs: {
          'data-split': split,
          'data-plane': plane,
          'data-low': String(b.low),
          'data-high': String(b.high - 1),
          'data-count': String(b.count),
        },
      };
    },
    (b) => filter({ kind: 'slices', split, plane, low: b.low, high: b.high - 1 }),
  );
  return c;
}

function slicesSection(data: OverviewData, arrays: OverviewArrays): HTMLElement {
  const note = readingNote(data.headers, 'headers');
  const figures: HTMLElement[] = [];
  const rows: TableRow[] = [];
  data.planes.forEach((plane, p) => {
    const values = arrays.slices[p];
    const read = [...values].filter((v) => v >= 0);
    if (!read.length) return;
    const bins = integerBins(Math.min(...read), Math.max(...read));
    const domain: [number, number] = [bins.start, bins.start + bins.count * bins.width];
    const name = planeDisplayName(plane);
    const charts = data.splits.flatMap((split, s) => {
      const cases = casesOf(arrays, s);
      const own = cases.map((i) => values[i]).filter((v) => v >= 0);
      const summary = summarise(own);
      rows.push({
        cells: [
          split,
          name,
          count(own.length),
          ...(summary ? [summary.min, summary.median, summary.max].map(String) : ['—', '—', '—']),
          count(cases.length - own.length),
        ],
        attrs: {
          'data-split': split,
          'data-plane': plane,
          'data-cases': String(own.length),
          ...(summary ? sliceAttrs(summary) : {}),
        },
      });
      if (!own.length || !summary) return [];
      const c = slicesChart(own, bins, domain, { split, s, plane, summary });
      return [{ heading: `${name} · ${split}`, charts: [c.svg] }];
    });
    figures.push(figure(`${name}: slice counts`, `slices_${plane}`, charts));
  });
  const differing = planesDiffer(arrays);
  const table = dataTable(
    'Slice counts per plane',
    'slice_counts',
    ['Split', 'Plane', 'Volumes', 'Min', 'Median', 'Max', 'Not read'],
    rows,
  );
  return section('Slice counts', [
    ...(note ? [note] : []),
    ...(differing.total
      ? [
          el('p', { class: 'note' }, [
            `The planes of ${count(differing.differ)} of ${count(differing.total)} cases have different slice counts: a model must take each plane's own depth.`,
          ]),
        ]
      : []),
    el('div', { class: 'charts' }, figures),
    table,
    ...unusual(data, arrays),
  ]);
}

function sliceAttrs(s: Summary): Record<string, string> {
  return { 'data-min-slices': String(s.min), 'data-median-slices': String(s.median), 'data-max-slices': String(s.max) };
}

/** How many cases with every plane read have planes of different depths. */
function planesDiffer(arrays: OverviewArrays): { differ: number; total: number } {
  let differ = 0;
  let total = 0;
  if (arrays.slices.length < 2) return { differ, total };
  for (let i = 0; i < arrays.caseSplits.length; i++) {
    const depths = arrays.slices.map((s) => s[i]);
    if (depths.some((d) => d < 0)) continue;
    total++;
    if (depths.some((d) => d !== depths[0])) differ++;
  }
  return { differ, total };
}

function unusual(data: OverviewData, arrays: OverviewArrays): HTMLElement[] {
  if (!data.unusual.length)
    return data.headers.state === 'done'
      ? [el('p', { class: 'note' }, ['Every volume has the in-plane shape and dtype of its plane.'])]
      : [];
  const rows = data.unusual.slice(0, LISTED).map((u) => ({
    cells: [
      caseButton(data, arrays, u.case),
      data.splits[arrays.caseSplits[u.case]],
      planeDisplayName(u.plane),
      u.shape,
      u.dtype,
      u.expected,
    ],
    attrs: {
      'data-split': data.splits[arrays.caseSplits[u.case]],
      'data-plane': u.plane,
      'data-case': data.caseIds[u.case],
    },
  }));
  return [
    el('h3', {}, [
      `Volumes unlike the rest of their plane (${count(data.unusual.length)}) `,
      action(
        'Show in Cases view',
        () => filter({ kind: 'unusual' }),
        'Show the cases with an unusual volume in the Cases view',
      ),
    ]),
    dataTable(
      'Volumes unlike the rest of their plane',
      'unusual_volumes',
      ['Case', 'Split', 'Plane', 'Shape', 'dtype', 'Most volumes of the plane'],
      rows,
    ),
  ];
}

/** The offer to read the intensities (whole files), with what it would read; none while anything is being read. */
function intensitiesAsk(data: OverviewData): HTMLElement[] {
  const { intensities } = data;
  if (intensities.state === 'reading' || intensities.bytes <= 0 || data.headers.state === 'reading') return [];
  const pending = intensities.total - intensities.done;
  return [
    el('p', { class: 'note' }, [
      `The mean and 99.5th percentile of each volume, so that outlier scans stand out. They read whole files: ${count(pending)} file${pending === 1 ? '' : 's'}, ${formatBytes(intensities.bytes)}. `,
      action(
        'Read intensities',
        () => vscode.postMessage({ type: 'readIntensities' }),
        `Read the intensities of ${count(pending)} files (${formatBytes(intensities.bytes)})`,
      ),
    ]),
  ];
}

/** A split's and plane's intensities in the table, with their numbers in data-* attributes. */
function intensityRow(
  split: string,
  plane: string,
  statistic: IntensityStatistic,
  summary: { count: number; min: number; median: number; max: number },
): TableRow {
  return {
    cells: [
      split,
      planeDisplayName(plane),
      STATISTIC_NAMES[statistic],
      count(summary.count),
      formatStat(summary.min),
      formatStat(summary.median),
      formatStat(summary.max),
    ],
    attrs: {
      'data-split': split,
      'data-plane': plane,
      'data-statistic': statistic,
      'data-cases': String(summary.count),
      'data-min': String(summary.min),
      'data-median': String(summary.median),
      'data-max': String(summary.max),
    },
  };
}

/** The histogram of a split's volumes' intensities for a plane, each bar a filter of the tree. */
function intensityChart(
  own: number[],
  bins: NonNullable<ReturnType<typeof intensityBins>>,
  { split, s, plane, statistic }: { split: string; s: number; plane: string; statistic: IntensityStatistic },
): Chart {
  const name = planeDisplayName(plane);
  const counts = new Array<number>(bins.count).fill(0);
  for (const v of own) counts[valueBin(v, bins)]++;
  const bars: (HistogramBar & { bin: number })[] = counts.flatMap((n, bin) => {
    const [low, high] = valueBinEdges(bin, bins);
    return n ? [{ low, high: high > low ? high : low + 1, count: n, bin }] : [];
  });
  const [lo, hi] = [bins.min, bins.max > bins.min ? bins.max : bins.min + 1];
  const c: Chart = histogramChart(
    bars,
    [lo, hi],
    splitColour(s),
    `${name} · ${split}`,
    STATISTIC_NAMES[statistic],
    `${name}, ${split}: ${STATISTIC_NAMES[statistic]} of each volume`,
  );
  clickableMarks(
    c.svg,
    'g[aria-label="rect"] rect',
    bars,
    (b) => ({
      name: `${name}, ${split}: ${count(b.count)} volume${b.count === 1 ? '' : 's'} with ${STATISTIC_NAMES[statistic]} ${formatStat(b.low)}–${formatStat(b.high)}: show them in the Cases view`,
      attrs: {
        'data-split': split,
        'data-plane': plane,
        'data-statistic': statistic,
        'data-bin': String(b.bin),
        'data-count': String(b.count),
      },
    }),
    (b) => filter({ kind: 'intensity', split, plane, statistic, bin: b.bin }),
  );
  return c;
}

function intensitySection(data: OverviewData, arrays: OverviewArrays): HTMLElement {
  const note = readingNote(data.intensities, 'intensities');
  const ask = intensitiesAsk(data);
  const figures: HTMLElement[] = [];
  const rows: TableRow[] = [];
  const outliers: HTMLElement[] = [];
  data.planes.forEach((plane, p) => {
    const name = planeDisplayName(plane);
    const perSplit: ImageRow[] = data.splits.map((split) => ({ heading: `${name} · ${split}`, charts: [] }));
    for (const statistic of ['mean', 'high'] as const) {
      const values = (statistic === 'mean' ? arrays.means : arrays.highs)[p];
      const bins = intensityBins(arrays, p, statistic);
      if (!bins) continue;
      data.splits.forEach((split, s) => {
        const own = casesOf(arrays, s)
          .map((i) => values[i])
          .filter((v) => !Number.isNaN(v));
        const summary = summarise(own);
        if (!summary) return;
        rows.push(intensityRow(split, plane, statistic, summary));
        perSplit[s].charts.push(intensityChart(own, bins, { split, s, plane, statistic }).svg);
      });
      for (const o of intensityOutliers(values).slice(0, 20)) {
        outliers.push(
          el('li', {}, [
            caseButton(data, arrays, o.case),
            ` ${name}: ${STATISTIC_NAMES[statistic]} ${formatStat(values[o.case])} (robust z ${o.z.toFixed(1)})`,
          ]),
        );
      }
    }
    const shown = perSplit.filter((r) => r.charts.length);
    if (shown.length) figures.push(figure(`${name}: intensities`, `intensities_${plane}`, shown));
  });
  return section('Intensities', [
    ...(note ? [note] : []),
    ...ask,
    ...(figures.length
      ? [
          el('div', { class: 'charts' }, figures),
          dataTable(
            'Intensities per plane',
            'intensities',
            ['Split', 'Plane', 'Statistic', 'Volumes', 'Min', 'Median', 'Max'],
            rows,
          ),
        ]
      : []),
    ...(outliers.length
      ? [el('h3', {}, ['Outlier volumes (robust z-score above 3.5)']), el('ul', { class: 'outliers' }, outliers)]
      : []),
  ]);
}
