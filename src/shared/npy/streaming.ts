import { decodeNpyData } from './decode';
import { NpyArray, NumericArray } from './npyArray';
import { NpyHeader } from './header';
import { partHeader } from './overview';
import { PlaneSource, planeSource } from './planeSource';
import { VolumeStats, volumeStats } from '../windowing';

/**
 * Arrays too large to read whole are read one slice at a time, always along axis 0 (the axis
 * the viewers scroll), whatever the file's order: in C order a slice is one contiguous run of
 * bytes; in Fortran order it is gathered from the whole file (see readSlices).
 */
export function readsSliceBySlice(header: NpyHeader): boolean {
  // (H, W, 1|3|4) is one image (grey or colour), read whole whatever its size.
  return header.shape.length === 3 && header.count > 0 && ![1, 3, 4].includes(header.shape[2]);
}

export function sliceCount(header: NpyHeader): number {
  return header.shape[0];
}

/** Where slice k of a C-order array lies in the file. */
export function sliceByteRange(header: NpyHeader, k: number): { offset: number; length: number } {
  const length = header.dataBytes / sliceCount(header);
  return { offset: header.dataOffset + k * length, length };
}

/** The header of one slice as a 2-D array of its own, in C order (rows, columns as the viewer shows them). */
export function sliceHeader(header: NpyHeader): NpyHeader {
  return partHeader(header, header.shape.slice(1));
}

/**
 * Fills `out`, slices `indices` of a Fortran-order (n, H, W) array each in C order, from one
 * `run` of the file's data: whole columns (x) from `run.x0` on. Element [k, y, x] is at
 * k + n·y + n·H·x in the file, so every slice needs every column.
 */
export function gatherFortranSlices(
  header: NpyHeader,
  indices: readonly number[],
  out: Uint8Array[],
  run: { x0: number; bytes: Uint8Array },
): void {
  const [n, h, w] = header.shape;
  const item = header.dtype.itemSize;
  const columns = run.bytes.length / (n * h * item);
  for (let s = 0; s < indices.length; s++) {
    const k = indices[s];
    const target = out[s];
    for (let c = 0; c < columns; c++) {
      const x = run.x0 + c;
      for (let y = 0; y < h; y++) {
        const from = (k + n * (y + h * c)) * item;
        const to = (y * w + x) * item;
        for (let b = 0; b < item; b++) target[to + b] = run.bytes[from + b];
      }
    }
  }
}

/**
 * The slices the statistics and default contrast of a large array come from: up to `count`
 * spread evenly over n slices, first and last included, and the middle one, shown first.
 */
export function sampleSlices(n: number, count = 8): number[] {
  const spread =
    n <= count
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from({ length: count }, (_, i) => Math.round((i * (n - 1)) / (count - 1)));
  return [...new Set([...spread, middleSlice(n)])].sort((a, b) => a - b);
}

/** The slice a viewer starts at: (n-1)//2, as the notebook widget did. */
export function middleSlice(n: number): number {
  return Math.floor((n - 1) / 2);
}

/** Slice indices from the middle outwards (m, m+1, m-1, m+2, …): the order a reader near the middle needs them. */
export function middleOutwards(n: number): number[] {
  const m = middleSlice(n);
  const order = [m];
  for (let d = 1; order.length < n; d++) for (const k of [m + d, m - d]) if (k >= 0 && k < n) order.push(k);
  return order;
}

/** Statistics of a large array from the bytes of some of its slices. */
export function sampledStats(header: NpyHeader, slices: Uint8Array[]): VolumeStats {
  const values = slices.map((bytes) => decodeNpyData(sliceHeader(header), bytes).values);
  const ctor = values[0].constructor as new (n: number) => NumericArray;
  const all = new ctor(values.reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of values) {
    all.set(v, at);
    at += v.length;
  }
  return volumeStats(all);
}

/** Decoded slices by index, least recently used dropped first once over the byte budget. */
export class SliceCache {
  private readonly slices = new Map<number, NpyArray>();
  private bytes = 0;

  constructor(
    private readonly header: NpyHeader,
    private readonly budgetBytes: number,
  ) {}

  get size(): number {
    return this.slices.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  has(k: number): boolean {
    return this.slices.has(k);
  }

  get(k: number): NpyArray | undefined {
    const slice = this.slices.get(k);
    if (slice) {
      this.slices.delete(k); // most recently used last
      this.slices.set(k, slice);
    }
    return slice;
  }

  put(k: number, data: Uint8Array): void {
    if (this.slices.has(k)) return;
    const slice = decodeNpyData(sliceHeader(this.header), data);
    this.slices.set(k, slice);
    this.bytes += data.byteLength;
    for (const [oldest, old] of this.slices) {
      if (this.bytes <= this.budgetBytes || this.slices.size <= 1) break;
      this.slices.delete(oldest);
      this.bytes -= old.header.dataBytes;
    }
  }
}

/**
 * A plane source over slices read on demand: every slice shown is announced to `want` (which
 * asks the host for it, and for what comes next, when missing); a slice not yet here is drawn
 * blank, and the viewer redraws when it arrives.
 */
export function streamedPlaneSource(header: NpyHeader, cache: SliceCache, want: (k: number) => void): PlaneSource {
  const one = sliceHeader(header);
  const [height, width] = one.shape;
  let blank: NumericArray | undefined;
  const plane = (k: number) => {
    want(k);
    const slice = cache.get(k);
    return slice && planeSource(slice);
  };
  return {
    depth: sliceCount(header),
    height,
    width,
    channels: 1,
    slice(k) {
      const p = plane(k);
      if (p) return p.slice(0);
      blank ??= new Uint8Array(height * width);
      return blank;
    },
    valueAt(k, y, x) {
      return plane(k)?.valueAt(0, y, x) ?? '…';
    },
    indexAt(k, y, x) {
      return `[${k}, ${y}, ${x}]`;
    },
    sliceIndex(k) {
      return [k, null, null];
    },
    sliceNpy(k) {
      const p = plane(k);
      if (!p) throw new Error(`slice ${k} has not been read yet`);
      return p.sliceNpy(0);
    },
  };
}
