import * as vscode from 'vscode';
import { Disposable } from '../shared/dispose';
import { MRNET_PLANES } from '../shared/datasetLayout';
import { errorMessage } from '../shared/errorMessage';
import type { CaseViewer } from '../caseViewer/caseViewerPanel';
import type { ViewerCase } from '../caseViewer/viewerCase';
import { TemporaryArrayView } from '../arrayPanels/temporaryArrayView';
import { PausedFrame, selectedFrame } from './pausedFrame';
import { Snapshot, takeSnapshot } from './takeSnapshot';
import { TemporaryFolder } from '../arrayPanels/temporaryFolder';
import { ViewerServices } from '../arrayPanels/viewerServices';

/** A viewer of an expression of a debugged program, read again on Refresh (and, if it follows, at every stop). */
interface DebugView {
  readonly expression: string;
  readonly session: vscode.DebugSession;
  readonly panel: vscode.WebviewPanel;
  /** What its snapshots are written into; removed when the view closes or the session ends. */
  readonly folder: TemporaryFolder;
  follows: boolean;
  ended: boolean;
  /** Reads the expression in `frame` and shows it. */
  refresh(frame: PausedFrame): Promise<void>;
}

/** How a viewer's title names what it shows: `batch · train.py:42`. */
const titleOf = (expression: string, frame: PausedFrame) => `${expression.replace(/\s+/g, ' ')} · ${frame.label}`;

/**
 * The viewers of values of paused Python programs: "View in MRNet Viewer" on a variable, "View
 * Python Expression…", Refresh and "Refresh on Every Stop". An array opens in the `.npy` viewer,
 * a dict of planes (or of cases) in the case viewer.
 */
export class DebugViews extends Disposable {
  private readonly views = new Set<DebugView>();

  constructor(
    private readonly services: ViewerServices,
    private readonly caseViewer: CaseViewer,
  ) {
    super();
    this.own(
      vscode.debug.onDidTerminateDebugSession((session) => {
        for (const view of this.views)
          if (view.session.id === session.id) {
            view.ended = true;
            view.folder.dispose();
          }
      }),
    );
    this.own(
      // VS Code selects the top frame at each stop (and the frame the user clicks).
      vscode.debug.onDidChangeActiveStackItem((item) => {
        if (!(item instanceof vscode.DebugStackFrame)) return;
        for (const view of this.views)
          if (view.follows && view.session.id === item.session.id) void this.refresh(view, item.session);
      }),
    );
    this.own({ dispose: () => this.views.forEach((v) => v.folder.dispose()) });
  }

  /**
   * Opens a viewer of `expression` in the frame selected (of `session`, else of the active
   * session); `array`: its type says it is one (the Variables view's), so its viewer starts while
   * the program writes it, as a webview's start is most of the wait.
   */
  async open(expression: string, session?: vscode.DebugSession, array = false): Promise<void> {
    const frame = await selectedFrame(session).catch(() => undefined);
    if (!frame) {
      void vscode.window.showWarningMessage(
        `Cannot view ${expression}: no Python program is paused (the debug types debugpy and python).`,
      );
      return;
    }
    const folder = new TemporaryFolder('debug');
    const writing = snap(frame, expression, folder);
    const early = array
      ? new TemporaryArrayView(this.services, expression, titleOf(expression, frame), folder, debugKey(expression))
      : undefined;
    let closed = false;
    early?.panel.onDidDispose(() => (closed = true));
    const snapshot = await writing;
    // Closed by the user while the program wrote it: nothing to show, the files go.
    if (closed) return folder.dispose();
    const isCase = snapshot.kind === 'case' || snapshot.kind === 'cases';
    if (isCase) early?.panel.dispose();
    const view = isCase
      ? await this.openCase(expression, frame, folder, snapshot)
      : this.openArray(expression, frame, folder, snapshot, early);
    this.views.add(view);
    view.panel.onDidChangeViewState(() => this.updateContext());
    view.panel.onDidDispose(() => {
      this.views.delete(view);
      view.folder.dispose();
      this.updateContext();
    });
    this.updateContext();
  }

  /** The viewer in front: Refresh reads it again in the frame selected now. */
  async refreshActive(): Promise<void> {
    const view = this.active();
    if (view) await this.refresh(view, view.session);
  }

  /** Turns "Refresh on Every Stop" on or off for the viewer in front. */
  followActive(follows: boolean): void {
    const view = this.active();
    if (!view) return;
    view.follows = follows;
    this.updateContext();
    if (follows) void this.refresh(view, view.session);
  }

  private async refresh(view: DebugView, session: vscode.DebugSession): Promise<void> {
    if (view.ended) {
      void vscode.window.showInformationMessage(`The debug session of ${view.expression} has ended.`);
      return;
    }
    const frame = await selectedFrame(session).catch(() => undefined);
    if (!frame) {
      void vscode.window.showInformationMessage(`Cannot read ${view.expression} again: the program is not paused.`);
      return;
    }
    await view.refresh(frame);
  }

  private active(): DebugView | undefined {
    return [...this.views].find((v) => v.panel.active);
  }

  /** The editor title's Refresh and toggle show on our viewers only, the toggle as it stands. */
  private updateContext(): void {
    const view = this.active();
    void vscode.commands.executeCommand('setContext', 'mrnet.debugViewActive', !!view);
    void vscode.commands.executeCommand('setContext', 'mrnet.debugViewFollows', !!view?.follows);
  }

  private openArray(
    expression: string,
    frame: PausedFrame,
    folder: TemporaryFolder,
    first: Snapshot,
    started?: TemporaryArrayView,
  ): DebugView {
    const viewer =
      started ??
      new TemporaryArrayView(this.services, expression, titleOf(expression, frame), folder, debugKey(expression));
    const show = (snapshot: Snapshot, at: PausedFrame) =>
      viewer.show(
        snapshot.kind === 'array'
          ? { file: snapshot.file }
          : { error: snapshot.kind === 'error' ? said(snapshot, at) : `${expression} is now a dict of planes` },
        titleOf(expression, at),
      );
    void show(first, frame);
    return {
      expression,
      session: frame.session,
      panel: viewer.panel,
      folder,
      follows: false,
      ended: false,
      refresh: async (at) => show(await snap(at, expression, folder), at),
    };
  }

  private async openCase(
    expression: string,
    frame: PausedFrame,
    folder: TemporaryFolder,
    first: Snapshot & { kind: 'case' | 'cases' },
  ): Promise<DebugView> {
    let at = frame;
    let shown: ViewerCase | undefined;
    // The files of the case before the one shown are removed: the viewer may still read those of the one shown.
    let before: ViewerCase | undefined;
    const caseOf = (snapshot: Snapshot): ViewerCase => {
      const next: ViewerCase = this.caseOf(expression, at, snapshot, shown?.info.id ?? expression, (id) =>
        snap(at, expression, folder, next.collection?.ids.indexOf(id)).then(caseOf),
      );
      for (const { uri } of before?.planes ?? []) if (uri) void folder.remove(uri.fsPath);
      [before, shown] = [shown, next];
      return next;
    };
    const opened = await this.caseViewer.openApart(caseOf(first));
    return {
      expression,
      session: frame.session,
      panel: opened.panel,
      folder,
      follows: false,
      ended: false,
      refresh: async (now) => {
        at = now;
        // The case shown, by its place among the dict's keys.
        const index = shown?.collection?.ids.indexOf(shown.info.id) ?? -1;
        await opened.show(caseOf(await snap(now, expression, folder, index >= 0 ? index : undefined)));
      },
    };
  }

  /** A snapshot as the case viewer shows it: the planes written, or each plane saying why there are none. */
  private caseOf(
    expression: string,
    frame: PausedFrame,
    snapshot: Snapshot,
    shownId: string,
    read: (id: string) => Promise<ViewerCase>,
  ): ViewerCase {
    const title = titleOf(expression, frame);
    const id = snapshot.kind === 'cases' ? snapshot.ids[snapshot.index] : shownId;
    const info = { id, split: '', dataset: frame.label, labels: [] };
    if (snapshot.kind === 'error' || snapshot.kind === 'array') {
      const error = snapshot.kind === 'error' ? said(snapshot, frame) : `${expression} is now an array`;
      return { info, title, planes: MRNET_PLANES.map((plane) => ({ plane, error })) };
    }
    const planes = snapshot.planes.map(({ plane, uri }) => ({ plane, uri }));
    if (snapshot.kind === 'case') return { info, title, planes };
    return { info, title, planes, collection: { ids: snapshot.ids, read } };
  }
}

/** What a debug array view's view and overlays are remembered under: its expression, across sessions. */
const debugKey = (expression: string) => `mrnet-debug:${expression}`;

/** A failure as the viewer says it: a name that no longer exists, or Python's words. */
function said(snapshot: Snapshot & { kind: 'error' }, frame: PausedFrame): string {
  return snapshot.missing ? `it does not exist in ${frame.label}: ${snapshot.message}` : snapshot.message;
}

/** A snapshot, or why there is none: nothing thrown. */
async function snap(
  frame: PausedFrame,
  expression: string,
  folder: TemporaryFolder,
  caseIndex?: number,
): Promise<Snapshot> {
  try {
    return await takeSnapshot(frame, expression, folder, caseIndex);
  } catch (e) {
    return { kind: 'error', message: errorMessage(e) };
  }
}
