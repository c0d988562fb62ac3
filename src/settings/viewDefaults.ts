import * as vscode from 'vscode';
import { DEFAULT_COLOUR_MAP, isColourMap } from '../shared/colourMaps';
import { ViewDefaults } from '../shared/protocol';
import { WindowPreset } from '../shared/windowing';
import { WebviewView } from '../core/webviewHtml';

/**
 * How new views start: the colour map of the setting `mrnet.defaultColormap`, and the contrast
 * preset last chosen for that kind of view (.npy, .npz, case), remembered in the workspace.
 */
export class ViewDefaultsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The setting changed: open views are told. */
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('mrnet.defaultColormap')) this.changed.fire();
  });

  constructor(private readonly memento: vscode.Memento) {}

  get(kind: WebviewView): ViewDefaults {
    const colourMap = vscode.workspace.getConfiguration('mrnet').get<unknown>('defaultColormap');
    const preset = this.memento.get<unknown>(key(kind));
    return {
      colourMap: isColourMap(colourMap) ? colourMap : DEFAULT_COLOUR_MAP,
      preset: preset === 'full' || preset === 'slice' ? preset : 'auto',
    };
  }

  remember(kind: WebviewView, preset: WindowPreset): Thenable<void> {
    return this.memento.update(key(kind), preset);
  }

  /** Keeps a panel's webview told of changes to the defaults until it closes. */
  watch(panel: vscode.WebviewPanel, kind: WebviewView): void {
    const subscription = this.onDidChange(() => void panel.webview.postMessage({ type: 'viewDefaults', defaults: this.get(kind) }));
    const disposal = panel.onDidDispose(() => {
      subscription.dispose();
      disposal.dispose();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function key(kind: WebviewView): string {
  return `mrnet.contrastPreset.${kind}`;
}
