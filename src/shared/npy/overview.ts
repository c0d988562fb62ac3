import { NpyHeader, formatShape } from './header';

/**
 * An image too large to hold (a 2-D array, or an `(H, W, 1|3|4)` one, above the large-file
 * threshold) is shown from an overview, every `step`-th row and column, of at most this many
 * pixels a side: what a screen shows of the whole image anyway.
 */
const OVERVIEW_SIDE = 2048;
/** The most pixels of one full-resolution region read for the part of the image on screen. */
export const REGION_PIXELS = 2048 * 2048;

/** A rectangle of an image, in its own pixels. */
export interface Region {
  y0: number;
  x0: number;
  height: number;
  width: number;
}

/** Whether an array is one image (grey or colour) rather than a stack: what an overview can stand for. */
export function isOneImage(header: NpyHeader): boolean {
  const { shape } = header;
  return shape.length === 2 || (shape.length === 3 && [1, 3, 4].includes(shape[2]));
}

/** The image's rows, columns and values per pixel. */
export function imageShape(header: NpyHeader): { height: number; width: number; channels: number } {
  const [height, width, channels = 1] = header.shape;
  return { height, width, channels };
}

/** Every how many rows and columns the overview takes one. */
export function overviewStep(header: NpyHeader): number {
  const { height, width } = imageShape(header);
  return Math.max(1, Math.ceil(Math.max(height, width) / OVERVIEW_SIDE));
}

/** The rows (or columns) an overview takes of `n`: 0, step, 2·step, … */
export function overviewLines(n: number, step: number): number[] {
  return Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step);
}

/** The header of `shape` elements of the array's dtype in C order, held on their own (a slice, an overview, a region). */
export function partHeader(header: NpyHeader, shape: number[]): NpyHeader {
  const count = shape.reduce((a, b) => a * b, 1);
  const dataBytes = count * header.dtype.itemSize;
  return {
    ...header,
    fortranOrder: false,
    shape,
    shapeText: formatShape(shape),
    count,
    dataOffset: 0,
    dataBytes,
    fileSize: dataBytes,
  };
}

/** The shape of an image's part of `rows` x `cols` pixels: (rows, cols) or (rows, cols, channels). */
export function partShape(header: NpyHeader, rows: number, cols: number): number[] {
  return header.shape.length === 2 ? [rows, cols] : [rows, cols, header.shape[2]];
}

/** Why a region a webview asks for cannot be read (outside the image, or larger than REGION_PIXELS), if it cannot. */
export function regionProblem(header: NpyHeader, region: Region): string | undefined {
  const { height, width } = imageShape(header);
  const { y0, x0, height: h, width: w } = region;
  if (y0 < 0 || x0 < 0 || h < 1 || w < 1 || y0 + h > height || x0 + w > width)
    return `region [${y0}:${y0 + h}, ${x0}:${x0 + w}] is outside the ${height} x ${width} image`;
  if (h * w > REGION_PIXELS) return `region of ${h * w} pixels is larger than ${REGION_PIXELS}`;
  return undefined;
}
