import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import type { ReportWebviewMessage } from '../src/shared/reportProtocol';
import type { OverviewWebviewMessage } from '../src/shared/overview/overviewProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage | ReportWebviewMessage | OverviewWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle on VS Code (it may be acquired only once). */
export const vscode = acquireVsCodeApi();

export function onHostMessage(handler: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => handler(event.data));
}
