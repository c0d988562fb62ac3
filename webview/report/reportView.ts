import { ReportData, ReportFilter, ReportHostMessage } from '../../src/shared/reportProtocol';
import { OUTCOMES, OUTCOME_NAMES, Outcome, ThresholdMetrics } from '../../src/shared/metrics/roc';
import { el } from '../dom';
import { onHostMessages, vscode } from '../vscodeApi';
import { calibrationChart, distributionChart, rocChart } from './charts';
import { clickableMarks, svgEl } from '../charts/plotChart';
import { chartImage } from '../charts/imageExport';
import { DISTRIBUTION_BINS, TaskMetrics, taskMetrics } from './taskMetrics';
import { ChartFormat } from '../../src/shared/chartFormats';

const fmt = (v: number | undefined, digits = 3) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));

/** The model report: per task an ROC curve with AUC and CI, a live threshold with its confusion matrix, distributions and calibration; a table of every number. */
export function startReport(root: HTMLElement): void {
  const header = el('header', { class: 'report-header' });
  const body = el('div', { class: 'tasks' });
  const numbers = el('section', { class: 'numbers', 'aria-label': 'All numbers' });
  root.append(header, body, numbers);

  onHostMessages<ReportHostMessage>({
    showReport: ({ report }) => {
      const started = performance.now();
      const metrics = report.tasks.map(taskMetrics);
      header.replaceChildren(...headerContent(report));
      // The table follows each threshold step, and is drawn once the blocks are.
      const renderNumbers = () => numbers.replaceChildren(numbersTable(report, metrics));
      body.replaceChildren(...metrics.map((m) => taskBlock(report, m, renderNumbers)));
      renderNumbers();
      // For the benchmark: from the message, and from the page's start (script load included).
      document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
      document.body.dataset.renderedAtMs = performance.now().toFixed(1);
      document.body.dataset.ready = 'true';
    },
  });
  vscode.postMessage({ type: 'ready' });
}

function headerContent(report: ReportData): HTMLElement[] {
  const [model, compared] = report.models;
  const title = el('h1', {}, [`${model} · ${report.split}`, el('span', { class: 'dataset' }, [` ${report.dataset}`])]);
  const compare = el('select', { 'aria-label': 'Compare with model' }, [
    el('option', { value: '' }, ['Compare with… (none)']),
    ...report.others.map((o) => el('option', { value: o, ...(o === compared ? { selected: '' } : {}) }, [o])),
  ]);
  compare.addEventListener('change', () => vscode.postMessage({ type: 'compare', model: compare.value }));
  const action = (label: string, run: () => void) => {
    const b = el('button', { type: 'button', class: 'action' }, [label]);
    b.addEventListener('click', run);
    return b;
  };
  return [
    title,
    el('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Report' }, [
      ...(report.others.length || compared ? [compare] : []),
      action('Export PNG', () => void exportImage('png')),
      action('Export SVG', () => void exportImage('svg')),
      action('Export per-case CSV', () => vscode.postMessage({ type: 'exportOutcomes' })),
    ]),
  ];
}

/** One task's block: headline, charts, threshold, confusion matrix and metrics. */
function taskBlock(report: ReportData, m: TaskMetrics, onThreshold: () => void): HTMLElement {
  const { task } = m;
  const block = el('section', { class: 'task', 'data-task': task.task, 'aria-label': `${task.name}` });
  block.append(...headline(block, report, m));
  const charts = el('div', { class: 'charts' });
  const roc = m.roc && rocFigure(report, m, m.roc);
  if (roc) charts.append(roc.figure);
  const distribution = distributionFigure(m);
  charts.append(distribution.figure);
  const calibration = calibrationChart(m.calibration, `${task.name}: calibration curve, Brier score ${fmt(m.brier)}`);
  charts.append(figure(calibration.svg, `Calibration · Brier ${fmt(m.brier)}`));
  block.append(charts);

  // The threshold: a slider and the Youden button; each step redraws only the marker, the rule and the numbers.
  const slider = el('input', {
    type: 'range',
    min: '0',
    max: '1',
    step: '0.01',
    value: String(task.threshold),
    'aria-label': `${task.name} threshold`,
  });
  const output = el('output', { class: 'threshold-value' }, [task.threshold.toFixed(2)]);
  const matrix = el('div', { class: 'confusion', role: 'group', 'aria-label': `${task.name} confusion matrix` });
  const stats = el('dl', { class: 'stats' });
  const controls = el('div', { class: 'threshold' }, [el('label', {}, ['Threshold ', slider]), output]);
  const set = (t: number, redrawTable = true) => {
    const point = m.points.at(t);
    if (slider.valueAsNumber !== t) slider.value = String(t);
    output.textContent = t.toFixed(3).replace(/0$/, '');
    task.threshold = t;
    roc?.mark(point);
    distribution.rule(t);
    drawMatrix(matrix, point, task.task, task.name);
    drawStats(stats, point);
    if (redrawTable) onThreshold();
  };
  if (m.youden !== undefined) {
    const youden = el('button', { type: 'button', class: 'action' }, [`Youden-optimal (${m.youden.toFixed(3)})`]);
    youden.addEventListener('click', () => {
      set(m.youden!);
      vscode.postMessage({ type: 'setThreshold', task: task.task, value: m.youden! });
    });
    controls.append(youden);
  }
  block.append(controls, el('div', { class: 'operating' }, [matrix, stats]));
  slider.addEventListener('input', () => set(slider.valueAsNumber));
  // The tree and the case viewer follow once the slider settles, not on every step.
  slider.addEventListener('change', () =>
    vscode.postMessage({ type: 'setThreshold', task: task.task, value: slider.valueAsNumber }),
  );
  set(task.threshold, false);
  return block;
}

/** The task's name and AUC with its interval (the block's data-auc attributes), or a note saying why there is none. */
function headline(block: HTMLElement, report: ReportData, m: TaskMetrics): HTMLElement[] {
  const { task } = m;
  const heading = el('h2', {}, [task.name]);
  if (!m.auc || !m.roc) {
    const only = m.positives ? 'positive' : 'negative';
    return [
      heading,
      el('p', { class: 'no-auc', role: 'note' }, [
        m.labels.length
          ? `No AUC for ${task.name}: all ${m.labels.length} labelled cases of ${report.split}/ with a prediction are ${only}, and an ROC curve needs positive and negative cases.`
          : `No AUC for ${task.name}: no case of ${report.split}/ has both a label and a prediction.`,
      ]),
    ];
  }
  const [a, b] = m.auc;
  block.dataset.auc = a.auc.toFixed(4);
  if (a.low !== undefined && a.high !== undefined) {
    block.dataset.aucLow = a.low.toFixed(4);
    block.dataset.aucHigh = a.high.toFixed(4);
  }
  const ci =
    a.low === undefined
      ? ' (no 95 % CI: a single positive or negative case)'
      : ` (95 % CI ${fmt(a.low)}–${fmt(a.high)}, DeLong)`;
  heading.append(el('span', { class: 'auc' }, [` AUC ${fmt(a.auc)}${ci}`]));
  if (task.paperAuc !== undefined)
    heading.append(el('span', { class: 'paper' }, [` · paper ${task.paperAuc.toFixed(3)}`]));
  if (b && m.paired) {
    const p = m.paired.p < 0.001 ? m.paired.p.toExponential(1) : fmt(m.paired.p);
    heading.append(el('span', { class: 'paired' }, [` · ${report.models[1]} ${fmt(b.auc)}, paired DeLong p = ${p}`]));
  }
  return [heading];
}

/** The ROC curve(s), the AUC and the paper's written in its empty corner, and the operating point on it. */
function rocFigure(
  report: ReportData,
  m: TaskMetrics,
  curve: NonNullable<TaskMetrics['roc']>,
): { figure: HTMLElement; mark: (point: { sensitivity?: number; specificity?: number }) => void } {
  const { task } = m;
  const roc = rocChart(curve, report.models, `${task.name}: ROC curve${report.models.length > 1 ? 's' : ''}`);
  const note = (text: string, y: number) => {
    const t = svgEl('text', { x: roc.x(0.98), y: roc.y(y), 'text-anchor': 'end', class: 'paper-mark' });
    t.textContent = text;
    roc.svg.append(t);
  };
  note(`AUC ${fmt(m.auc![0].auc)}`, 0.1);
  if (task.paperAuc !== undefined) note(`paper ${task.paperAuc.toFixed(3)}`, 0.04);
  const marker = svgEl('circle', { r: 5, class: 'operating-point' });
  roc.svg.append(marker);
  return {
    figure: figure(roc.svg, 'ROC', report.models.length > 1 ? legend(report.models) : undefined),
    mark: (point) => {
      marker.setAttribute('cx', String(roc.x(1 - (point.specificity ?? 1))));
      marker.setAttribute('cy', String(roc.y(point.sensitivity ?? 0)));
    },
  };
}

/** The probabilities' distribution (positives above, negatives below), each bar a filter of the tree, and the threshold's rule. */
function distributionFigure(m: TaskMetrics): { figure: HTMLElement; rule: (threshold: number) => void } {
  const { task } = m;
  const bars = [1, 0].flatMap((label) =>
    (label ? m.distribution.positive : m.distribution.negative).flatMap((count, bin) =>
      count
        ? [{ low: bin / DISTRIBUTION_BINS, high: (bin + 1) / DISTRIBUTION_BINS, count, label: label as 0 | 1, bin }]
        : [],
    ),
  );
  const distribution = distributionChart(
    bars,
    `${task.name}: distribution of probabilities, positives above and negatives below`,
  );
  clickableMarks(
    distribution.svg,
    'g[aria-label="rect"] rect',
    bars,
    (bar) => ({
      name: `${bar.count} ${bar.label ? 'positive' : 'negative'} case${bar.count === 1 ? '' : 's'} with p in [${bar.low.toFixed(2)}, ${bar.high.toFixed(2)}): show them in the Cases view`,
      attrs: { 'data-label': String(bar.label), 'data-bin': String(bar.bin), 'data-count': String(bar.count) },
    }),
    (bar) => filter(task.task, { kind: 'probability', label: bar.label, bin: bar.bin, bins: DISTRIBUTION_BINS }),
  );
  const rule = svgEl('line', { class: 'threshold-rule', y1: 20, y2: 230 });
  distribution.svg.append(rule);
  return {
    figure: figure(distribution.svg, 'Distribution'),
    rule: (t) => {
      rule.setAttribute('x1', String(distribution.x(t)));
      rule.setAttribute('x2', String(distribution.x(t)));
    },
  };
}

function figure(svg: SVGSVGElement, caption: string, extra?: HTMLElement): HTMLElement {
  return el('figure', {}, [el('figcaption', {}, [caption]), ...(extra ? [extra] : []), svg as unknown as HTMLElement]);
}

function legend(models: string[]): HTMLElement {
  return el(
    'div',
    { class: 'legend' },
    models.map((m, i) => el('span', { class: `swatch model-${i}` }, [m])),
  );
}

/** The confusion matrix: rows are the truth, columns the call; each cell filters the Cases view to its cases. */
function drawMatrix(matrix: HTMLElement, point: ThresholdMetrics, task: string, name: string): void {
  const cell = (o: Outcome) => {
    const b = el(
      'button',
      {
        type: 'button',
        class: `cell outcome-${o}`,
        'data-outcome': o,
        'data-count': String(point[o]),
        'aria-label': `${point[o]} ${OUTCOME_NAMES[o]} (${name}): show them in the Cases view`,
      },
      [
        el('span', { class: 'count' }, [String(point[o])]),
        el('span', { class: 'name' }, [`${o} · ${OUTCOME_NAMES[o]}`]),
      ],
    );
    b.addEventListener('click', () => filter(task, { kind: 'outcome', outcome: o }));
    return b;
  };
  matrix.replaceChildren(
    el('span', { class: 'corner' }, ['truth ↓ · call →']),
    el('span', { class: 'head' }, ['positive']),
    el('span', { class: 'head' }, ['negative']),
    el('span', { class: 'head' }, ['positive']),
    cell('TP'),
    cell('FN'),
    el('span', { class: 'head' }, ['negative']),
    cell('FP'),
    cell('TN'),
  );
}

const STATS: [keyof ThresholdMetrics, string][] = [
  ['sensitivity', 'Sensitivity'],
  ['specificity', 'Specificity'],
  ['ppv', 'PPV'],
  ['npv', 'NPV'],
  ['accuracy', 'Accuracy'],
  ['f1', 'F1'],
];

function drawStats(stats: HTMLElement, point: ThresholdMetrics): void {
  stats.replaceChildren(
    ...STATS.flatMap(([key, name]) => [el('dt', {}, [name]), el('dd', { 'data-stat': key }, [fmt(point[key])])]),
  );
}

/** The report's charts as one image, a row per task, posted to the host to save. */
async function exportImage(format: ChartFormat): Promise<void> {
  const rows = [...document.querySelectorAll<HTMLElement>('section.task')].map((block) => ({
    heading: block.querySelector('h2')?.textContent ?? '',
    charts: [...block.querySelectorAll<SVGSVGElement>('svg.chart')],
  }));
  vscode.postMessage({ type: 'exportImage', format, data: await chartImage(format, rows) });
}

function filter(task: string, f: ReportFilter): void {
  vscode.postMessage({ type: 'filterCases', task, filter: f });
}

/** Every number of the report in one table, at each task's current threshold. */
function numbersTable(report: ReportData, metrics: TaskMetrics[]): HTMLElement {
  const head = [
    'Task',
    'Model',
    'Cases',
    'Positives',
    'AUC',
    'CI low',
    'CI high',
    'Paper AUC',
    'Threshold',
    ...OUTCOMES,
    'Sensitivity',
    'Specificity',
    'PPV',
    'NPV',
    'Accuracy',
    'F1',
    'Brier',
    'Paired p',
  ];
  const rows = metrics.flatMap((m) =>
    report.models.map((model, i) => {
      const point = i === 0 ? m.points.at(m.task.threshold) : undefined;
      const auc = m.auc?.[i];
      return [
        m.task.name,
        model,
        String(m.labels.length),
        String(m.positives),
        fmt(auc?.auc, 4),
        fmt(auc?.low, 4),
        fmt(auc?.high, 4),
        m.task.paperAuc?.toFixed(3) ?? '—',
        i === 0 ? fmt(m.task.threshold) : '—',
        ...OUTCOMES.map((o) => (point ? String(point[o]) : '—')),
        ...STATS.map(([k]) => (point ? fmt(point[k]) : '—')),
        i === 0 ? fmt(m.brier, 4) : '—',
        i === 1 && m.paired ? fmt(m.paired.p, 4) : '—',
      ];
    }),
  );
  return el('table', { 'aria-label': 'Report numbers' }, [
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
          {},
          r.map((c, i) => el(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : {}, [c])),
        ),
      ),
    ),
  ]);
}
