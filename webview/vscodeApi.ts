import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import type { ReportWebviewMessage } from '../src/shared/reportProtocol';
import type { OverviewWebviewMessage } from '../src/shared/overview/overviewProtocol';
import { MessageHandlers, Typed, dispatch } from '../src/shared/messageHandlers';

export interface VsCodeApi {
  postMessage(message: WebviewMessage | ReportWebviewMessage | OverviewWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/** The frame of a notebook output's page: the renderer hangs its stand-in for VS Code on it (webview/notebook/outputPage.ts). */
export interface OutputFrameElement extends HTMLIFrameElement {
  mrnetPort?: VsCodeApi;
}

/**
 * The webview's one handle on VS Code. It may be acquired only once a page, and a viewer's page
 * also runs the charts bundle (a line plot): the bundle that comes first keeps it on the window
 * for the other. A page in a notebook output's frame has no VS Code: its renderer answers instead.
 */
const page = window as unknown as { mrnetVsCodeApi?: VsCodeApi };
export const vscode = (page.mrnetVsCodeApi ??=
  typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : framePort());

function framePort(): VsCodeApi {
  const port = (window.frameElement as OutputFrameElement | null)?.mrnetPort;
  if (!port) throw new Error('This page runs in a VS Code webview or in a notebook output of MRNet Viewer.');
  return port;
}

/** Dispatches what the host posts to the page's one handler table (a handler for every message type). */
export function onHostMessages<M extends Typed = HostMessage>(handlers: MessageHandlers<M>): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as { type?: unknown } | null;
    if (typeof message?.type === 'string') dispatch(handlers, message as M);
  });
}

/** A page's handler of every message an array view's host posts. */
export type HostHandlers = MessageHandlers<HostMessage>;

/** The handler of a message type this page never gets. */
export const ignored = (): void => undefined;
