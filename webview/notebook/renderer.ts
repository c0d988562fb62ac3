import type { ActivationFunction } from 'vscode-notebook-renderer';
import { OpenOutputMessage } from '../../src/shared/notebook/embeddedOutput';
import decodeWorker from 'mrnet:bundle/decodeWorker';
import viewers from 'mrnet:bundle/webview';
import { loadPageFiles, renderOutput } from './outputFrame';

/**
 * The notebook renderer of `mrnet_viewer.show`'s outputs (contributes.notebookRenderer): VS
 * Code loads this module into the notebook's webview and hands it each output of our MIME type.
 */
export const activate: ActivationFunction = (context) => {
  // The viewers' bundle and the decode worker are carried; the charts bundle is fetched when an output first needs it.
  const files = loadPageFiles(import.meta.url, { decodeWorker, viewers });
  return {
    renderOutputItem(item, element) {
      const post = context.postMessage?.bind(context);
      const open =
        post &&
        ((caseId?: string) => post({ type: 'openOutput', outputId: item.id, caseId } satisfies OpenOutputMessage));
      renderOutput(element, () => item.json(), files, { open });
    },
    disposeOutputItem() {
      // Each output's frame goes with its element, which VS Code removes.
    },
  };
};
