import { Frame, Locator, Page } from 'playwright-core';

/** The canvas of a plane view (a region named e.g. "Axial plane", or "Slices"). */
export function planeCanvas(scope: Page | Frame, region: string): Locator {
  return scope.getByRole('region', { name: region }).locator('canvas.plane-canvas');
}

/**
 * The painted colour of array pixel (x, y) of a fitted image of `size`, and where that pixel
 * lies on the canvas element (CSS pixels from its top-left corner, for hover()).
 */
export async function pixelOf(
  scope: Page | Frame,
  region: string,
  x: number,
  y: number,
  size: { width: number; height: number },
) {
  return planeCanvas(scope, region).evaluate(
    (canvas: HTMLCanvasElement, { x, y, size }) => {
      const scale = Math.min(canvas.width / size.width, canvas.height / size.height);
      const cx = Math.floor((canvas.width - size.width * scale) / 2 + (x + 0.5) * scale);
      const cy = Math.floor((canvas.height - size.height * scale) / 2 + (y + 0.5) * scale);
      const rgba = Array.from(canvas.getContext('2d')!.getImageData(cx, cy, 1, 1).data);
      const dpr = window.devicePixelRatio;
      return { rgba, position: { x: cx / dpr, y: cy / dpr } };
    },
    { x, y, size },
  );
}
