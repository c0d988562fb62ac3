import * as vscode from 'vscode';
import { OverviewChannel, overviewChannel } from '../webviews/webviewChannel';
import { Disposable, disposeAll } from '../shared/dispose';
import { overviewCases, selectionLabel } from '../core/overview/buildOverview';
import { OverviewSelection } from '../shared/overview/overviewProtocol';
import { overviewArrays, selectedCases } from '../shared/overview/overviewStats';
import { CaseRef, DatasetRegistry, LoadedDataset, caseKey } from '../dataset/datasetRegistry';
import { SliceExporter, safeFileName } from '../export/sliceExport';
import { loadWebview } from '../webviews/webviewContent';
import { CaseSet } from '../tree/casesTreeProvider';
import { VolumeFacts } from './volumeFacts';
import { OverviewState } from './overviewState';

const OVERVIEW_VIEW_TYPE = 'mrnetViewer.overview';
/** CSV exports larger than this are refused (a table of every case is a few hundred KB). */
const MAX_TABLE_BYTES = 64 * 2 ** 20;

/** One open overview: its state and its webview. */
interface OverviewPanel {
  panel: vscode.WebviewPanel;
  channel: OverviewChannel;
  state: OverviewState;
  /** Resolvers waiting for the page to draw the headers read. */
  waiting: (() => void)[];
}

/** "MRNet: Dataset Overview": a panel per dataset with its splits, labels, slice counts and intensities as clickable charts. */
export class DatasetOverviews extends Disposable {
  private readonly panels = new Set<OverviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    registry: DatasetRegistry,
    private readonly facts: VolumeFacts,
    private readonly exporter: SliceExporter,
    private readonly log: vscode.LogOutputChannel,
    private readonly showCases: (set: CaseSet) => Thenable<unknown>,
    private readonly openCase: (ref: CaseRef) => Thenable<unknown>,
  ) {
    super();
    this.own({ dispose: () => disposeAll([...this.panels].map((open) => open.panel)) });
    // A re-indexed dataset is a new object: panels follow it by its URI and read what changed.
    this.own(
      registry.onDidChange(() => {
        for (const open of this.panels) {
          const dataset = registry.all.find((d) => d.uri.toString() === open.state.dataset.uri.toString());
          if (!dataset || dataset === open.state.dataset) continue;
          open.state.dataset = dataset;
          void this.readHeaders(open);
        }
      }),
    );
  }

  /** Opens (or reveals) a dataset's overview; resolves once it shows every header read (or reading was cancelled). */
  open(dataset: LoadedDataset): Promise<void> {
    const existing = [...this.panels].find((p) => p.state.dataset.uri.toString() === dataset.uri.toString());
    if (existing) {
      existing.panel.reveal();
      return Promise.resolve();
    }
    const panel = vscode.window.createWebviewPanel(
      OVERVIEW_VIEW_TYPE,
      `Overview: ${dataset.name}`,
      vscode.ViewColumn.Active,
      { retainContextWhenHidden: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'mrnet.svg');
    loadWebview(panel.webview, this.extensionUri, 'overview', `Dataset overview: ${dataset.name}`);
    const open: OverviewPanel = {
      panel,
      channel: overviewChannel(panel, this.log),
      state: new OverviewState(dataset, this.facts),
      waiting: [],
    };
    this.panels.add(open);
    const drawn = new Promise<void>((resolve) => open.waiting.push(resolve));
    open.channel.own({
      dispose: () => {
        this.panels.delete(open);
        for (const resolve of open.waiting.splice(0)) resolve();
      },
    });
    open.channel.listen({
      ready: () => this.send(open),
      rendered: ({ headers }) => {
        if (headers === 'done' || headers === 'cancelled') for (const resolve of open.waiting.splice(0)) resolve();
      },
      readHeaders: () => this.readHeaders(open),
      readIntensities: () => this.readIntensities(open),
      filterCases: ({ selection }) => this.filterCases(open, selection),
      openCase: async ({ split, id }) => {
        const found = open.state.dataset.index.splits.find((s) => s.name === split)?.cases.find((c) => c.id === id);
        if (found) await this.openCase({ dataset: open.state.dataset, case: found });
        else this.log.warn(`Refused to open a case the overview's dataset does not hold: ${split}/${id.slice(0, 50)}`);
      },
      exportImage: ({ name, format, data }) =>
        this.exporter.saveChart(`${open.state.dataset.name}_${name}`, 'Save Chart', format, data),
      exportTable: async ({ name, data }) => {
        const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
        if (bytes.length > MAX_TABLE_BYTES) this.log.warn('Refused a table export larger than 64 MiB');
        else
          await this.exporter.saveAs(
            safeFileName(`${open.state.dataset.name}_${name}.csv`),
            'Save Table as CSV',
            { CSV: ['csv'] },
            bytes,
          );
      },
    });
    // Headers are read while the page loads; it is sent what there is once it is ready, and again when reading ends.
    void this.readHeaders(open);
    return drawn;
  }

  private async send(open: OverviewPanel): Promise<void> {
    await open.channel.post({ type: 'showOverview', overview: open.state.data() });
  }

  /** The Cases tree shows the cases behind what was clicked. */
  private async filterCases(open: OverviewPanel, selection: OverviewSelection): Promise<void> {
    const data = open.state.data();
    const arrays = overviewArrays(data);
    const cases = overviewCases(open.state.dataset.index);
    const keys = new Set(
      selectedCases(data, arrays, selection).map((i) => caseKey({ dataset: open.state.dataset, case: cases[i] })),
    );
    await this.showCases({ label: selectionLabel(selection, data, arrays), keys });
  }

  private async readHeaders(open: OverviewPanel): Promise<void> {
    if (open.state.headerState.state === 'reading') return;
    await open.state.readHeaders();
    await this.send(open);
  }

  private async readIntensities(open: OverviewPanel): Promise<void> {
    if (open.state.intensityState.state === 'reading') return;
    const reading = open.state.readIntensities();
    await this.send(open);
    await reading;
    await this.send(open);
  }
}

/** "MRNet: Dataset Overview": of the dataset row it is run on, else of the only dataset, else of the one picked. */
export function registerOverviewCommand(registry: DatasetRegistry, overviews: DatasetOverviews): vscode.Disposable {
  return vscode.commands.registerCommand('mrnet.datasetOverview', async (arg?: unknown) => {
    await registry.ready();
    const node = arg as { kind?: string; dataset?: LoadedDataset } | undefined;
    let dataset = node?.kind === 'dataset' || node?.kind === 'split' ? node.dataset : undefined;
    if (!dataset && registry.all.length <= 1) dataset = registry.all[0];
    dataset ??= (
      await vscode.window.showQuickPick(
        registry.all.map((d) => ({ label: d.name, description: vscode.workspace.asRelativePath(d.uri), dataset: d })),
        { title: 'MRNet: Dataset Overview', placeHolder: 'Which dataset?' },
      )
    )?.dataset;
    if (dataset) await overviews.open(dataset);
    else if (!registry.all.length)
      void vscode.window.showInformationMessage(
        'No MRNet dataset is open. Use "MRNet: Select Dataset Folder…" or "MRNet: Create Sample Dataset…".',
      );
  });
}
