/**
 * The cases a case viewer's webview holds in memory besides the one it shows: the neighbours
 * the host read ahead. Host and webview apply the same rule to the same messages, so the host
 * knows, without asking, which cases it can show without sending their bytes again.
 */
import type { CasePlane } from './protocol';

/** Only a case whose planes were all read whole can be held (one read slice by slice needs its file). */
export function holdable(planes: readonly CasePlane[]): boolean {
  return planes.every((p) => p.array.kind !== 'sliceFirst');
}

export class HeldCases<T> {
  private readonly entries = new Map<string, T>();
  private shownKey?: string;

  /**
   * A case is shown: it stays held (its bytes are already there), unless `value` is undefined
   * (it cannot be held); `keep` are its neighbours; every other case is let go.
   */
  show(key: string, value: T | undefined, keep: readonly string[]): void {
    this.shownKey = key;
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, value);
    this.retain(keep);
  }

  /** A neighbour's bytes arrived; `keep` are the current case's neighbours. */
  hold(key: string, value: T, keep: readonly string[]): void {
    this.entries.set(key, value);
    this.retain(keep);
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  /** Held cases other than the one shown. */
  neighbours(): string[] {
    return [...this.entries.keys()].filter((k) => k !== this.shownKey);
  }

  /** Forgets everything (the webview was reloaded, or the host was told so). */
  clear(): void {
    this.entries.clear();
    this.shownKey = undefined;
  }

  /** At most the case shown and its two neighbours stay. */
  private retain(keep: readonly string[]): void {
    for (const key of [...this.entries.keys()])
      if (key !== this.shownKey && !keep.includes(key)) this.entries.delete(key);
  }
}
