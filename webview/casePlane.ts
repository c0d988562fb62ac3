import { decodeNpyData } from '../src/shared/npy/decode';
import { checkedView, defaultView, planeSource, viewValues } from '../src/shared/npy/planeSource';
import { CasePlane } from '../src/shared/protocol';
import { volumeStats } from '../src/shared/windowing';
import { errorMessage } from '../src/shared/errorMessage';
import { PlaneViewState, PlaneViewer } from './planeViewer';
import { SliceFirstStream } from './sliceFirstStream';

/** Shows one plane file in its viewer; a file too large to read whole comes back as the stream its slices arrive by. */
export function showPlane(
  viewer: PlaneViewer,
  casePlane: CasePlane,
  keep: Partial<PlaneViewState>,
): SliceFirstStream | undefined {
  const content = casePlane.array;
  if (content.kind === 'error') {
    viewer.showError(`Cannot show ${content.fileName}: ${content.error}`);
    return undefined;
  }
  if (content.kind === 'sliceFirst') {
    const stream = new SliceFirstStream(content.header, content.sliceFirst, casePlane.plane);
    viewer.setSource(stream.source, stream.firstStats, keep, true);
    viewer.setBusy(stream.busy);
    stream.onStats = (stats) => {
      viewer.setSource(stream.source, stats, viewer.getState(), true);
      viewer.setBusy(stream.busy);
    };
    return stream;
  }
  if (content.kind === 'overview') {
    viewer.showError(
      `Cannot show ${content.fileName} here: it is one image too large to hold (${content.header.shapeText}); its editor shows it from an overview`,
    );
    return undefined;
  }
  try {
    const array = decodeNpyData(content.header, new Uint8Array(content.data));
    // The axes chosen for the file in its editor, else NumPy's.
    const view = checkedView(array, casePlane.view) ?? defaultView(array);
    if (!view || array.header.count === 0) {
      viewer.showError(`Cannot show ${content.fileName}: shape ${array.header.shapeText} holds no images`);
      return undefined;
    }
    const stats = volumeStats(viewValues(array, view));
    viewer.setSource(planeSource(array, view), stats, keep);
  } catch (e) {
    viewer.showError(`Cannot show ${content.fileName}: ${errorMessage(e)}`);
  }
  return undefined;
}
