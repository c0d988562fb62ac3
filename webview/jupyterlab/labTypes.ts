/**
 * The little of JupyterLab this extension uses, by shape. Its classes are the page's own, reached
 * through the share scope JupyterLab hands every extension (webview/jupyterlab/labExtension.ts),
 * so that no second copy of them is bundled.
 */

/** A Lumino widget: what an output renderer is. */
export interface LuminoWidget {
  readonly node: HTMLElement;
  addClass(name: string): void;
  dispose(): void;
}
export type WidgetClass = new () => LuminoWidget;

/** What an output renderer is handed to draw: the output's data by MIME type. */
export interface MimeModel {
  readonly data: Readonly<Record<string, unknown>>;
}

/** A comm to the kernel (@jupyterlab/services' IComm). */
export interface Comm {
  onMsg: (message: CommMessage) => void;
  onClose: (message: CommMessage) => void;
  readonly isDisposed: boolean;
  open(data: unknown): unknown;
  send(data: unknown): unknown;
  close(): unknown;
}
export interface CommMessage {
  content: { data?: unknown };
  buffers?: (ArrayBuffer | ArrayBufferView)[];
}

export interface Kernel {
  createComm(targetName: string): Comm;
}

/** A widget of the main area; a notebook panel has a session, and its kernel once started. */
interface MainAreaWidget {
  readonly node: HTMLElement;
  readonly sessionContext?: { readonly session?: { readonly kernel?: Kernel | null } | null };
}

/** The application a plugin is activated with. */
export interface LabApp {
  readonly shell: { widgets(area?: string): Iterable<MainAreaWidget> };
}

/** The kernel of the notebook an output's node is in, if it has one running. */
export function kernelOf(app: LabApp | undefined, node: HTMLElement): Kernel | undefined {
  for (const widget of app?.shell.widgets('main') ?? [])
    if (widget.node.contains(node)) return widget.sessionContext?.session?.kernel ?? undefined;
  return undefined;
}
