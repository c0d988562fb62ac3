import { HostMessage } from '../src/shared/protocol';
import { PlaneViewer } from './planeViewer';
import { vscode } from './vscodeApi';

/**
 * Answers the host's requestExport with the slice of `viewer` (the plane named `planeName`
 * in the case viewer): PNG or .npy bytes, or the NumPy index; the host writes or copies them.
 */
export async function answerExport(
  message: Extract<HostMessage, { type: 'requestExport' }>,
  viewer: PlaneViewer | undefined,
  planeName?: string,
): Promise<void> {
  if (!viewer) return;
  const plane = planeName === undefined ? {} : { plane: planeName };
  if (message.format === 'expression') {
    const order = viewer.sliceOrder();
    vscode.postMessage({ type: 'exportIndex', index: viewer.sliceIndex(), ...plane, ...(order && { order }) });
    return;
  }
  const data = await viewer.exportSlice(message.format, message.displayedSize);
  vscode.postMessage({ type: 'exportData', format: message.format, slice: viewer.slice, data, ...plane });
}
