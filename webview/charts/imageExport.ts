import { svgEl } from './plotChart';
import { ChartFormat } from '../../src/shared/chartFormats';

/** A heading and the charts beneath it, side by side: one row of an exported image. */
export interface ImageRow {
  heading: string;
  charts: SVGSVGElement[];
}

const HEADING = 28;

/**
 * Charts as one image: each row's heading and its charts side by side, with the theme's
 * colours written in (CSS variables and stylesheets mean nothing outside VS Code). PNG is
 * that SVG drawn on a canvas at twice its size.
 */
export async function chartImage(format: ChartFormat, rows: ImageRow[]): Promise<ArrayBuffer> {
  const text = composeSvg(rows);
  return format === 'svg' ? new TextEncoder().encode(text).buffer : pngOf(text);
}

function size(svg: SVGSVGElement): { width: number; height: number } {
  return {
    width: Number(svg.getAttribute('width')) || svg.clientWidth,
    height: Number(svg.getAttribute('height')) || svg.clientHeight,
  };
}

function composeSvg(rows: ImageRow[]): string {
  const style = getComputedStyle(document.body);
  const resolve = (value: string) =>
    value
      .replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim() || '#888')
      .replace(/currentColor/gi, style.color);
  const rowSizes = rows.map((r) => ({
    width: r.charts.reduce((n, c) => n + size(c).width, 0),
    height: HEADING + Math.max(0, ...r.charts.map((c) => size(c).height)),
  }));
  const width = Math.max(1, ...rowSizes.map((r) => r.width));
  const height = Math.max(
    1,
    rowSizes.reduce((n, r) => n + r.height, 0),
  );
  const out = svgEl('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': 'sans-serif',
    'font-size': 10,
  });
  out.append(svgEl('rect', { width, height, fill: style.backgroundColor || '#fff' }));
  let y = 0;
  rows.forEach((row, r) => {
    const heading = svgEl('text', { x: 4, y: y + 18, 'font-size': 14, fill: style.color });
    heading.textContent = row.heading;
    out.append(heading);
    let x = 0;
    for (const chart of row.charts) {
      const copy = chart.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', String(x));
      copy.setAttribute('y', String(y + HEADING));
      const originals = [chart, ...chart.querySelectorAll('*')];
      [copy, ...copy.querySelectorAll('*')].forEach((node, i) => {
        for (const attr of ['fill', 'stroke', 'color']) {
          const v = node.getAttribute(attr);
          if (v) node.setAttribute(attr, resolve(v));
        }
        // Marks our stylesheet colours (by class) take their colours as drawn.
        if (
          node.getAttribute('class') &&
          originals[i] instanceof SVGElement &&
          !(originals[i] instanceof SVGSVGElement)
        ) {
          const drawn = getComputedStyle(originals[i]);
          if (!node.getAttribute('fill')) node.setAttribute('fill', drawn.fill);
          if (!node.getAttribute('stroke')) node.setAttribute('stroke', drawn.stroke);
        }
      });
      out.append(copy);
      x += size(chart).width;
    }
    y += rowSizes[r].height;
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
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'),
    );
    return await blob.arrayBuffer();
  } finally {
    URL.revokeObjectURL(url);
  }
}
