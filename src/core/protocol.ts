import { NpyHeader } from './npy/header';
import { VolumeStats } from './windowing';

/**
 * The messages between the extension host and its webviews. Both sides import these types;
 * the host checks every incoming message with `parseWebviewMessage` and trusts nothing else.
 */

/**
 * One .npy file for a viewer: its checked header and data bytes; or, for a file too large to
 * read whole, its header and a sample of slices (the rest are asked for with readSlice); or
 * why it cannot be shown.
 */
export type ArrayContent =
  | { fileName: string; header: NpyHeader; data: ArrayBuffer }
  | { fileName: string; header: NpyHeader; sampled: SampledArray }
  | { fileName: string; error: string };

/** What is sent first of an array read slice by slice: statistics of a sample of its slices, and the slice shown first. */
export interface SampledArray {
  stats: VolumeStats;
  /** How many slices the statistics come from. */
  slices: number;
  first: SliceData;
}

/** The bytes of slice `index` of an array read slice by slice; `plane` names the case viewer's pane it is for. */
export interface SliceData {
  plane?: string;
  index: number;
  data: ArrayBuffer;
}

/** What a viewer says of the case a file or panel belongs to. */
export interface CaseInfo {
  id: string;
  split: string;
  /** The dataset root's folder name. */
  dataset: string;
  labels: { task: string; name: string; value: 0 | 1 | null }[];
}

export interface CasePlane {
  plane: string;
  array: ArrayContent;
}

export type HostMessage =
  /** The .npy editor's file; `caseInfo` when it belongs to a detected dataset. */
  | { type: 'showArray'; array: ArrayContent; caseInfo?: CaseInfo }
  /** A case for the case viewer: its planes in display order, and the ids its picker offers. */
  | { type: 'showCase'; caseInfo: CaseInfo; planes: CasePlane[]; caseIds: string[] }
  /** A slice a viewer asked for. */
  | ({ type: 'slice' } & SliceData)
  /** Why a slice asked for cannot be read (the file changed or was truncated after it was opened). */
  | { type: 'sliceError'; plane?: string; index: number; message: string };

export type WebviewMessage =
  | { type: 'ready' }
  /** Next or previous case in the tree's order and filter. */
  | { type: 'navigate'; direction: 'next' | 'previous' }
  /** A case of the same dataset, picked by id; from the .npy editor, the case of its file. */
  | { type: 'openCase'; id?: string }
  /**
   * A slice of a file read slice by slice: the editor's own file, or the case viewer's file of
   * `plane`; the host checks the plane and the range.
   */
  | { type: 'readSlice'; index: number; plane?: string };

/** Case ids are digit strings (0000, 10000); the host looks them up by value. */
const CASE_ID = /^\d{1,20}$/;

/** The webview message in `value`, or undefined for anything the protocol does not allow. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const keys = Object.keys(m);
  switch (m.type) {
    case 'ready':
      return keys.length === 1 ? { type: 'ready' } : undefined;
    case 'navigate':
      return (m.direction === 'next' || m.direction === 'previous') && keys.length === 2 ? { type: 'navigate', direction: m.direction } : undefined;
    case 'openCase':
      if (m.id === undefined && keys.length === 1) return { type: 'openCase' };
      return typeof m.id === 'string' && CASE_ID.test(m.id) && keys.length === 2 ? { type: 'openCase', id: m.id } : undefined;
    case 'readSlice': {
      if (!Number.isSafeInteger(m.index) || (m.index as number) < 0) return undefined;
      if (m.plane === undefined) return keys.length === 2 ? { type: 'readSlice', index: m.index as number } : undefined;
      return typeof m.plane === 'string' && m.plane.length <= 255 && keys.length === 3 ? { type: 'readSlice', index: m.index as number, plane: m.plane } : undefined;
    }
    default:
      return undefined;
  }
}
