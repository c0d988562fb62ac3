import type * as vscode from 'vscode';
import type { SliceExporter } from '../export/sliceExport';
import type { ViewDefaultsStore } from '../settings/viewDefaults';
import type { AddedOverlays } from '../overlays/addedOverlays';

/** What a viewer panel works with: the extension's folder, its log, exports, remembered views and overlays. */
export interface ViewerServices {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  exporter: SliceExporter;
  defaults: ViewDefaultsStore;
  overlays: AddedOverlays;
}
