import * as vscode from 'vscode';
import { HeaderFacts, IntensityFacts, buildOverview, overviewCases } from '../core/overview/buildOverview';
import { OverviewData, ReadingState } from '../shared/overview/overviewProtocol';
import { LoadedDataset } from '../dataset/datasetRegistry';
import { DatasetFile, FileVersion, VolumeFacts } from './volumeFacts';

/** What an overview knows of its dataset's files, and how far reading them has come. */
export class OverviewState {
  private headers = new Map<string, HeaderFacts>();
  private intensities = new Map<string, IntensityFacts>();
  private versions = new Map<string, FileVersion>();
  headerState: ReadingState = { state: 'not started', done: 0, total: 0 };
  intensityState: ReadingState = { state: 'not started', done: 0, total: 0 };

  constructor(
    public dataset: LoadedDataset,
    private readonly facts: VolumeFacts,
  ) {}

  private files(): DatasetFile[] {
    return overviewCases(this.dataset.index).flatMap((c) =>
      [...c.files.values()].map((path) => ({ path, uri: vscode.Uri.joinPath(this.dataset.uri, ...path.split('/')) })),
    );
  }

  /** What the page shows now. */
  data(): OverviewData {
    const bytes = [...this.versions].reduce((n, [path, v]) => n + (this.intensities.has(path) ? 0 : v.size), 0);
    return buildOverview({
      name: this.dataset.name,
      index: this.dataset.index,
      headers: this.headers,
      intensities: this.intensities,
      headerState: this.headerState,
      intensityState: this.intensityState,
      intensityBytes: bytes,
    });
  }

  /** Every header, from the cache or read; intensities already known come along (they cost nothing). */
  async readHeaders(): Promise<void> {
    const files = this.files();
    this.headerState = { state: 'reading', done: 0, total: files.length };
    const pass = await this.facts.read('header', this.dataset.uri, this.dataset.name, files);
    this.headers = pass.facts;
    this.versions = pass.versions;
    if (this.intensityState.state !== 'reading') {
      this.intensities = await this.facts.known('intensity', this.dataset.uri, pass.versions);
      const all = this.intensities.size === files.length;
      this.intensityState = {
        state: all ? 'done' : this.intensityState.state === 'cancelled' ? 'cancelled' : 'not started',
        done: this.intensities.size,
        total: files.length,
      };
    }
    this.headerState = { state: pass.cancelled ? 'cancelled' : 'done', done: pass.facts.size, total: files.length };
  }

  /** Every volume's intensities: whole files read, with progress and cancel. */
  async readIntensities(): Promise<void> {
    const files = this.files();
    this.intensityState = { state: 'reading', done: this.intensities.size, total: files.length };
    const pass = await this.facts.read('intensity', this.dataset.uri, this.dataset.name, files);
    this.intensities = pass.facts;
    this.intensityState = { state: pass.cancelled ? 'cancelled' : 'done', done: pass.facts.size, total: files.length };
  }
}
