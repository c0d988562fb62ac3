// The small parts of the array editors' page: the info panel, the labels of a slice, and the
// controls above the image (checkboxes, axis choices, index sliders).
import { describeDType } from '../src/shared/npy/dtype';
import { NpyHeader } from '../src/shared/npy/header';
import { formatBytes, formatStat } from '../src/shared/format';
import { VolumeStats } from '../src/shared/windowing';
import { el } from './dom';
import { PlaneViewer } from './planeViewer';

/**
 * `sampled`: the statistics are of that many slices, not of the whole array; `exact`: the
 * minimum, maximum and mean of 64-bit integers, which float64 would round.
 */
export function fillInfo(
  info: HTMLElement,
  header: NpyHeader,
  stats: VolumeStats,
  sampled?: number,
  exact?: { min: string; max: string; mean: string },
): void {
  const rows: [string, string, string][] = [
    ['shape', 'Shape', header.shapeText],
    ['dtype', 'Dtype', describeDType(header.dtype)],
    ['order', 'Order', header.fortranOrder ? 'Fortran (column-major)' : 'C (row-major)'],
    ['version', 'Format', `.npy ${header.version}`],
    ['size', 'File size', formatBytes(header.fileSize)],
    ['min', sampled ? 'Min (sampled)' : 'Min', exact?.min ?? formatStat(stats.min)],
    ['max', sampled ? 'Max (sampled)' : 'Max', exact?.max ?? formatStat(stats.max)],
    ['mean', sampled ? 'Mean (sampled)' : 'Mean', exact?.mean ?? formatStat(stats.mean)],
  ];
  const counted = sampled ? ' (sampled)' : '';
  for (const [field, label, n] of [
    ['nan', 'NaN', stats.nan],
    ['posinf', '+inf', stats.posInf],
    ['neginf', '-inf', stats.negInf],
  ] as const) {
    if (n > 0) rows.push([field, `${label}${counted}`, n.toLocaleString('en-US')]);
  }
  if (header.dtype.kind === 'complex') rows.push(['note', 'Shown', 'magnitude |z|']);
  info.replaceChildren(
    ...rows.map(([field, label, value]) =>
      el('div', { 'data-field': field }, [el('dt', {}, [label]), el('dd', {}, [value])]),
    ),
  );
}

/** The statistics column of the slice shown: "Slice a[21, :, :]". */
export function sliceLabel(plane: PlaneViewer): string {
  return `Slice a${numpyIndex(plane.sliceIndex().map((i) => (i === null ? ':' : String(i))))}`;
}

/** An index as NumPy writes it: [21, 40, 30], [21, :, :]. */
export function numpyIndex(index: readonly (number | string)[]): string {
  return index.length ? `[${index.join(', ')}]` : '()';
}

export function toggle(label: string, checked: boolean, onChange: (on: boolean) => void): HTMLElement {
  const input = el('input', { type: 'checkbox', 'aria-label': label });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return el('label', { class: 'control' }, [input, ` ${label}`]);
}

/** A choice of axis: "View along axis 1 (40 slices)", "Image rows axis 2 (256)". */
export function axisSelect(
  label: string,
  axes: number[],
  shape: number[],
  axis: number,
  onChange: (axis: number) => void,
  unit = '',
): HTMLElement {
  const select = el('vscode-single-select', { 'aria-label': label, class: 'axis-select' });
  for (const a of axes) {
    const option = el('vscode-option', { value: String(a) }, [`axis ${a} (${shape[a]}${unit})`]);
    if (a === axis) option.setAttribute('selected', '');
    select.append(option);
  }
  select.addEventListener('change', () => onChange(Number(select.value)));
  return el('label', { class: 'control' }, [`${label.replace(/ axis$/, '')} `, select]);
}

export function indexSlider(axis: number, size: number, value: number, onChange: (index: number) => void): HTMLElement {
  const label = `Axis ${axis} index`;
  const input = el('input', {
    type: 'range',
    min: '0',
    max: String(size - 1),
    step: '1',
    value: String(value),
    'aria-label': label,
  });
  const shown = el('span', { class: 'slice-number' }, [`${value} / ${size}`]);
  input.addEventListener('input', () => {
    shown.textContent = `${input.value} / ${size}`;
    onChange(Number(input.value));
  });
  return el('label', { class: 'control' }, [`${label} `, input, shown]);
}
