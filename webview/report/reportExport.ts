import { vscode } from '../vscodeApi';
import { svgEl } from './charts';

const CHART_WIDTH = 300;
const CHART_HEIGHT = 260;
const HEADING = 28;

/**
 * The report's charts as one SVG image: each task's heading and its charts in a row, with the
 * theme's colours written in (CSS variables mean nothing outside VS Code). PNG is that SVG
 * drawn on a canvas at twice its size.
 */
export async function exportImage(format: 'png' | 'svg'): Promise<void> {
  const text = reportSvg();
  const data = format === 'svg' ? new TextEncoder().encode(text).buffer : await pngOf(text);
  vscode.postMessage({ type: 'exportImage', format, data });
}

function reportSvg(): string {
  const style = getComputedStyle(document.body);
  const resolve = (value: string) => value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim() || '#888').replace(/currentColor/gi, style.color);
  const blocks = [...document.querySelectorAll<HTMLElement>('section.task')];
  const width = CHART_WIDTH * 3;
  const height = blocks.length * (HEADING + CHART_HEIGHT);
  const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'sans-serif', 'font-size': 10 });
  out.append(svgEl('rect', { width, height, fill: style.backgroundColor || '#fff' }));
  blocks.forEach((block, row) => {
    const y = row * (HEADING + CHART_HEIGHT);
    const heading = svgEl('text', { x: 4, y: y + 18, 'font-size': 14, fill: style.color });
    heading.textContent = block.querySelector('h2')?.textContent ?? '';
    out.append(heading);
    block.querySelectorAll<SVGSVGElement>('svg.chart').forEach((chart, column) => {
      const copy = chart.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', String(column * CHART_WIDTH));
      copy.setAttribute('y', String(y + HEADING));
      for (const node of [copy, ...copy.querySelectorAll('*')]) {
        for (const attr of ['fill', 'stroke', 'color']) {
          const v = node.getAttribute(attr);
          if (v) node.setAttribute(attr, resolve(v));
        }
        if (node.classList.contains('operating-point')) node.setAttribute('fill', resolve('var(--vscode-charts-yellow)'));
        if (node.classList.contains('threshold-rule')) node.setAttribute('stroke', style.color);
      }
      out.append(copy);
    });
  });
  return new XMLSerializer().serializeToString(out);
}

async function pngOf(svg: string): Promise<ArrayBuffer> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
    return await blob.arrayBuffer();
  } finally {
    URL.revokeObjectURL(url);
  }
}
