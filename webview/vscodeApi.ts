import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import type { ReportWebviewMessage } from '../src/shared/reportProtocol';
import type { OverviewWebviewMessage } from '../src/shared/overview/overviewProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage | ReportWebviewMessage | OverviewWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/**
 * The webview's one handle on VS Code. It may be acquired only once a page, and a viewer's page
 * also runs the charts bundle (a line plot): the bundle that comes first keeps it on the window
 * for the other.
 */
const page = window as unknown as { mrnetVsCodeApi?: VsCodeApi };
export const vscode = (page.mrnetVsCodeApi ??= acquireVsCodeApi());

export function onHostMessage(handler: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => handler(event.data));
}
