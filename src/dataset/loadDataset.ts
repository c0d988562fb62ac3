import * as vscode from 'vscode';
import { DatasetIndex, indexDataset } from '../core/dataset/datasetIndex';
import { listDataset } from '../core/dataset/listing';
import { ProblemList } from '../core/dataset/problems';
import { folderAccess } from './datasetFs';

/** Lists a dataset root and reads its label CSVs (names and text only), then indexes it. */
export async function loadDataset(root: vscode.Uri): Promise<DatasetIndex> {
  const problems = new ProblemList();
  const { fs, path } = folderAccess(root);
  return indexDataset(await listDataset(fs, path, problems), problems);
}
