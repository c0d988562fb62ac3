import { EmbeddedOutput, readEmbeddedOutput } from '../../src/shared/notebook/embeddedOutput';
import { loadsChartsOnDemand, makeNonce, pageFiles, webviewHtml } from '../../src/shared/webviewHtml';
import { OutputFrameElement } from '../vscodeApi';
import { DecodeArray, workerDecoder } from './arrayDecoder';
import { OutputArray, OutputCases, OutputPage } from './outputPage';
import viewerCss from '../../media/viewer.css';

/**
 * What an output's page needs of the front end's bundle: the viewers' bundle and stylesheet,
 * and the charts bundle the `.npy` page loads for a 1-D array's line plot (blob: URLs, each
 * had when first needed), and the decoder of the arrays the output embeds.
 */
export interface PageFiles {
  script(): Promise<string>;
  style: string;
  charts(): Promise<string>;
  decode: DecodeArray;
}

/** An output's frame height at first; the user drags its bottom edge for more. */
const FRAME_HEIGHT = { npy: '560px', case: '600px' };

/** A live output, as the front end can read it from the kernel: its cases, or its volume. */
export type LiveOutput = EmbeddedOutput & { live: NonNullable<EmbeddedOutput['live']> };

/** What the front end adds: "Open in MRNet Viewer" (VS Code), the kernel's side of a live output (JupyterLab). */
export interface OutputHost {
  open?: (caseId?: string) => void;
  live?: (output: LiveOutput) => { cases?: OutputCases; array?: OutputArray };
}

/**
 * Draws one output of `mrnet_viewer.show` into `element`: a bar with its title, its notes and
 * "Open in MRNet Viewer" (when the extension is there to open it), above a frame running the
 * viewers' own page (the .npy editor's for an array, the case viewer's for cases), each output
 * in its own document so that its keys, focus and state are its own. A payload that cannot be
 * shown says why, in an alert.
 */
export function renderOutput(element: HTMLElement, json: () => unknown, files: PageFiles, host: OutputHost): void {
  const handed = performance.now();
  let parsed: unknown;
  try {
    parsed = json();
  } catch {
    parsed = undefined; // not JSON: said below as not one of ours
  }
  const output = readEmbeddedOutput(parsed);
  if ('error' in output) {
    element.replaceChildren(alert(`MRNet Viewer cannot show this output: ${output.error}.`));
    return;
  }
  // Marks the moment the output was handed over, for the benchmark (npm run bench).
  performance.mark('output-handed', { startTime: handed, detail: output.title });
  const { open } = host;
  const live = output.live && host.live?.({ ...output, live: output.live });
  const page = new OutputPage(output, files.decode, live?.cases, live?.array);
  const cases = output.live?.cases;
  const notes = [...output.notes, ...(cases && !live ? [embeddedOnly(cases.length)] : [])];
  element.replaceChildren(outputBar(output.title, notes, open && (() => open(page.shownCaseId))));
  const view = output.array ? 'npy' : 'case';
  Promise.all([files.script(), loadsChartsOnDemand(view) ? files.charts() : undefined]).then(
    ([script, charts]) => element.append(outputFrame(output, view, page, { script, style: files.style, charts })),
    (e: Error) => element.append(alert(`MRNet Viewer cannot show this output: ${e.message}.`)),
  );
}

function outputFrame(
  output: EmbeddedOutput,
  view: 'npy' | 'case',
  page: OutputPage,
  files: { script: string; style: string; charts?: string },
): HTMLElement {
  const frame = document.createElement('iframe') as OutputFrameElement;
  frame.title = `${output.title} (MRNet Viewer)`;
  Object.assign(frame.style, { width: '100%', height: '100%', border: '0', display: 'block' });
  page.connect((message, transfer) => frame.contentWindow?.postMessage(message, { targetOrigin: '*', transfer }));
  frame.mrnetPort = page;
  // Our page's own HTML (strict CSP, nonce), as every webview of the extension gets it, its
  // script and stylesheet from blob: URLs; it inherits the notebook webview's origin.
  frame.srcdoc = webviewHtml({
    view,
    title: output.title,
    cspSource: 'blob:',
    nonce: makeNonce(),
    scriptUri: files.script,
    styleUri: files.style,
    chartsUri: files.charts,
    inNotebook: true,
  });
  const box = document.createElement('div');
  Object.assign(box.style, { height: FRAME_HEIGHT[view], resize: 'vertical', overflow: 'hidden' });
  box.append(frame);
  return box;
}

/** What a front end with no kernel to ask says of a live output. */
function embeddedOnly(count: number): string {
  return `the first of ${count} cases, embedded: the others are in the kernel that ran the cell, shown live in JupyterLab`;
}

function outputBar(titleText: string, notes: string[], open?: () => void): HTMLElement {
  const bar = document.createElement('div');
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', `${titleText} (MRNet Viewer output)`);
  Object.assign(bar.style, { display: 'flex', gap: '12px', alignItems: 'baseline', padding: '2px 0 6px' });
  const title = document.createElement('strong');
  title.textContent = titleText;
  bar.append(title);
  for (const text of notes) {
    const note = document.createElement('span');
    note.dataset.role = 'note';
    note.textContent = text;
    bar.append(note);
  }
  if (open) bar.append(openButton(open));
  return bar;
}

/** "Open in MRNet Viewer", in the colours of VS Code's buttons (the notebook's webview has no stylesheet of ours). */
function openButton(open: () => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Open in MRNet Viewer';
  button.title = 'Open this output in an editor panel of its own, with export and overlays';
  Object.assign(button.style, {
    background: 'var(--vscode-button-background)',
    color: 'var(--vscode-button-foreground)',
    border: '1px solid var(--vscode-button-border, transparent)',
    borderRadius: '2px',
    padding: '2px 10px',
    font: 'inherit',
    cursor: 'pointer',
  });
  button.addEventListener('click', open);
  return button;
}

function alert(text: string): HTMLElement {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.textContent = text;
  return box;
}

/**
 * The viewers' bundle and the charts bundle (dist/, beside the renderer at `rendererUrl`) and
 * the stylesheet, as blob: URLs of this notebook's webview. A frame's own requests for the
 * extension's files do not reach them: VS Code's service worker serves a webview's resources
 * to the webview's own documents only, and answers a srcdoc frame's with 404. Each is read
 * once for every output, when an output first needs it (a case output, no charts); the
 * viewers' bundle is not read when the front end's bundle carries it (`carried.viewers`, its
 * text), as it carries the decode worker's.
 */
export function loadPageFiles(rendererUrl: string, carried: { decodeWorker: string; viewers?: string }): PageFiles {
  const { viewers } = carried;
  const once = (read: () => Promise<string>) => {
    let url: Promise<string> | undefined;
    return () => (url ??= read());
  };
  const fetched = (name: string) => once(() => blobOf(new URL(name, rendererUrl)));
  return {
    script:
      viewers === undefined
        ? fetched(pageFiles('npy').script)
        : once(() => Promise.resolve(URL.createObjectURL(new Blob([viewers], { type: 'text/javascript' })))),
    charts: fetched(pageFiles('report').script),
    style: URL.createObjectURL(new Blob([viewerCss], { type: 'text/css' })),
    decode: workerDecoder(carried.decodeWorker),
  };
}

async function blobOf(url: URL): Promise<string> {
  // eslint-disable-next-line no-restricted-globals -- the extension's own bundle, from the notebook webview's resources
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} could not be read (${response.status})`);
  // A blob of the response's blob: typed for a script, and no copy of its bytes.
  return URL.createObjectURL(new Blob([await response.blob()], { type: 'text/javascript' }));
}
