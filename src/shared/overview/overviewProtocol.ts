/** The typed messages between the host and the dataset overview's webview. */

/** A plane's slice count where there is none: no file, not read (yet, or reading was cancelled), or a file that cannot be read. */
export const SLICES_MISSING = -1;
export const SLICES_UNREAD = -2;
export const SLICES_UNREADABLE = -3;

/** How far a pass over the dataset's files has come. */
export interface ReadingState {
  state: 'not started' | 'reading' | 'done' | 'cancelled';
  /** Files read (or found in the cache) of `total`. */
  done: number;
  total: number;
}

/** A volume whose in-plane shape or dtype differs from what most volumes of its plane have. */
export interface UnusualVolume {
  /** Index into the overview's cases. */
  case: number;
  plane: string;
  shape: string;
  dtype: string;
  /** What the plane's other volumes have: "(…, 256, 256) uint8". */
  expected: string;
}

/** Everything the overview shows of one dataset: one entry per case (typed arrays), in the tree's order. */
export interface OverviewData {
  dataset: string;
  splits: string[];
  tasks: string[];
  planes: string[];
  caseIds: string[];
  /** Uint8Array: each case's split, an index into `splits`. */
  caseSplits: ArrayBuffer;
  /** Int8Array per task: 1, 0, or -1 where the case has no label. */
  labels: ArrayBuffer[];
  /** Int32Array per plane: each case's slice count, or one of the SLICES_* codes. */
  slices: ArrayBuffer[];
  /** Float64Array per plane: each volume's mean intensity; NaN where not read. */
  means: ArrayBuffer[];
  /** Float64Array per plane: each volume's 99.5th percentile; NaN where not read. */
  highs: ArrayBuffer[];
  unusual: UnusualVolume[];
  /** Files that could not be read: path relative to the dataset root, and why. */
  problems: { file: string; message: string }[];
  headers: ReadingState;
  /** `bytes`: what reading the intensities not yet known would read. */
  intensities: ReadingState & { bytes: number };
}

export type IntensityStatistic = 'mean' | 'high';
export const INTENSITY_STATISTICS: readonly IntensityStatistic[] = ['mean', 'high'];

/** The cases behind a bar, a bin or a matrix cell: what a click filters the Cases tree to. */
export type OverviewSelection =
  | { kind: 'split'; split: string }
  | { kind: 'labels'; split: string; conditions: { task: string; value: 0 | 1 }[] }
  /** Slice counts from `low` to `high`, both included. */
  | { kind: 'slices'; split: string; plane: string; low: number; high: number }
  /** Bin `bin` of the plane's intensity histogram (the bins come from the data: intensityBins). */
  | { kind: 'intensity'; split: string; plane: string; statistic: IntensityStatistic; bin: number }
  | { kind: 'incomplete'; split: string }
  | { kind: 'unusual' };

export type OverviewHostMessage = { type: 'showOverview'; overview: OverviewData };

export type OverviewWebviewMessage =
  | { type: 'ready' }
  | { type: 'filterCases'; selection: OverviewSelection }
  | { type: 'openCase'; split: string; id: string }
  /** Read the headers again (after a cancel), or the intensities (whole files). */
  | { type: 'readHeaders' }
  | { type: 'readIntensities' }
  | { type: 'exportImage'; format: 'png' | 'svg'; name: string; data: ArrayBuffer | Uint8Array }
  | { type: 'exportTable'; name: string; data: ArrayBuffer | Uint8Array }
  /** The page has drawn what it was last sent (the benchmark and the tests wait for this). */
  | { type: 'rendered'; headers: ReadingState['state'] };

const NAME = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 255;
const COUNT = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const BYTES = (v: unknown): v is ArrayBuffer | Uint8Array => v instanceof ArrayBuffer || v instanceof Uint8Array;
const keys = (v: object) => Object.keys(v).length;

/** The overview message in `value`, or undefined for anything the protocol does not allow; the host checks names against its dataset. */
export function parseOverviewMessage(value: unknown): OverviewWebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const n = keys(m);
  switch (m.type) {
    case 'ready':
    case 'readHeaders':
    case 'readIntensities':
      return n === 1 ? { type: m.type } : undefined;
    case 'openCase':
      return NAME(m.split) && NAME(m.id) && n === 3 ? { type: 'openCase', split: m.split, id: m.id } : undefined;
    case 'exportImage':
      return (m.format === 'png' || m.format === 'svg') && NAME(m.name) && BYTES(m.data) && n === 4
        ? { type: 'exportImage', format: m.format, name: m.name, data: m.data }
        : undefined;
    case 'exportTable':
      return NAME(m.name) && BYTES(m.data) && n === 3 ? { type: 'exportTable', name: m.name, data: m.data } : undefined;
    case 'rendered':
      return ['not started', 'reading', 'done', 'cancelled'].includes(m.headers as string) && n === 2
        ? { type: 'rendered', headers: m.headers as ReadingState['state'] }
        : undefined;
    case 'filterCases': {
      const selection = parseSelection(m.selection);
      return selection && n === 2 ? { type: 'filterCases', selection } : undefined;
    }
    default:
      return undefined;
  }
}

function parseSelection(value: unknown): OverviewSelection | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  const n = keys(s);
  switch (s.kind) {
    case 'split':
    case 'incomplete':
      return NAME(s.split) && n === 2 ? { kind: s.kind, split: s.split } : undefined;
    case 'unusual':
      return n === 1 ? { kind: 'unusual' } : undefined;
    case 'labels': {
      const list = s.conditions;
      if (!NAME(s.split) || n !== 3 || !Array.isArray(list) || list.length === 0 || list.length > 16) return undefined;
      const conditions = list.map((c: unknown) => {
        const x = c as Record<string, unknown> | null;
        return x && NAME(x.task) && (x.value === 0 || x.value === 1) && keys(x) === 2
          ? { task: x.task, value: x.value }
          : undefined;
      });
      return conditions.every((c) => c)
        ? { kind: 'labels', split: s.split, conditions: conditions as { task: string; value: 0 | 1 }[] }
        : undefined;
    }
    case 'slices':
      return NAME(s.split) && NAME(s.plane) && COUNT(s.low) && COUNT(s.high) && s.low <= s.high && n === 5
        ? { kind: 'slices', split: s.split, plane: s.plane, low: s.low, high: s.high }
        : undefined;
    case 'intensity':
      return NAME(s.split) &&
        NAME(s.plane) &&
        INTENSITY_STATISTICS.includes(s.statistic as IntensityStatistic) &&
        COUNT(s.bin) &&
        n === 5
        ? {
            kind: 'intensity',
            split: s.split,
            plane: s.plane,
            statistic: s.statistic as IntensityStatistic,
            bin: s.bin,
          }
        : undefined;
    default:
      return undefined;
  }
}
