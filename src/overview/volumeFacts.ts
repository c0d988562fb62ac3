import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable } from '../shared/dispose';
import { WHOLE_READ_LIMIT, readHeader } from '../core/arraySource';
import { HeaderFacts, IntensityFacts } from '../core/overview/buildOverview';
import { formatBytes } from '../shared/format';
import { mapLimited } from '../shared/mapLimited';
import { decodeNpy } from '../shared/npy/decode';
import { describeDType } from '../shared/npy/dtype';
import { NpyFormatError } from '../shared/npy/header';
import { volumeStats } from '../shared/windowing';
import { openFileSource, statFile } from '../arrays/openSource';
import { errorMessage } from '../shared/errorMessage';

/** A file of a dataset: its path relative to the root (the cache's key) and its URI. */
export interface DatasetFile {
  path: string;
  uri: vscode.Uri;
}

export interface FileVersion {
  size: number;
  mtime: number;
}

/** What is known of a file at a size and modification time. */
interface CachedFile extends FileVersion {
  header?: HeaderFacts;
  intensity?: IntensityFacts;
}

type Kind = 'header' | 'intensity';
type Facts<K extends Kind> = K extends 'header' ? HeaderFacts : IntensityFacts;

/** Files stat'ed, and read, at once. */
const STAT_CONCURRENCY = 64;
const READ_CONCURRENCY = 32;
const CACHE_VERSION = 1;

/** The result of a pass: facts by path, and whether it was cancelled before every file was read. */
interface FactsPass<K extends Kind> {
  facts: Map<string, Facts<K>>;
  cancelled: boolean;
  /** Every file's size and modification time, where it could be stat'ed. */
  versions: Map<string, FileVersion>;
}

/**
 * What the dataset overview knows of each volume: its header (shape, dtype) and its
 * intensities, cached per file under the extension's storage (never in the dataset) and
 * valid while the file keeps its size and modification time.
 */
export class VolumeFacts extends Disposable {
  private readonly caches = new Map<string, Promise<Map<string, CachedFile>>>();
  private readonly saving = new Map<string, ReturnType<typeof setTimeout>>();
  /** What the last pass did: files read, and found in the cache (the tests look at it). */
  lastPass = { kind: 'header' as Kind, read: 0, cached: 0 };

  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    // A save still waiting is dropped: the facts are read again next time.
    this.own({ dispose: () => this.stopSaving() });
  }

  /**
   * Facts of every file: from the cache where the file is unchanged, else read with a
   * cancellable progress notification (headers: a ranged read each; intensities: the whole file).
   */
  async read<K extends Kind>(
    kind: K,
    root: vscode.Uri,
    dataset: string,
    files: readonly DatasetFile[],
  ): Promise<FactsPass<K>> {
    const cache = await this.cacheOf(root);
    const facts = new Map<string, Facts<K>>();
    const versions = new Map<string, FileVersion>();
    const stale: { file: DatasetFile; stat: vscode.FileStat }[] = [];
    await mapLimited(files, STAT_CONCURRENCY, async (file) => {
      let stat: vscode.FileStat;
      try {
        stat = await statFile(file.uri);
      } catch (e) {
        facts.set(file.path, { error: errorMessage(e) });
        return;
      }
      versions.set(file.path, { size: stat.size, mtime: stat.mtime });
      const cached = cache.get(file.path);
      const known = cached && cached.size === stat.size && cached.mtime === stat.mtime ? cached[kind] : undefined;
      if (known) facts.set(file.path, known as Facts<K>);
      else stale.push({ file, stat });
    });
    this.lastPass = { kind, read: stale.length, cached: files.length - stale.length };
    if (stale.length === 0) return { facts, cancelled: false, versions };

    const bytes = kind === 'intensity' ? ` (${formatBytes(stale.reduce((n, s) => n + s.stat.size, 0))})` : '';
    const title = `${kind === 'header' ? 'Reading .npy headers' : 'Reading intensities'} of ${dataset}${bytes}`;
    const cancelled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        let done = 0;
        let reported = 0;
        await mapLimited(stale, READ_CONCURRENCY, async ({ file, stat }) => {
          if (token.isCancellationRequested) return;
          const result = await readFacts(kind, file.uri, stat);
          facts.set(file.path, result.facts as Facts<K>);
          if (result.lasting) {
            const entry = cache.get(file.path);
            const same = entry && entry.size === stat.size && entry.mtime === stat.mtime;
            cache.set(file.path, { ...(same ? entry : {}), size: stat.size, mtime: stat.mtime, [kind]: result.facts });
          }
          // A notification update per percent, not per file.
          const percent = Math.floor((++done / stale.length) * 100);
          if (percent > reported) {
            progress.report({
              increment: percent - reported,
              message: `${done.toLocaleString('en-US')} of ${stale.length.toLocaleString('en-US')} files`,
            });
            reported = percent;
          }
        });
        return token.isCancellationRequested;
      },
    );
    this.save(root);
    this.log.info(
      `${title}: ${cancelled ? 'cancelled after' : 'read'} ${facts.size - this.lastPass.cached} of ${stale.length} files, ${this.lastPass.cached} known from the cache`,
    );
    return { facts, cancelled, versions };
  }

  /** The cached facts of files still at the versions given, reading nothing. */
  async known<K extends Kind>(
    kind: K,
    root: vscode.Uri,
    versions: ReadonlyMap<string, FileVersion>,
  ): Promise<Map<string, Facts<K>>> {
    const cache = await this.cacheOf(root);
    const facts = new Map<string, Facts<K>>();
    for (const [path, v] of versions) {
      const cached = cache.get(path);
      const known = cached && cached.size === v.size && cached.mtime === v.mtime ? cached[kind] : undefined;
      if (known) facts.set(path, known as Facts<K>);
    }
    return facts;
  }

  private stopSaving(): void {
    for (const timer of this.saving.values()) clearTimeout(timer);
    this.saving.clear();
  }

  /** Forgets every cached fact (the benchmark's cold runs). */
  async clear(): Promise<void> {
    this.stopSaving();
    this.caches.clear();
    await Promise.resolve(vscode.workspace.fs.delete(this.folder(), { recursive: true })).then(
      undefined,
      () => undefined,
    );
  }

  private folder(): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'overview-cache');
  }

  private fileOf(root: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(
      this.folder(),
      `${createHash('sha256').update(root.toString()).digest('hex').slice(0, 32)}.json`,
    );
  }

  private cacheOf(root: vscode.Uri): Promise<Map<string, CachedFile>> {
    let cache = this.caches.get(root.toString());
    if (!cache) {
      cache = Promise.resolve(vscode.workspace.fs.readFile(this.fileOf(root))).then(
        (bytes) => {
          const stored = JSON.parse(new TextDecoder().decode(bytes)) as {
            version?: number;
            files?: Record<string, CachedFile>;
          };
          return new Map(stored.version === CACHE_VERSION ? Object.entries(stored.files ?? {}) : []);
        },
        () => new Map<string, CachedFile>(),
      );
      this.caches.set(root.toString(), cache);
    }
    return cache;
  }

  /** Writes a dataset's cache soon after a pass, once for passes in quick succession. */
  private save(root: vscode.Uri): void {
    const key = root.toString();
    clearTimeout(this.saving.get(key));
    this.saving.set(
      key,
      setTimeout(() => {
        this.saving.delete(key);
        void this.cacheOf(root)
          .then(async (cache) => {
            const text = JSON.stringify({ version: CACHE_VERSION, files: Object.fromEntries(cache) });
            await vscode.workspace.fs.createDirectory(this.folder());
            await vscode.workspace.fs.writeFile(this.fileOf(root), new TextEncoder().encode(text));
          })
          .catch((e: unknown) => this.log.warn(`Could not save the overview cache: ${errorMessage(e)}`));
      }, 1000),
    );
  }
}

/** One file's facts; `lasting` when they hold as long as the file is unchanged (not an I/O error of the moment). */
async function readFacts(
  kind: Kind,
  uri: vscode.Uri,
  stat: vscode.FileStat,
): Promise<{ facts: HeaderFacts | IntensityFacts; lasting: boolean }> {
  try {
    const source = await openFileSource(uri, stat);
    if (kind === 'header') {
      const header = await readHeader(source);
      return {
        facts: { shape: header.shape, shapeText: header.shapeText, dtype: describeDType(header.dtype) },
        lasting: true,
      };
    }
    if (source.size > WHOLE_READ_LIMIT)
      return {
        facts: { error: `${formatBytes(source.size)} is too large to read whole for its intensities` },
        lasting: true,
      };
    const stats = volumeStats(decodeNpy(await source.read(0, source.size)).values);
    if (!stats.auto) return { facts: { error: 'the volume holds no finite value' }, lasting: true };
    return { facts: { mean: stats.mean, high: stats.auto.high }, lasting: true };
  } catch (e) {
    return { facts: { error: errorMessage(e) }, lasting: e instanceof NpyFormatError };
  }
}
