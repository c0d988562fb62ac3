import * as vscode from 'vscode';
import { basename } from 'node:path';
import { Disposable } from '../shared/dispose';
import { errorMessage } from '../shared/errorMessage';
import {
  EMBEDDED_MIME_TYPE,
  EmbeddedCase,
  EmbeddedOutput,
  RENDERER_ID,
  embeddedCaseInfo,
  fromBase64,
  inflate,
  parseOpenOutput,
  readEmbeddedOutput,
} from '../shared/notebook/embeddedOutput';
import { safeFileName } from '../export/sliceExport';
import type { CaseViewer } from '../caseViewer/caseViewerPanel';
import type { ViewerCase } from '../caseViewer/viewerCase';
import { TemporaryArrayView } from '../arrayPanels/temporaryArrayView';
import { TemporaryFolder } from '../arrayPanels/temporaryFolder';
import { ViewerServices } from '../arrayPanels/viewerServices';

/**
 * "Open in MRNet Viewer" on a notebook output of `mrnet_viewer.show`: the renderer asks, and the
 * output's arrays, written as `.npy` files into a temporary folder (removed when the panel
 * closes), open in the `.npy` viewer or the case viewer, with export and overlays.
 */
export class NotebookOutputs extends Disposable {
  constructor(
    private readonly services: ViewerServices,
    private readonly caseViewer: CaseViewer,
  ) {
    super();
    const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
    this.own(
      messaging.onDidReceiveMessage(({ editor, message }) => {
        const asked = parseOpenOutput(message);
        if (asked) void this.open(editor.notebook, asked.outputId, asked.caseId);
      }),
    );
  }

  private async open(notebook: vscode.NotebookDocument, outputId: string, caseId?: string): Promise<void> {
    const name = basename(notebook.uri.path);
    const item = notebook
      .getCells()
      .flatMap((cell) => cell.outputs as readonly OutputWithId[])
      .find((o) => o.id === outputId)
      ?.items.find((i) => i.mime === EMBEDDED_MIME_TYPE);
    if (!item) {
      void vscode.window.showWarningMessage(`This output is no longer in ${name}: run its cell again.`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(item.data));
    } catch (e) {
      parsed = errorMessage(e);
    }
    const output = readEmbeddedOutput(parsed);
    if ('error' in output) {
      void vscode.window.showErrorMessage(`MRNet Viewer cannot open an output of ${name}: ${output.error}.`);
      return;
    }
    const folder = new TemporaryFolder('notebook');
    try {
      const panel = await this.openIn(folder, output, `${output.title} · ${name}`, caseId);
      panel.onDidDispose(() => folder.dispose());
    } catch (e) {
      folder.dispose();
      void vscode.window.showErrorMessage(`MRNet Viewer cannot open ${output.title} of ${name}: ${errorMessage(e)}`);
    }
  }

  private async openIn(
    folder: TemporaryFolder,
    output: EmbeddedOutput,
    title: string,
    caseId?: string,
  ): Promise<vscode.WebviewPanel> {
    const { array, cases = [] } = output;
    if (array) {
      const key = `mrnet-notebook:${output.title}`;
      const view = new TemporaryArrayView(this.services, array.name, title, folder, key);
      await view.show(
        { file: { uri: await written(folder, array.name, array.npy), note: output.notes.join(' ') } },
        title,
      );
      return view.panel;
    }
    const ids = cases.map((c) => c.id);
    const caseOf = async (c: EmbeddedCase): Promise<ViewerCase> => ({
      info: embeddedCaseInfo(output, c),
      title: `Case ${c.id} · ${title}`,
      planes: await Promise.all(
        c.planes.map(async ({ plane, npy, overlays }) => ({
          plane,
          uri: await written(folder, `${c.id} ${plane}`, npy),
          overlays: await Promise.all(
            overlays.map(async (o) => ({
              name: o.name,
              uri: await written(folder, `${c.id} ${plane} ${o.name}`, o.npy),
            })),
          ),
        })),
      ),
      collection: { ids, read: (id) => caseOf(cases[ids.indexOf(id)]) },
    });
    const first = cases.find((c) => c.id === caseId) ?? cases[0];
    return (await this.caseViewer.openApart(await caseOf(first))).panel;
  }
}

/**
 * An output as the extension host holds it: with the id the renderer knows it by (the
 * renderer's OutputItem.id). The host's outputs carry it, though vscode.d.ts does not name it.
 */
type OutputWithId = vscode.NotebookCellOutput & { readonly id?: string };

/** An embedded array as a `.npy` file of the folder (written once: a case shown again reads the same file). */
async function written(folder: TemporaryFolder, name: string, npy: string): Promise<vscode.Uri> {
  return vscode.Uri.file(await folder.write(`${safeFileName(name)}.npy`, await inflate(fromBase64(npy))));
}
