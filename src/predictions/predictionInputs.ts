import * as vscode from 'vscode';
import { decodeCsvText } from '../core/dataset/labelCsv';
import { PredictionChoices, PredictionSource } from '../core/predictions/predictionFile';

/** A prediction file loaded by hand (MRNet: Load Predictions…), kept for the workspace. */
interface LoadedFile {
  dataset: string;
  model: string;
  split: string;
  uri: string;
}

const CHOICES_KEY = 'mrnet.predictionChoices';
const LOADED_KEY = 'mrnet.loadedPredictions';

/**
 * What indexing takes from the user about predictions, kept in the workspace state (never
 * written into the dataset): the files loaded by hand, and per model and split the column
 * order and logistic function the user chose.
 */
export class PredictionInputs {
  constructor(private readonly state: vscode.Memento) {}

  choices(dataset: vscode.Uri): (model: string, split: string) => PredictionChoices {
    const all = this.state.get<Record<string, PredictionChoices>>(CHOICES_KEY, {});
    return (model, split) => all[choiceKey(dataset, model, split)] ?? {};
  }

  async choose(dataset: vscode.Uri, model: string, split: string, choice: PredictionChoices): Promise<void> {
    const all = { ...this.state.get<Record<string, PredictionChoices>>(CHOICES_KEY, {}) };
    const key = choiceKey(dataset, model, split);
    all[key] = { ...all[key], ...choice };
    await this.state.update(CHOICES_KEY, all);
  }

  async load(dataset: vscode.Uri, model: string, split: string, file: vscode.Uri): Promise<void> {
    const kept = this.state
      .get<LoadedFile[]>(LOADED_KEY, [])
      .filter((f) => !(f.dataset === dataset.toString() && f.model === model && f.split === split));
    await this.state.update(LOADED_KEY, [...kept, { dataset: dataset.toString(), model, split, uri: file.toString() }]);
  }

  /** The files loaded for a dataset, read now; one that cannot be read is given as empty text, which indexing reports. */
  async loaded(dataset: vscode.Uri): Promise<PredictionSource[]> {
    const files = this.state.get<LoadedFile[]>(LOADED_KEY, []).filter((f) => f.dataset === dataset.toString());
    return Promise.all(
      files.map(async (f) => {
        const uri = vscode.Uri.parse(f.uri);
        let text = '';
        try {
          text = decodeCsvText(await vscode.workspace.fs.readFile(uri));
        } catch {
          // An empty text is reported as "is empty" under the file's name.
        }
        return { model: f.model, split: f.split, file: uri.scheme === 'file' ? uri.fsPath : uri.toString(), text };
      }),
    );
  }
}

function choiceKey(dataset: vscode.Uri, model: string, split: string): string {
  return `${dataset.toString()}#${model}/${split}`;
}
