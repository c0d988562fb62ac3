import * as vscode from 'vscode';
import { NPY_EDITOR_VIEW_TYPE, NpyEditorProvider } from './npyEditor/npyEditorProvider';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('MRNet Viewer', { log: true });
  context.subscriptions.push(
    log,
    vscode.window.registerCustomEditorProvider(NPY_EDITOR_VIEW_TYPE, new NpyEditorProvider(context.extensionUri, log), {
      supportsMultipleEditorsPerDocument: true,
    }),
  );
}

export function deactivate(): void {}
