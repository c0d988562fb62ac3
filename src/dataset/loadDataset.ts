import * as vscode from 'vscode';
import { DatasetIndex, indexDataset } from '../core/dataset/datasetIndex';
import { listDataset } from '../core/dataset/listing';
import { ProblemList } from '../core/dataset/problems';
import { folderAccess } from './datasetFs';
import { PredictionInputs } from '../predictions/predictionInputs';

/** Lists a dataset root and reads its CSVs (label, paths and prediction files), adds the predictions loaded by hand, then indexes it. */
export async function loadDataset(root: vscode.Uri, predictions?: PredictionInputs): Promise<DatasetIndex> {
  const problems = new ProblemList();
  const { fs, path } = folderAccess(root);
  const listing = await listDataset(fs, path, problems);
  if (predictions) listing.predictions = [...(listing.predictions ?? []), ...(await predictions.loaded(root))];
  return indexDataset(listing, problems, predictions?.choices(root));
}
