/** The typed messages between the host and the dataset overview's webview. */

import { CHART_FORMATS, ChartFormat } from '../chartFormats';
import { Check, Shape, bytes, exact, integer, list, oneOf, parser, satisfying, tagged, text } from '../schema';

/** A plane's slice count where there is none: no file, not read (yet, or reading was cancelled), or a file that cannot be read. */
export const SLICES_MISSING = -1;
export const SLICES_UNREAD = -2;
export const SLICES_UNREADABLE = -3;

/** How far a pass over the dataset's files has come. */
const READING_STATES = ['not started', 'reading', 'done', 'cancelled'] as const;
export interface ReadingState {
  state: (typeof READING_STATES)[number];
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

const INTENSITY_STATISTICS = ['mean', 'high'] as const;
export type IntensityStatistic = (typeof INTENSITY_STATISTICS)[number];

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
  | { type: 'exportImage'; format: ChartFormat; name: string; data: ArrayBuffer | Uint8Array }
  | { type: 'exportTable'; name: string; data: ArrayBuffer | Uint8Array }
  /** The page has drawn what it was last sent (the benchmark and the tests wait for this). */
  | { type: 'rendered'; headers: ReadingState['state'] };

const name = text(255, { min: 1 });
const count = integer(0);

const selection: Check<OverviewSelection> = satisfying(
  tagged('kind', {
    split: { split: name },
    incomplete: { split: name },
    unusual: {},
    labels: { split: name, conditions: list(exact({ task: name, value: oneOf([0, 1]) }), 16, 1) },
    slices: { split: name, plane: name, low: count, high: count },
    intensity: { split: name, plane: name, statistic: oneOf(INTENSITY_STATISTICS), bin: count },
  }),
  (s) => s.kind !== 'slices' || s.low <= s.high,
);

/** Every message type has its shape here: a type left out does not compile. */
const overviewShapes = {
  ready: {},
  readHeaders: {},
  readIntensities: {},
  openCase: { split: name, id: name },
  exportImage: { format: oneOf(CHART_FORMATS), name, data: bytes },
  exportTable: { name, data: bytes },
  rendered: { headers: oneOf(READING_STATES) },
  filterCases: { selection },
} satisfies Record<OverviewWebviewMessage['type'], Shape>;
const overviewMessage: Check<OverviewWebviewMessage> = tagged('type', overviewShapes);

/** The overview message in `value`, or undefined for anything the protocol does not allow; the host checks names against its dataset. */
export const parseOverviewMessage = parser(overviewMessage);
