import { decodeNpy } from '../src/shared/npy/decode';
import { NpyHeader } from '../src/shared/npy/header';
import { SliceFirst } from '../src/shared/protocol';
import { formatBytes } from '../src/shared/format';
import { ArrayStatistics, elementIndex, holdsWideIntegers, wideOf } from '../src/shared/statistics';
import { statisticsOfSlices } from '../src/shared/sliceStatistics';
import { errorMessage } from '../src/shared/errorMessage';
import { el } from './dom';
import { EditorParts } from './editorParts';
import { fillInfo, numpyIndex, sliceLabel } from './editorControls';
import { PlaneViewer } from './planeViewer';
import { SliceFirstStream } from './sliceFirstStream';

/**
 * A large file, shown from its first slice: the contrast comes from that slice until the
 * host's sample of slices arrives; one held whole is handed to `onWhole` once every slice is
 * here. The whole array's exact figures: an array held whole has them once its last slice is
 * here; for others they come from every slice, read in the background once the statistics
 * panel is opened; until then the info panel's sampled figures stand.
 */
export class SliceBySliceView {
  readonly stream: SliceFirstStream;
  readonly plane: PlaneViewer;
  private readonly status = el('span', { class: 'status' });
  private whole: { statistics?: ArrayStatistics; note: string };
  private started: boolean;
  private closed = false;

  constructor(
    private readonly parts: EditorParts,
    fileName: string,
    private readonly header: NpyHeader,
    private readonly sliceFirst: SliceFirst,
    onWhole: (data: ArrayBuffer) => void,
  ) {
    const stream = (this.stream = new SliceFirstStream(header, sliceFirst));
    parts.controls.append(this.status);
    this.describe(1);
    fillInfo(parts.info, header, stream.firstStats, 1);
    const { plane, save, initial } = parts.planeViewer(fileName);
    this.plane = plane;
    plane.setSource(stream.source, stream.firstStats, initial, true);
    plane.setBusy(stream.busy);
    stream.onStats = (stats, slices) => {
      this.describe(slices);
      fillInfo(parts.info, header, stats, slices);
      plane.setSource(stream.source, stats, plane.getState(), true);
      plane.setBusy(stream.busy);
    };
    stream.onWhole = onWhole;
    this.whole = {
      note: sliceFirst.whole
        ? 'exact once every slice is here (being read)'
        : 'exact once every slice is read (open the panel); sampled figures above',
    };
    // A slice that cannot be read: the array will not be whole, and stays read slice by slice.
    if (sliceFirst.whole)
      stream.onFailed = (message) => {
        this.status.textContent = `${message}. The other slices are read as they are shown.`;
        this.whole = { note: `not exact: ${message}` };
        this.showStatistics();
      };
    this.started = sliceFirst.whole;
    parts.statistics.onOpen = () => void this.readEverySlice();
    plane.onChange = () => {
      save();
      this.showStatistics();
    };
    this.showStatistics();
    save();
  }

  /** The slice shown arrived: its statistics follow. */
  sliceArrived(): void {
    this.showStatistics();
  }

  /** Another array is shown: reading for the exact figures stops. */
  close(): void {
    this.closed = true;
  }

  private describe(slices: number): void {
    const figures =
      slices === 1
        ? 'statistics of the first slice until a sample of slices is read'
        : `statistics of ${slices} sampled slices`;
    const size = formatBytes(this.header.fileSize);
    this.status.textContent = this.sliceFirst.whole
      ? `Shown from its first slice; the other slices are being read (${size}); ${figures}.`
      : `Read slice by slice along axis 0 (${size}); ${figures}.`;
  }

  private showStatistics(): void {
    const { plane, stream, header } = this;
    const { source } = stream;
    const k = plane.slice;
    const label = sliceLabel(plane);
    // Slices arrive along axis 0 in C order, whatever the file's order: positions are C-order ones.
    this.parts.statistics.show([
      {
        label: 'Whole array',
        scope: 'array',
        statistics: this.whole.statistics,
        note: this.whole.note,
        indexOf: (p) => numpyIndex(elementIndex(p, header.shape, false)),
      },
      {
        label,
        key: `${label} ${stream.has(k) ? 'read' : 'reading'}`,
        scope: 'slice',
        values: () => source.slice(k),
        ...(holdsWideIntegers(header.dtype) && {
          wide: () => (stream.has(k) ? wideOf(decodeNpy(source.sliceNpy(k)).raw) : undefined),
        }),
        indexOf: (p) => source.indexAt(k, Math.floor(p / source.width), p % source.width),
      },
    ]);
  }

  /** Every slice read again for the exact figures, once, the column saying how far it has come. */
  private async readEverySlice(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      const statistics = await statisticsOfSlices(
        this.header,
        (k) => this.stream.read(k),
        ({ pass, passes, done, slices }) => {
          this.whole = {
            note: `reading every slice for exact figures: pass ${pass} of ${passes}, ${Math.round((100 * done) / slices)} %`,
          };
          this.showStatistics();
        },
        () => !this.closed,
      );
      if (!statistics) return;
      this.whole = { statistics, note: `exact, from all ${this.header.shape[0]} slices` };
    } catch (e) {
      this.whole = { note: `not exact: ${errorMessage(e)}` };
    }
    if (!this.closed) this.showStatistics();
  }
}
