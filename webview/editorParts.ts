import { ArrayView } from '../src/shared/npy/planeSource';
import { PlaneViewState, PlaneViewer } from './planeViewer';
import { StatisticsView } from './statisticsView';
import { ValuesGrid } from './valuesGrid';

/** What the array editor keeps across a reload of its page (webview state), for the file it shows. */
export interface EditorState {
  fileName: string;
  /** Which axes are the image, the slices, the colour; the index of the others. */
  view?: ArrayView;
  /** 4-D and larger: one contrast for the whole array rather than for the volume shown. */
  wholeArrayWindow?: boolean;
  plane?: PlaneViewState;
  /** Annotations on the image shown (the `a` key). */
  annotations?: boolean;
}

/** The viewport the editor made for a file: its state saved with the editor's, and how it starts. */
export interface EditorPlane {
  plane: PlaneViewer;
  state: EditorState;
  save: () => void;
  initial: Partial<PlaneViewState>;
}

/** The parts of the editor's page that a view of one array fills. */
export interface EditorParts {
  info: HTMLElement;
  controls: HTMLElement;
  body: HTMLElement;
  statistics: StatisticsView;
  grid: ValuesGrid;
  /** The switches of the values grid and the mosaic, and the part that holds them. */
  valuesBar: HTMLElement;
  valuesPart: HTMLElement;
  /** A viewport for `fileName`: the state restored, else the defaults. */
  planeViewer(fileName: string): EditorPlane;
  /** Draws the overlays added to the file over the plane shown (again: another view may not fit them). */
  showOverlays(): void;
}
