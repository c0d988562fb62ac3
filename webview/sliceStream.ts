import { NpyHeader } from '../src/shared/npy/header';
import { PlaneSource } from '../src/shared/npy/planeSource';
import { SliceCache, sliceCount, streamedPlaneSource } from '../src/shared/npy/streaming';
import { HostMessage, SampledArray } from '../src/shared/protocol';
import { vscode } from './vscodeApi';

/** Decoded slices a file read slice by slice may hold in the webview at once. */
const SLICE_CACHE_BYTES = 256 * 2 ** 20;

/**
 * A file the host reads slice by slice, as a viewer shows it: slices are asked for as they
 * are shown (and the next one ahead), kept within a memory budget, and a slice the host
 * cannot read is remembered with its reason, which the plane shows in its alert.
 */
export class SliceStream {
  private readonly cache: SliceCache;
  private readonly pending = new Set<number>();
  private readonly failed = new Map<number, string>();
  /** Reads of whole slices for the background statistics, by index. */
  private readonly waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }>();
  readonly source: PlaneSource;

  /** @param plane the case viewer's pane the file is in; undefined for the .npy editor's file */
  constructor(private readonly header: NpyHeader, sampled: SampledArray, private readonly plane?: string) {
    this.cache = new SliceCache(header, SLICE_CACHE_BYTES);
    this.cache.put(sampled.first.index, new Uint8Array(sampled.first.data));
    const source = streamedPlaneSource(header, this.cache, (k) => this.want(k));
    this.source = { ...source, error: (k) => this.failed.get(k) };
  }

  /** Takes a slice (or a failure) the host sent, if it is this stream's; true when it is for slice `shown`. */
  receive(message: HostMessage, shown: number): boolean {
    if ((message.type !== 'slice' && message.type !== 'sliceError') || message.plane !== this.plane) return false;
    this.pending.delete(message.index);
    const waiter = this.waiting.get(message.index);
    this.waiting.delete(message.index);
    if (message.type === 'slice') {
      const bytes = new Uint8Array(message.data);
      this.cache.put(message.index, bytes);
      waiter?.resolve(bytes);
    } else {
      this.failed.set(message.index, message.message);
      waiter?.reject(new Error(`slice ${message.index}: ${message.message}`));
    }
    return message.index === shown;
  }

  /** The bytes of slice k as the file holds them, asked of the host (the background statistics read every slice this way). */
  read(k: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.waiting.set(k, { resolve, reject });
      this.pending.add(k);
      vscode.postMessage(this.plane === undefined ? { type: 'readSlice', index: k } : { type: 'readSlice', index: k, plane: this.plane });
    });
  }

  /** Whether slice k's values are here (a slice not read yet shows as zeros). */
  has(k: number): boolean {
    return this.cache.has(k);
  }

  private want(k: number): void {
    for (const index of [k, k + 1]) {
      if (index >= sliceCount(this.header) || this.cache.has(index) || this.pending.has(index) || this.failed.has(index)) continue;
      this.pending.add(index);
      vscode.postMessage(this.plane === undefined ? { type: 'readSlice', index } : { type: 'readSlice', index, plane: this.plane });
    }
  }
}
