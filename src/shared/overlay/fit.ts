import { NpyArray } from '../npy/npyArray';
import { formatShape } from '../npy/header';

/** What an overlay array is to a plane. */
type OverlayKind = 'heatmap' | 'mask' | 'scores';

/** Integer arrays with at most this many distinct values are label masks; more, heatmaps. */
const MASK_LABELS = 64;

/**
 * What an overlay is to a plane of `planeShape` (slices, height, width), or why it cannot be
 * drawn there (naming both shapes; nothing is ever stretched along the slices):
 * - (slices,): per-slice scores;
 * - (slices, H, W) of integers with at most MASK_LABELS distinct values: a label mask, of the
 *   image's own size;
 * - (slices, h, w) otherwise: a heatmap, resized to the image when smaller.
 */
export function overlayKind(
  name: string,
  array: NpyArray,
  planeName: string,
  planeShape: readonly number[],
): OverlayKind | { misfit: string } {
  const shape = array.header.shape;
  const misfit = (why: string) => ({
    misfit: `the ${name} overlay's shape ${formatShape(shape)} does not fit the ${planeName} plane's ${formatShape(planeShape)}: ${why}`,
  });
  if (shape.length === 1)
    return shape[0] === planeShape[0] ? 'scores' : misfit(`${shape[0]} scores against ${planeShape[0]} slices`);
  if (shape.length === 2)
    return misfit('a 2-D array for a 3-D plane: overlays have one image (or one score) per slice');
  if (shape.length !== 3)
    return misfit(`a ${shape.length}-D array: overlays are (slices,) scores or (slices, height, width) images`);
  if (shape[0] !== planeShape[0]) return misfit(`${shape[0]} slices against ${planeShape[0]}`);
  if (shape[1] === 0 || shape[2] === 0) return misfit('its slices are empty');
  const sameSize = shape[1] === planeShape[1] && shape[2] === planeShape[2];
  if (isLabelArray(array)) return sameSize ? 'mask' : misfit("a label mask has the image's own size");
  if (shape[1] > planeShape[1] || shape[2] > planeShape[2])
    return misfit("its slices are larger than the plane's images");
  return 'heatmap';
}

/** Integers (or booleans) with few distinct values: labels, not a map of values. */
function isLabelArray(array: NpyArray): boolean {
  const kind = array.header.dtype.kind;
  if (kind !== 'int' && kind !== 'uint' && kind !== 'bool') return false;
  const seen = new Set<number>();
  const values = array.values;
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]);
    if (seen.size > MASK_LABELS) return false;
  }
  return true;
}
