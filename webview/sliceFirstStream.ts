import { NpyHeader } from '../src/shared/npy/header';
import { PlaneSource } from '../src/shared/npy/planeSource';
import { SliceCache, sliceCount, streamedPlaneSource } from '../src/shared/npy/streaming';
import { HostMessage, SliceFirst } from '../src/shared/protocol';
import { VolumeStats, volumeStats } from '../src/shared/windowing';
import { vscode } from './vscodeApi';

interface Waiter {
  resolve: (bytes: Uint8Array) => void;
  reject: (e: Error) => void;
}

/** Decoded slices a file read slice by slice may hold in the webview at once. */
const SLICE_CACHE_BYTES = 256 * 2 ** 20;

/**
 * A file the host reads slice by slice, as a viewer shows it. It starts with one slice, its
 * figures standing for the array's until the host's sample of slices arrives (`onStats`).
 * An array held whole gets every slice unasked and, once they are all here, is handed over
 * whole (`onWhole`). Otherwise slices are asked for as they are shown (and the next one
 * ahead), kept within a memory budget. A slice the host cannot read is remembered with its
 * reason, which the plane shows in its alert.
 */
export class SliceFirstStream {
  private readonly cache: SliceCache;
  private readonly failed = new Map<number, string>();
  /** The slices asked of the host, by the request's id (its reply names it): which slice, and who waits for it. */
  private readonly asked = new Map<number, { index: number; waiter?: Waiter }>();
  private lastId = 0;
  /** The array's data bytes, filled slice by slice, for an array held whole. */
  private readonly whole?: Uint8Array;
  private filled = 0;
  readonly source: PlaneSource;
  /** Figures of the slice shown first, until the host's sample of slices arrives. */
  readonly firstStats: VolumeStats;
  /** The host's statistics of a sample of slices arrived. */
  onStats: (stats: VolumeStats, slices: number) => void = () => undefined;
  /** Every slice of an array held whole arrived: its data bytes. */
  onWhole: (data: ArrayBuffer) => void = () => undefined;
  /** A slice cannot be read (an array meant to be held whole then stays read slice by slice). */
  onFailed: (message: string) => void = () => undefined;

  /** @param plane the case viewer's pane the file is in; undefined for the .npy editor's file */
  constructor(
    private readonly header: NpyHeader,
    sliceFirst: SliceFirst,
    private readonly plane?: string,
  ) {
    if (sliceFirst.whole) this.whole = new Uint8Array(header.dataBytes);
    this.cache = new SliceCache(header, this.whole ? Infinity : SLICE_CACHE_BYTES);
    this.keep(sliceFirst.first.index, new Uint8Array(sliceFirst.first.data));
    const source = streamedPlaneSource(header, this.cache, (k) => this.want(k));
    this.source = {
      ...source,
      error: (k) => this.failed.get(k),
      pending: (k) => !this.cache.has(k) && !this.failed.has(k),
    };
    this.firstStats = volumeStats(source.slice(sliceFirst.first.index));
  }

  /** Takes what the host sent for this stream (a slice, a failure, the statistics); true when it is slice `shown`. */
  receive(message: HostMessage, shown: number): boolean {
    if ((message as { plane?: string }).plane !== this.plane) return false;
    if (message.type === 'sampledStats') {
      this.onStats(message.stats, message.slices);
      return false;
    }
    if (message.type !== 'slice' && message.type !== 'sliceError') return false;
    // A reply to a request of ours names it; a slice sent unasked (to an array held whole) does not.
    const waiter = message.request === undefined ? undefined : this.asked.get(message.request)?.waiter;
    if (message.request !== undefined) this.asked.delete(message.request);
    if (message.type === 'slice') {
      const bytes = new Uint8Array(message.data);
      this.keep(message.index, bytes);
      waiter?.resolve(bytes);
    } else {
      this.failed.set(message.index, message.message);
      waiter?.reject(new Error(`slice ${message.index}: ${message.message}`));
      this.onFailed(message.message);
    }
    return message.index === shown;
  }

  /** The bytes of slice k as the file holds them, asked of the host (the background statistics read every slice this way). */
  read(k: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => this.ask(k, { resolve, reject }));
  }

  /**
   * Whether anything asked of the host is still on its way: a read waiting for its reply, a
   * slice asked for that has not come (by its reply or unasked), or, for an array held whole,
   * the slices still to come unasked (until one cannot be read).
   */
  get busy(): boolean {
    return (
      [...this.asked.values()].some((a) => a.waiter || (!this.cache.has(a.index) && !this.failed.has(a.index))) ||
      (this.whole !== undefined && this.filled < sliceCount(this.header) && this.failed.size === 0)
    );
  }

  /** Whether slice k's values are here (a slice not read yet shows as zeros). */
  has(k: number): boolean {
    return this.cache.has(k);
  }

  /** Keeps a slice; for an array held whole, in its place in the array's bytes, handed over once the last one is in. */
  private keep(k: number, bytes: Uint8Array): void {
    if (!this.whole) {
      this.cache.put(k, bytes);
      return;
    }
    if (this.cache.has(k)) return;
    const at = k * bytes.length;
    this.whole.set(bytes, at);
    this.cache.put(k, this.whole.subarray(at, at + bytes.length));
    // Handed over after this message is handled: the viewer then replaces this stream.
    if (++this.filled === sliceCount(this.header))
      queueMicrotask(() => this.onWhole(this.whole!.buffer as ArrayBuffer));
  }

  private want(k: number): void {
    for (const index of [k, k + 1]) {
      if (index >= sliceCount(this.header) || this.cache.has(index) || this.isAsked(index) || this.failed.has(index))
        continue;
      this.ask(index);
    }
  }

  private isAsked(index: number): boolean {
    for (const ask of this.asked.values()) if (ask.index === index) return true;
    return false;
  }

  /** Asks the host for slice `index`, under a request id of its own. */
  private ask(index: number, waiter?: Waiter): void {
    const id = ++this.lastId;
    this.asked.set(id, { index, waiter });
    const { plane } = this;
    vscode.postMessage({ type: 'readSlice', index, id, ...(plane === undefined ? {} : { plane }) });
  }
}
