import { Outcome } from './metrics/roc';
import { ColourMapName } from './colourMaps';
import { NpyHeader } from './npy/header';
import { ArrayView } from './npy/planeSource';
import { Region } from './npy/overview';
import { VolumeStats, WINDOW_PRESETS, WindowPreset } from './windowing';
import { Check, Shape, bytes, exact, integer, list, oneOf, optional, parser, satisfying, tagged, text } from './schema';

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
  | { kind: 'whole'; fileName: string; header: NpyHeader; data: ArrayBuffer }
  /** A file too large to send at once: its first slice now, the rest after (see SliceFirst). */
  | { kind: 'sliceFirst'; fileName: string; header: NpyHeader; sliceFirst: SliceFirst }
  /** One image too large to hold: every `step`-th row and column, in C order; regions at full resolution are asked for (readRegion). */
  | { kind: 'overview'; fileName: string; header: NpyHeader; overview: { step: number; data: ArrayBuffer } }
  | { kind: 'error'; fileName: string; error: string };

/**
 * What is sent first of an array read slice by slice: the slice shown first, alone. The
 * statistics of a sample of slices follow (sampledStats); with `whole`, so does every other
 * slice, unasked, and the webview then holds the array whole; else slices are asked for
 * (readSlice) as they are shown.
 */
export interface SliceFirst {
  first: SliceData;
  whole: boolean;
}

/** The bytes of slice `index` of an array read slice by slice; `plane` names the case viewer's pane it is for. */
interface SliceData {
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
      /** What was changed on the way, said beside the title: `bfloat16 shown as float32` (a debugged program's tensor). */
      note?: string;
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
  /** A slice of an array read slice by slice: asked for (`request`: the readSlice's id), or sent unasked to an array held whole. */
  | ({ type: 'slice'; request?: number } & SliceData)
  /** The statistics of an array read slice by slice, from `slices` of its slices: its default contrast and histogram. */
  | { type: 'sampledStats'; plane?: string; stats: VolumeStats; slices: number }
  /** A region of the image shown from its overview, at full resolution, in C order; or why it cannot be read. */
  | { type: 'region'; region: Region; data: ArrayBuffer; request?: number }
  | { type: 'regionError'; region: Region; message: string; request?: number }
  /** Why a slice asked for (`request`) cannot be read (the file changed or was truncated after it was opened). */
  | { type: 'sliceError'; plane?: string; index: number; message: string; request?: number };

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
   * `plane`; the host checks the plane and the range. Its reply (slice or sliceError) names
   * `id` as its `request`, which pairs them.
   */
  | { type: 'readSlice'; index: number; plane?: string; id?: number }
  /** A region at full resolution of the image the editor shows from its overview; the host checks it against the image. */
  | { type: 'readRegion'; region: Region; id?: number }
  /** A member of the .npz the editor shows, by its name; the host opens only names its archive holds. */
  | { type: 'openMember'; name: string }
  /** A toolbar button: save (or copy the expression of) the slice shown in `plane`; the host asks where. */
  | { type: 'exportSlice'; format: ExportFormat; plane?: string }
  /** What the host asked for with requestExport: the slice as a PNG or a .npy file's bytes (checked before they are written), or its NumPy index. */
  | { type: 'exportData'; format: DataFormat; plane?: string; slice: number; data: ArrayBuffer | Uint8Array }
  /** `order`: the slice's axes in the order the image shows them, when NumPy's index returns them in another (see numpyExpression). */
  | { type: 'exportIndex'; plane?: string; index: (number | null)[]; order?: number[] };

/** What a slice can leave the viewer as. */
const EXPORT_FORMATS = ['png', 'npy', 'csv', 'expression'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats that leave as bytes (the expression is copied as text). */
const DATA_FORMATS = ['png', 'npy', 'csv'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** A plane name as the case viewer's panes are named; the host checks it is one it shows. */
const plane = optional(text(255));
/** An axis of an array of at most NumPy's 64 axes, or -1 for none; the webview checks it against the array. */
const axis = integer(-1, 63);
const whole = integer(0);
const view: Check<ArrayView> = exact({ rows: axis, cols: axis, slice: axis, channel: axis, index: list(whole, 64) });
/** An index of each axis of the array, null for those the slice spans. */
const indexOrAll: Check<number | null> = (v) => (v === null ? null : whole(v));
/** A permutation of the slice's (at most three) axes. */
const axisOrder = satisfying(list(integer(0, 2), 3), (order) => order.every((_, i) => order.includes(i)));
/** Case ids are digit strings (0000, 10000); the host looks them up by value. */
/** A dataset's case id (digits), or a key of a dict of cases in a debugged program: the host looks either up, never opens it as a path. */
const caseId = text(200, { min: 1, pattern: /^[^\p{Cc}/\\]+$/u });

/** Every message type has its shape here: a type left out does not compile. */
const webviewShapes = {
  ready: {},
  addOverlay: { plane },
  rememberPreset: { preset: oneOf(WINDOW_PRESETS) },
  rememberView: { view },
  navigate: { direction: oneOf(['next', 'previous']) },
  openCase: { id: optional(caseId) },
  readSlice: { index: whole, plane, id: optional(whole) },
  readRegion: { region: exact({ y0: whole, x0: whole, height: whole, width: whole }), id: optional(whole) },
  openMember: { name: text(4096) },
  exportSlice: { format: oneOf(EXPORT_FORMATS), plane },
  exportData: { format: oneOf(DATA_FORMATS), plane, slice: whole, data: bytes },
  exportIndex: { plane, index: list(indexOrAll, 64), order: optional(axisOrder) },
} satisfies Record<WebviewMessage['type'], Shape>;
const webviewMessage: Check<WebviewMessage> = tagged('type', webviewShapes);

/** The webview message in `value`, or undefined for anything the protocol does not allow. */
export const parseWebviewMessage = parser(webviewMessage);
