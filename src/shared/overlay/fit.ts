import { formatShape } from '../npy/header';

/**
 * Why an overlay of `shape` cannot be drawn over a plane of `planeShape` (slices, height,
 * width), or undefined when it can: a heatmap is (slices, h, w) with the plane's slice count
 * (h x w may be smaller: it is resized). Nothing is ever stretched along the slices.
 */
export function heatmapMisfit(name: string, shape: readonly number[], planeName: string, planeShape: readonly number[]): string | undefined {
  const both = `the ${name} overlay's shape ${formatShape(shape)} does not fit the ${planeName} plane's ${formatShape(planeShape)}`;
  if (shape.length !== 3) return `${both}: a heatmap overlay is 3-D, (slices, height, width)`;
  if (shape[0] !== planeShape[0]) return `${both}: ${shape[0]} slices against ${planeShape[0]}`;
  if (shape[1] === 0 || shape[2] === 0) return `${both}: its slices are empty`;
  if (shape[1] > planeShape[1] || shape[2] > planeShape[2]) return `${both}: its slices are larger than the plane's images`;
  return undefined;
}
