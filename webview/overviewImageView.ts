import { decodeNpyData } from '../src/shared/npy/decode';
import { NpyHeader } from '../src/shared/npy/header';
import { imageShape, partHeader, partShape } from '../src/shared/npy/overview';
import { PlaneSource, planeSource } from '../src/shared/npy/planeSource';
import { HostMessage } from '../src/shared/protocol';
import { formatBytes } from '../src/shared/format';
import { volumeStats } from '../src/shared/windowing';
import { el } from './dom';
import { EditorParts } from './editorParts';
import { fillInfo } from './editorControls';
import { PlaneViewer } from './planeViewer';
import { vscode } from './vscodeApi';

/** A region at full resolution the host sent, or why it cannot be read. */
export type RegionMessage = Extract<HostMessage, { type: 'region' | 'regionError' }>;

/**
 * One image too large to hold, from its overview (every `step`-th row and column): the
 * figures are the overview's; where the user zooms in, the region on screen is read at full
 * resolution, and `regionArrived` takes it.
 */
export function showOverviewImage(
  parts: EditorParts,
  fileName: string,
  header: NpyHeader,
  overview: { step: number; data: ArrayBuffer },
): { plane: PlaneViewer; regionArrived: (message: RegionMessage) => void } {
  const { step } = overview;
  const { height, width } = imageShape(header);
  const part = (rows: number, cols: number, data: ArrayBuffer) =>
    decodeNpyData(partHeader(header, partShape(header, rows, cols)), new Uint8Array(data));
  const rows = Math.ceil(height / step);
  const cols = Math.ceil(width / step);
  const whole = part(rows, cols, overview.data);
  // A pixel's index is that of the element of the whole image it stands for.
  const grey3 = header.shape.length === 3 && header.shape[2] === 1 ? ', 0' : ''; // (H, W, 1)
  const indexed = (source: PlaneSource, y0: number, x0: number, by: number): PlaneSource => ({
    ...source,
    indexAt: (_k, y, x) => `[${y0 + y * by}, ${x0 + x * by}${grey3}]`,
  });
  const source = indexed(planeSource(whole), 0, 0, step);
  const stats = volumeStats(whole.values);
  fillInfo(parts.info, header, stats, rows);
  parts.controls.append(
    el('span', { class: 'status' }, [
      `One image too large to hold (${formatBytes(header.fileSize)}): shown from an overview of one row and column in ${step} (${rows} x ${cols}); zoom in for full resolution.`,
    ]),
  );
  const { plane, initial } = parts.planeViewer(fileName);
  plane.setSource(source, stats, initial, true);
  plane.setOverview({
    step,
    height,
    width,
    want: (region, id) => vscode.postMessage({ type: 'readRegion', region, id }),
  });
  const perRow = cols * source.channels;
  parts.statistics.show([
    {
      label: `Overview (one row and column in ${step})`,
      scope: 'slice',
      values: () => source.slice(0),
      indexOf: (p) => source.indexAt(0, Math.floor(p / perRow), Math.floor((p % perRow) / source.channels)),
    },
  ]);
  const regionArrived = (message: RegionMessage) => {
    if (message.type === 'regionError') plane.regionFailed(message.message, message.request);
    else {
      const { region, data, request } = message;
      const source = indexed(planeSource(part(region.height, region.width, data)), region.y0, region.x0, 1);
      plane.showRegion(region, source, request);
    }
  };
  return { plane, regionArrived };
}
