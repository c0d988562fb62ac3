import { NumericArray } from '../npy/npyArray';

/**
 * Bilinear resize of one 2-D slice (row-major, `sw` x `sh`) to `dw` x `dh`, as OpenCV's
 * `cv2.resize(..., interpolation=cv2.INTER_LINEAR)`: pixel centres aligned (source x =
 * (x + 0.5) * sw / dw - 0.5), clamped at the borders. Equal sizes are copied as they are.
 */
export function resizeBilinear(
  src: NumericArray,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  out: Float32Array,
): void {
  if (sw === dw && sh === dh) {
    for (let i = 0; i < dw * dh; i++) out[i] = src[i];
    return;
  }
  const xs = axisWeights(sw, dw);
  const ys = axisWeights(sh, dh);
  for (let y = 0; y < dh; y++) {
    const y0 = ys.index[y];
    const y1 = Math.min(y0 + 1, sh - 1);
    const fy = ys.weight[y];
    for (let x = 0; x < dw; x++) {
      const x0 = xs.index[x];
      const x1 = Math.min(x0 + 1, sw - 1);
      const fx = xs.weight[x];
      const top = src[y0 * sw + x0] * (1 - fx) + src[y0 * sw + x1] * fx;
      const bottom = src[y1 * sw + x0] * (1 - fx) + src[y1 * sw + x1] * fx;
      out[y * dw + x] = top * (1 - fy) + bottom * fy;
    }
  }
}

/** For each destination pixel along one axis: the source pixel before it and the weight of the one after. */
function axisWeights(source: number, destination: number): { index: Int32Array; weight: Float64Array } {
  const index = new Int32Array(destination);
  const weight = new Float64Array(destination);
  const scale = source / destination;
  for (let d = 0; d < destination; d++) {
    let f = (d + 0.5) * scale - 0.5;
    let s = Math.floor(f);
    f -= s;
    if (s < 0) {
      s = 0;
      f = 0;
    }
    if (s >= source - 1) {
      s = source - 1;
      f = 0;
    }
    index[d] = s;
    weight[d] = f;
  }
  return { index, weight };
}
