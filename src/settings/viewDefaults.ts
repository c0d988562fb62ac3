import * as vscode from 'vscode';
import { ArrayChannel } from '../webviews/webviewChannel';
import { Disposable } from '../shared/dispose';
import { DEFAULT_COLOUR_MAP, isColourMap } from '../shared/colourMaps';
import { ViewDefaults } from '../shared/protocol';
import { WindowPreset, isWindowPreset } from '../shared/windowing';
import { WebviewView } from '../shared/webviewHtml';
import { ArrayView } from '../shared/npy/planeSource';

const VIEWS_KEY = 'mrnet.arrayViews';
/** Files whose axes are remembered: the most recently changed. */
const VIEWS_KEPT = 500;

/**
 * How new views start: the colour map of the setting `mrnet.defaultColormap`, the contrast
 * preset last chosen for that kind of view (.npy, .npz, case), and the axes last chosen for a
 * file (a `.npy`, or `archive.npz#member`), remembered in the workspace.
 */
export class ViewDefaultsStore extends Disposable {
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  /** The setting changed: open views are told. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    super();
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mrnet.defaultColormap')) this.changed.fire();
      }),
    );
  }

  get(kind: WebviewView): ViewDefaults {
    const colourMap = vscode.workspace.getConfiguration('mrnet').get<unknown>('defaultColormap');
    const preset = this.memento.get<unknown>(key(kind));
    return {
      colourMap: isColourMap(colourMap) ? colourMap : DEFAULT_COLOUR_MAP,
      preset: isWindowPreset(preset) ? preset : 'auto',
    };
  }

  remember(kind: WebviewView, preset: WindowPreset): Thenable<void> {
    return this.memento.update(key(kind), preset);
  }

  /** The axes last chosen for a file, if any (the webview checks they still fit it). */
  viewOf(file: string): ArrayView | undefined {
    return this.memento.get<[string, ArrayView][]>(VIEWS_KEY, []).find(([f]) => f === file)?.[1];
  }

  rememberView(file: string, view: ArrayView): Thenable<void> {
    const others = this.memento.get<[string, ArrayView][]>(VIEWS_KEY, []).filter(([f]) => f !== file);
    return this.memento.update(VIEWS_KEY, [...others.slice(-(VIEWS_KEPT - 1)), [file, view]]);
  }

  /** Keeps a panel's webview told of changes to the defaults until it closes. */
  watch(channel: ArrayChannel, kind: WebviewView): void {
    channel.own(this.onDidChange(() => void channel.post({ type: 'viewDefaults', defaults: this.get(kind) })));
  }
}

function key(kind: WebviewView): string {
  return `mrnet.contrastPreset.${kind}`;
}
