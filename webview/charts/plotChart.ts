import * as Plot from '@observablehq/plot';

/** A chart and the functions that place a mark at a value, in the chart's own coordinates. */
export interface Chart {
  svg: SVGSVGElement;
  x: (v: number) => number;
  y: (v: number) => number;
}

/**
 * Plot's SVG, made fit for a strict Content-Security-Policy: its <style> element (an inline
 * style, which the policy refuses) is dropped; media/charts.css styles the charts instead.
 * The chart is an image named `label`.
 */
export function chart(plot: ReturnType<typeof Plot.plot>, label: string): Chart {
  const svg = (plot instanceof SVGSVGElement ? plot : plot.querySelector('svg')) as SVGSVGElement;
  svg.querySelector('style')?.remove();
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.classList.add('chart');
  const scale = (name: 'x' | 'y') => {
    const s = plot.scale(name);
    return (v: number) => (s ? (s.apply(v) as number) : NaN);
  };
  return { svg, x: scale('x'), y: scale('y') };
}

/** An SVG element in the charts' namespace. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * Makes a chart's marks (in data order) buttons: focusable, named, with a tooltip, and
 * calling `go` on a click or Enter. `selector` finds the marks (Plot draws one element per datum).
 */
export function clickableMarks<T>(
  svg: SVGSVGElement,
  selector: string,
  data: readonly T[],
  describe: (d: T) => { name: string; attrs?: Record<string, string> },
  go: (d: T) => void,
): void {
  svg.querySelectorAll(selector).forEach((mark, i) => {
    const d = data[i];
    if (d === undefined) return;
    const { name, attrs } = describe(d);
    mark.setAttribute('tabindex', '0');
    mark.setAttribute('role', 'button');
    mark.setAttribute('aria-label', name);
    for (const [k, v] of Object.entries(attrs ?? {})) mark.setAttribute(k, v);
    const title = svgEl('title', {});
    title.textContent = name;
    mark.append(title);
    mark.addEventListener('click', () => go(d));
    mark.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
        e.preventDefault();
        go(d);
      }
    });
  });
}
