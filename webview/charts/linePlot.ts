import * as Plot from '@observablehq/plot';
import { el } from '../dom';
import { chart } from './plotChart';

const WIDTH = 640;
const HEIGHT = 260;

/** The points drawn for indices [a, b): every one when few, else each pixel column's min and max (the line's envelope). */
function pointsOf(values: ArrayLike<number>, a: number, b: number): { i: number; v: number }[] {
  const n = b - a;
  if (n <= 2 * WIDTH) return Array.from({ length: n }, (_, k) => ({ i: a + k, v: values[a + k] }));
  const out: { i: number; v: number }[] = [];
  for (let c = 0; c < WIDTH; c++) {
    const from = a + Math.floor((c * n) / WIDTH);
    const to = a + Math.floor(((c + 1) * n) / WIDTH);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    out.push(...(lo < hi ? [lo, hi] : [hi, lo]).map((i) => ({ i, v: values[i] })));
  }
  return out;
}

/** A 1-D array as a line (see ChartsApi.linePlot). */
export function linePlot(values: ArrayLike<number>, label: string, valueText: (i: number) => string): HTMLElement {
  const n = values.length;
  let domain: [number, number] = [0, Math.max(1, n - 1)];
  const box = el('div', { class: 'line-plot' });
  const readout = el('div', { class: 'line-readout', 'data-role': 'line-readout', 'aria-live': 'polite' });
  const figure = el('figure', { class: 'line-figure' }, [box, readout]);
  let invert: (px: number) => number = () => 0;
  const draw = () => {
    const a = Math.max(0, Math.floor(domain[0]));
    const b = Math.min(n, Math.ceil(domain[1]) + 1);
    const plot = Plot.plot({
      width: WIDTH,
      height: HEIGHT,
      marginLeft: 56,
      x: { domain, label: 'index' },
      y: { label: 'value', grid: true },
      marks: [
        Plot.line(
          pointsOf(values, a, b).filter((p) => Number.isFinite(p.v)),
          { x: 'i', y: 'v', stroke: 'var(--vscode-charts-blue)' },
        ),
      ],
    });
    const c = chart(plot, `${label}: values ${Math.round(domain[0])} to ${Math.round(domain[1])}`);
    const scale = plot.scale('x')!;
    invert = (px) => scale.invert!(px) as number;
    box.replaceChildren(c.svg);
  };
  const indexAt = (e: MouseEvent) => {
    const svg = box.querySelector('svg')!;
    const r = svg.getBoundingClientRect();
    return invert(((e.clientX - r.left) / r.width) * WIDTH);
  };
  /** The index under the pointer where a drag began, while one is under way. */
  let drag: number | undefined;
  box.addEventListener('pointermove', (e) => {
    if (drag !== undefined) {
      const shift = indexAt(e) - drag;
      domain = [domain[0] - shift, domain[1] - shift];
      draw();
      return;
    }
    const i = Math.round(indexAt(e));
    readout.textContent = i >= 0 && i < n ? `[${i}] ${valueText(i)}` : '';
    box.dataset.index = String(i);
  });
  box.addEventListener('pointerdown', (e) => {
    drag = indexAt(e);
    box.setPointerCapture(e.pointerId);
  });
  box.addEventListener('pointerup', () => (drag = undefined));
  box.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const at = indexAt(e);
      const factor = e.deltaY > 0 ? 1.25 : 0.8;
      const span = Math.max(2, (domain[1] - domain[0]) * factor);
      const t = (at - domain[0]) / (domain[1] - domain[0]);
      domain = [at - t * span, at + (1 - t) * span];
      draw();
    },
    { passive: false },
  );
  box.addEventListener('dblclick', () => {
    domain = [0, Math.max(1, n - 1)];
    draw();
  });
  draw();
  return figure;
}
