import * as vscode from 'vscode';
import { Disposable, IDisposable } from '../shared/dispose';
import { errorMessage } from '../shared/errorMessage';
import { MessageHandlers, Typed, dispatch } from '../shared/messageHandlers';
import { HostMessage, WebviewMessage, parseWebviewMessage } from '../shared/protocol';
import { ReportHostMessage, ReportWebviewMessage, parseReportMessage } from '../shared/reportProtocol';
import { OverviewHostMessage, OverviewWebviewMessage, parseOverviewMessage } from '../shared/overview/overviewProtocol';

/** What a handler returns for a message its panel does not take (a plane it does not show, say). */
export const NOT_TAKEN: unique symbol = Symbol('not taken');

/**
 * The host's end of one panel's webview, for every panel and editor: what arrives is checked
 * by the protocol's validator (anything else is refused and logged), then dispatched by its
 * type to one handler; what leaves is typed; and everything it holds ends with the panel.
 */
class WebviewChannel<In extends Typed, Out> extends Disposable {
  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly parse: (raw: unknown) => In | undefined,
    private readonly log: vscode.LogOutputChannel,
    /** Who speaks, for the log: "the case viewer", "the editor of file:///…". */
    private readonly speaker: string,
  ) {
    super();
    this.own(panel.onDidDispose(() => this.dispose()));
  }

  post(message: Out): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  /** `resource`, disposed with the panel. */
  override own<T extends IDisposable>(resource: T): T {
    return super.own(resource);
  }

  /** Dispatches every message that passes the protocol to its handler, until the panel closes. */
  listen(handlers: MessageHandlers<In>): void {
    this.own(
      this.panel.webview.onDidReceiveMessage(async (raw: unknown) => {
        const message = this.parse(raw);
        if (!message) {
          this.log.warn(`Refused a malformed message from ${this.speaker}: ${safeJson(raw)}`);
          return;
        }
        try {
          if ((await dispatch(handlers, message)) === NOT_TAKEN)
            this.log.warn(`Refused a message ${this.speaker} does not send: ${safeJson(raw)}`);
        } catch (e) {
          this.log.error(`${this.speaker}: ${message.type} failed: ${errorMessage(e)}`);
        }
      }),
    );
  }
}

/** The channel of the array views (the `.npy` and `.npz` editors, the case viewer). */
export type ArrayChannel = WebviewChannel<WebviewMessage, HostMessage>;

export function arrayChannel(panel: vscode.WebviewPanel, log: vscode.LogOutputChannel, speaker: string): ArrayChannel {
  return new WebviewChannel(panel, parseWebviewMessage, log, speaker);
}

type ReportChannel = WebviewChannel<ReportWebviewMessage, ReportHostMessage>;
export type OverviewChannel = WebviewChannel<OverviewWebviewMessage, OverviewHostMessage>;

export function reportChannel(panel: vscode.WebviewPanel, log: vscode.LogOutputChannel): ReportChannel {
  return new WebviewChannel<ReportWebviewMessage, ReportHostMessage>(
    panel,
    parseReportMessage,
    log,
    'the model report',
  );
}

export function overviewChannel(panel: vscode.WebviewPanel, log: vscode.LogOutputChannel): OverviewChannel {
  return new WebviewChannel<OverviewWebviewMessage, OverviewHostMessage>(
    panel,
    parseOverviewMessage,
    log,
    'the dataset overview',
  );
}

/** A handler for a message type its panel never takes. */
export const notTaken = (): typeof NOT_TAKEN => NOT_TAKEN;

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return String(value);
  }
}
