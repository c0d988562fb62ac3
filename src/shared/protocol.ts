import { Outcome } from './metrics/roc';
import { ColourMapName } from './colourMaps';
import { NpyHeader } from './npy/header';
import { ArrayView } from './npy/planeSource';
import { Region } from './npy/overview';
import { VolumeStats, WindowPreset, isWindowPreset } from './windowing';

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
  /** One image too large to hold: every `step`-th row and column, in C order; regions at full resolution are asked for (readRegion). */
  | { fileName: string; header: NpyHeader; overview: { step: number; data: ArrayBuffer } }
  | { fileName: string; error: string };

/**
 * What is sent first of an array read slice by slice: the slice shown first, alone. The
 * statistics of a sample of slices follow (sampledStats); with `whole`, so does every other
 * slice, unasked, and the webview then holds the array whole; else slices are asked for
 * (readSlice) as they are shown.
 */
export interface SampledArray {
  first: SliceData;
  whole: boolean;
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
  /**
   * Each task's label; with a model chosen in the Cases view, its probability, the outcome at
   * the task's threshold and the per-plane probabilities where its file has them.
   */
  labels: {
    task: string;
    name: string;
    value: 0 | 1 | null;
    probability?: number;
    outcome?: Outcome;
    planes?: { plane: string; probability: number }[];
  }[];
  /** The model whose probabilities the labels carry. */
  model?: string;
}

/** A member of an `.npz` archive as its editor lists it. */
export interface NpzMember {
  /** As the archive names it: `volume.npy`, `dir/ünïcode.npy`, `readme.txt`. */
  name: string;
  bytes: number;
  compressedBytes: number;
  method: string;
  /** As NumPy prints them; absent when the member cannot be read. */
  shape?: string;
  ndim?: number;
  dtype?: string;
  /** Why the member cannot be shown. */
  problem?: string;
}

/** How a new view starts: the colour map of the setting mrnet.defaultColormap, the contrast preset last chosen for its kind of file. */
export interface ViewDefaults {
  colourMap: ColourMapName;
  preset: WindowPreset;
}

export interface CasePlane {
  plane: string;
  array: ArrayContent;
  /** Model outputs to draw over this plane, read whole (a too large one comes as its error). */
  overlays?: OverlayContent[];
  /** The axes chosen for this file in its editor ("View along", image rows and columns), if any. */
  view?: ArrayView;
}

/**
 * Which case a message is about (an opaque key), the neighbours the webview keeps with it, and
 * which of them Next and Previous lead to: a held one is shown at once, before the host answers.
 */
export interface CaseHolding {
  key: string;
  keep: string[];
  next?: string;
  previous?: string;
}

/** An overlay's name (its folder under overlays/) and its array. */
export interface OverlayContent {
  name: string;
  array: ArrayContent;
}

export type HostMessage =
  /**
   * The .npy editor's file; `caseInfo` when it belongs to a detected dataset; `member` when it
   * is that member of the .npz shown; `view` the axes last chosen for it.
   */
  | {
      type: 'showArray';
      array: ArrayContent;
      caseInfo?: CaseInfo;
      member?: string;
      defaults?: ViewDefaults;
      overlays?: OverlayContent[];
      view?: ArrayView;
    }
  /** "Add Overlay…" from the command palette or the context menu: the webview asks for its active plane (or `plane`). */
  | { type: 'requestAddOverlay'; plane?: string }
  /** An overlay the user added to `plane` (the .npy editor: its one plane). */
  | { type: 'addedOverlay'; plane?: string; overlay: OverlayContent }
  /** Asks for the slice shown in `plane` (else the active plane) as a PNG (at the array's resolution, or the displayed size), a .npy, or its NumPy index. */
  | { type: 'requestExport'; format: ExportFormat; plane?: string; displayedSize?: boolean }
  /** An .npz archive's members, or why the archive cannot be read. */
  | { type: 'showArchive'; fileName: string; members: NpzMember[]; error?: string }
  /**
   * A case for the case viewer: its planes in display order, and the ids its picker offers.
   * `hold`: a dataset case, to keep while it is shown or a neighbour in `keep` (see HeldCases).
   */
  | {
      type: 'showCase';
      caseInfo: CaseInfo;
      planes: CasePlane[];
      caseIds: string[];
      defaults?: ViewDefaults;
      hold?: CaseHolding;
    }
  /** Shows the case the webview holds under `hold.key`, read ahead earlier; as showCase otherwise. */
  | { type: 'showHeldCase'; caseInfo: CaseInfo; caseIds: string[]; defaults?: ViewDefaults; hold: CaseHolding }
  /**
   * A neighbour of the case shown, read ahead, in `parts` messages (`part` 0, 1, …) of some of
   * its planes each, so that a case to show never waits long behind one: once all are in, the
   * webview holds it (at most the two in `keep`).
   */
  | {
      type: 'holdCase';
      key: string;
      keep: string[];
      caseInfo: CaseInfo;
      planes: CasePlane[];
      part: number;
      parts: number;
    }
  /** The case's labels and scores changed (another model, task or threshold): the header redraws its badges. */
  | { type: 'caseInfo'; caseInfo: CaseInfo }
  /** The defaults changed (the setting was edited): views still on the old colour map take the new one. */
  | { type: 'viewDefaults'; defaults: ViewDefaults }
  /** A slice of an array read slice by slice: asked for, or sent unasked to an array held whole. */
  | ({ type: 'slice' } & SliceData)
  /** The statistics of an array read slice by slice, from `slices` of its slices: its default contrast and histogram. */
  | { type: 'sampledStats'; plane?: string; stats: VolumeStats; slices: number }
  /** A region of the image shown from its overview, at full resolution, in C order; or why it cannot be read. */
  | { type: 'region'; region: Region; data: ArrayBuffer }
  | { type: 'regionError'; region: Region; message: string }
  /** Why a slice asked for cannot be read (the file changed or was truncated after it was opened). */
  | { type: 'sliceError'; plane?: string; index: number; message: string };

export type WebviewMessage =
  | { type: 'ready' }
  /** "Add Overlay…" for a plane: the host asks which file, and remembers it for the plane's file. */
  | { type: 'addOverlay'; plane?: string }
  /** The user picked a contrast preset: new views of the same kind of file start with it. */
  | { type: 'rememberPreset'; preset: WindowPreset }
  /** The axes shown of the editor's file: it opens so again, here and in the case viewer. */
  | { type: 'rememberView'; view: ArrayView }
  /** Next or previous case in the tree's order and filter (the page may show a held one already: see CaseHolding). */
  | { type: 'navigate'; direction: 'next' | 'previous' }
  /** A case of the same dataset, picked by id; from the .npy editor, the case of its file. */
  | { type: 'openCase'; id?: string }
  /**
   * A slice of a file read slice by slice: the editor's own file, or the case viewer's file of
   * `plane`; the host checks the plane and the range.
   */
  | { type: 'readSlice'; index: number; plane?: string }
  /** A region at full resolution of the image the editor shows from its overview; the host checks it against the image. */
  | { type: 'readRegion'; region: Region }
  /** A member of the .npz the editor shows, by its name; the host opens only names its archive holds. */
  | { type: 'openMember'; name: string }
  /** A toolbar button: save (or copy the expression of) the slice shown in `plane`; the host asks where. */
  | { type: 'exportSlice'; format: ExportFormat; plane?: string }
  /** What the host asked for with requestExport: the slice as a PNG or a .npy file's bytes (checked before they are written), or its NumPy index. */
  | { type: 'exportData'; format: DataFormat; plane?: string; slice: number; data: ArrayBuffer | Uint8Array }
  /** `order`: the slice's axes in the order the image shows them, when NumPy's index returns them in another (see numpyExpression). */
  | { type: 'exportIndex'; plane?: string; index: (number | null)[]; order?: number[] };

/** What a slice can leave the viewer as. */
export type ExportFormat = 'png' | 'npy' | 'csv' | 'expression';
const EXPORT_FORMATS: readonly string[] = ['png', 'npy', 'csv', 'expression'];
/** The formats that leave as bytes (the expression is copied as text). */
export type DataFormat = Exclude<ExportFormat, 'expression'>;

/** A plane name as the case viewer's panes are named; the host checks it is one it shows. */
function isPlane(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length <= 255);
}

/** Axes (-1: none) and indices of an array of at most NumPy's 64 axes; the webview checks them against the array. */
function isView(value: unknown): value is ArrayView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const axis = (a: unknown) => Number.isInteger(a) && (a as number) >= -1 && (a as number) < 64;
  return (
    Object.keys(v).length === 5 &&
    axis(v.rows) &&
    axis(v.cols) &&
    axis(v.slice) &&
    axis(v.channel) &&
    Array.isArray(v.index) &&
    v.index.length <= 64 &&
    v.index.every((i) => Number.isSafeInteger(i) && (i as number) >= 0)
  );
}

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
    case 'addOverlay':
      return isPlane(m.plane) && keys.length === (m.plane === undefined ? 1 : 2)
        ? { type: 'addOverlay', ...(m.plane === undefined ? {} : { plane: m.plane }) }
        : undefined;
    case 'rememberPreset':
      return isWindowPreset(m.preset) && keys.length === 2 ? { type: 'rememberPreset', preset: m.preset } : undefined;
    case 'rememberView':
      return isView(m.view) && keys.length === 2
        ? {
            type: 'rememberView',
            view: {
              rows: m.view.rows,
              cols: m.view.cols,
              slice: m.view.slice,
              channel: m.view.channel,
              index: [...m.view.index],
            },
          }
        : undefined;
    case 'navigate':
      return (m.direction === 'next' || m.direction === 'previous') && keys.length === 2
        ? { type: 'navigate', direction: m.direction }
        : undefined;
    case 'openCase':
      if (m.id === undefined && keys.length === 1) return { type: 'openCase' };
      return typeof m.id === 'string' && CASE_ID.test(m.id) && keys.length === 2
        ? { type: 'openCase', id: m.id }
        : undefined;
    case 'readSlice': {
      if (!Number.isSafeInteger(m.index) || (m.index as number) < 0) return undefined;
      if (m.plane === undefined) return keys.length === 2 ? { type: 'readSlice', index: m.index as number } : undefined;
      return typeof m.plane === 'string' && m.plane.length <= 255 && keys.length === 3
        ? { type: 'readSlice', index: m.index as number, plane: m.plane }
        : undefined;
    }
    case 'exportSlice':
      return typeof m.format === 'string' &&
        EXPORT_FORMATS.includes(m.format) &&
        isPlane(m.plane) &&
        keys.length === (m.plane === undefined ? 2 : 3)
        ? {
            type: 'exportSlice',
            format: m.format as ExportFormat,
            ...(m.plane === undefined ? {} : { plane: m.plane }),
          }
        : undefined;
    case 'exportData':
      // VS Code revives an ArrayBuffer as one, or as a Uint8Array over one.
      return (m.format === 'png' || m.format === 'npy' || m.format === 'csv') &&
        (m.data instanceof ArrayBuffer || m.data instanceof Uint8Array) &&
        Number.isSafeInteger(m.slice) &&
        (m.slice as number) >= 0 &&
        isPlane(m.plane) &&
        keys.length === (m.plane === undefined ? 4 : 5)
        ? {
            type: 'exportData',
            format: m.format,
            slice: m.slice as number,
            data: m.data,
            ...(m.plane === undefined ? {} : { plane: m.plane }),
          }
        : undefined;
    case 'exportIndex': {
      // A permutation of the slice's (at most three) axes.
      const order =
        m.order === undefined ||
        (Array.isArray(m.order) &&
          m.order.length <= 3 &&
          (m.order as unknown[]).every((a, i, all) => all.includes(i) && Number.isInteger(a)))
          ? (m.order as number[] | undefined)
          : null;
      return Array.isArray(m.index) &&
        m.index.length <= 64 &&
        m.index.every((i) => i === null || (Number.isSafeInteger(i) && (i as number) >= 0)) &&
        isPlane(m.plane) &&
        order !== null &&
        keys.length === 2 + (m.plane === undefined ? 0 : 1) + (order === undefined ? 0 : 1)
        ? {
            type: 'exportIndex',
            index: m.index as (number | null)[],
            ...(m.plane === undefined ? {} : { plane: m.plane }),
            ...(order && { order: [...order] }),
          }
        : undefined;
    }
    case 'readRegion': {
      const r = m.region as Record<string, unknown> | null;
      const whole = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
      return typeof r === 'object' &&
        r !== null &&
        Object.keys(r).length === 4 &&
        whole(r.y0) &&
        whole(r.x0) &&
        whole(r.height) &&
        whole(r.width) &&
        keys.length === 2
        ? {
            type: 'readRegion',
            region: { y0: r.y0 as number, x0: r.x0 as number, height: r.height as number, width: r.width as number },
          }
        : undefined;
    }
    case 'openMember':
      return typeof m.name === 'string' && m.name.length <= 4096 && keys.length === 2
        ? { type: 'openMember', name: m.name }
        : undefined;
    default:
      return undefined;
  }
}
