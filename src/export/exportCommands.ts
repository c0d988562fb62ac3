import * as vscode from 'vscode';
import { SliceExporter } from './sliceExport';

/**
 * The commands that act on the slice of the active panel (from the palette, or the webview's
 * context menu with the plane right-clicked): save as PNG, .npy or CSV, copy its NumPy
 * expression, and add an overlay to its plane.
 */
export function registerExportCommands(exporter: SliceExporter): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mrnet.saveSliceAsPng', (context?: unknown) => exporter.command('png', context)),
    vscode.commands.registerCommand('mrnet.saveSliceAsNpy', (context?: unknown) => exporter.command('npy', context)),
    vscode.commands.registerCommand('mrnet.saveSliceAsCsv', (context?: unknown) => exporter.command('csv', context)),
    vscode.commands.registerCommand('mrnet.copyNumpyExpression', (context?: unknown) =>
      exporter.command('expression', context),
    ),
    vscode.commands.registerCommand('mrnet.addOverlay', (context?: unknown) => {
      // The webview answers with its plane (the one right-clicked, else its active one).
      const target = exporter.activeTarget();
      const plane = (context as { mrnetPlane?: unknown } | undefined)?.mrnetPlane;
      if (target)
        void target.channel.post({ type: 'requestAddOverlay', ...(typeof plane === 'string' ? { plane } : {}) });
      else
        void vscode.window.showInformationMessage(
          'Open a .npy or .npz file, or a case, to add an overlay to one of its planes.',
        );
    }),
  ];
}
