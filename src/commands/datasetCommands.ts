import * as vscode from 'vscode';
import { SMALL_SAMPLE, sampleDatasetFiles } from '../core/sample/sampleDataset';
import { DatasetRegistry } from '../dataset/datasetRegistry';
import { loadDataset } from '../dataset/loadDataset';

/** The commands that add datasets: pick a folder, or write the sample into an empty one. */
export function registerDatasetCommands(registry: DatasetRegistry): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mrnet.selectDatasetFolder', async (folder?: vscode.Uri) => {
      folder ??= (
        await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          title: 'Select an MRNet dataset folder (holding train/, valid/ and the label CSVs)',
        })
      )?.[0];
      if (!folder) return;
      const index = await loadDataset(folder);
      if (!index.splits.some((s) => s.cases.length)) {
        void vscode.window.showErrorMessage(
          `${folder.fsPath} holds no cases: expected {split}/{plane}/NNNN.npy files, as in MRNet-v1.0.`,
        );
        return;
      }
      if (!(await addDatasetRoot(folder))) await registry.refresh();
    }),
    vscode.commands.registerCommand('mrnet.createSampleDataset', async (folder?: vscode.Uri) => {
      folder ??= (
        await vscode.window.showOpenDialog({
          canSelectFolders: true,
          canSelectFiles: false,
          openLabel: 'Create Sample Here',
          title: 'Choose an empty folder for the sample dataset',
        })
      )?.[0];
      if (!folder) return;
      let entries: [string, vscode.FileType][] = [];
      try {
        entries = await vscode.workspace.fs.readDirectory(folder);
      } catch {
        // a folder that does not exist yet is created
      }
      if (entries.length) {
        void vscode.window.showErrorMessage(
          `${folder.fsPath} is not empty. The sample dataset is written only into an empty folder, so that nothing of yours is overwritten.`,
        );
        return;
      }
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Creating the sample MRNet dataset' },
        async (progress) => {
          const total = (SMALL_SAMPLE.train + SMALL_SAMPLE.valid) * 3 + 6;
          for (const file of sampleDatasetFiles(SMALL_SAMPLE)) {
            await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, ...file.path.split('/')), file.data);
            progress.report({ increment: 100 / total, message: file.path });
          }
        },
      );
      // Inside the workspace discovery finds it; elsewhere it becomes a configured root.
      if (vscode.workspace.getWorkspaceFolder(folder) || !(await addDatasetRoot(folder))) await registry.refresh();
    }),
  ];
}

/**
 * Adds a folder to mrnet.datasetRoots (the workspace's settings when there is a workspace);
 * true when the setting changed, which re-indexes by itself.
 */
async function addDatasetRoot(folder: vscode.Uri): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('mrnet');
  const roots = config.get<string[]>('datasetRoots', []);
  if (roots.includes(folder.fsPath)) return false;
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await config.update('datasetRoots', [...roots, folder.fsPath], target);
  return true;
}
