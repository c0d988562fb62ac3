import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { parseNpyHeader } from '../shared/npy/header';
import { numpyExpression } from '../shared/npy/planeSource';
import { DataFormat, ExportFormat, WebviewMessage } from '../shared/protocol';
import { ArrayChannel } from '../webviews/webviewChannel';
import { MessageHandlers } from '../shared/messageHandlers';
import { errorMessage } from '../shared/errorMessage';
import { ChartFormat } from '../shared/chartFormats';

/** A panel whose slices can leave the viewer, and the array file behind each of its planes. */
export interface ExportTarget {
  channel: ArrayChannel;
  /** The file (and `.npz` member) a plane shows: the editor's one file, or a case's plane file. */
  fileOf(plane: string | undefined): { uri: vscode.Uri; member?: string } | undefined;
  /** A file name stem for what is saved: `0000`, `cams_acl`, `0003_sagittal`. */
  stemOf(plane: string | undefined): string;
}

/** What a panel sends when asked for its slice. */
type ExportMessage = Extract<WebviewMessage, { type: 'exportData' | 'exportIndex' }>;

/** The largest export the host accepts from a webview (a 2048 × 2048 complex128 slice is 64 MiB). */
const MAX_EXPORT_BYTES = 256 * 2 ** 20;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The save dialog of each format a slice leaves as. */
const SAVE_AS: Record<DataFormat, { title: string; filters: Record<string, string[]> }> = {
  png: { title: 'Save Slice as PNG', filters: { 'PNG image': ['png'] } },
  npy: { title: 'Save Slice as .npy', filters: { 'NumPy array': ['npy'] } },
  csv: { title: 'Export Slice as CSV', filters: { CSV: ['csv'] } },
};

/**
 * Getting a view out: "Save Slice as PNG…", "Save Slice as .npy…" and "Copy NumPy
 * Expression", from a toolbar button or the command palette. The host asks the webview for
 * the slice, checks what comes back (a PNG, a parseable 2-D `.npy`, an index of integers),
 * and writes only where the user chose in a save dialog, which never opens in a dataset.
 */
export class SliceExporter {
  private readonly targets = new Set<ExportTarget>();
  /** What each panel was asked for: data it sends unasked is refused. */
  private readonly pending = new Map<ExportTarget, { format: ExportFormat; plane?: string }>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly isInDataset: (uri: vscode.Uri) => boolean,
  ) {}

  /** The panel's slices can be exported until it closes; its export messages go to `handlers`. */
  register(target: ExportTarget): vscode.Disposable {
    this.targets.add(target);
    return new vscode.Disposable(() => {
      this.targets.delete(target);
      this.pending.delete(target);
    });
  }

  /**
   * The command palette's and the webview context menu's target: the active array panel, and
   * from the context menu the plane right-clicked (its `data-vscode-context`; checked when the
   * data comes back, like any plane a webview names).
   */
  async command(format: ExportFormat, context?: unknown): Promise<void> {
    const target = this.activeTarget();
    if (!target) {
      void vscode.window.showInformationMessage('Open a .npy or .npz file, or a case, to export one of its slices.');
      return;
    }
    const plane = (context as { mrnetPlane?: unknown } | undefined)?.mrnetPlane;
    await this.start(target, format, typeof plane === 'string' ? plane.slice(0, 255) : undefined);
  }

  /** The active array panel (a .npy or .npz editor, or a case viewer), if one is. */
  activeTarget(): ExportTarget | undefined {
    return [...this.targets].find((t) => t.channel.panel.active);
  }

  /** Asks the panel for its slice; for a PNG, first at which size. */
  async start(target: ExportTarget, format: ExportFormat, plane: string | undefined): Promise<void> {
    let displayedSize: boolean | undefined;
    if (format === 'png') {
      const size = await vscode.window.showQuickPick(
        [
          {
            label: "At the array's resolution",
            description: 'one pixel per element, with the contrast and colours shown',
            displayed: false,
          },
          { label: 'At the displayed size', description: 'as on screen, zoom and all', displayed: true },
        ],
        { title: 'Save Slice as PNG' },
      );
      if (!size) return;
      displayedSize = size.displayed;
    }
    this.pending.set(target, { format, plane });
    await target.channel.post({ type: 'requestExport', format, plane, displayedSize });
  }

  /** A panel's export messages: a toolbar button, and the data it sends back when asked. */
  handlers(target: ExportTarget): Pick<MessageHandlers<WebviewMessage>, ExportMessage['type'] | 'exportSlice'> {
    return {
      exportSlice: (message) => this.start(target, message.format, message.plane),
      exportData: (message) => this.receive(target, message),
      exportIndex: (message) => this.receive(target, message),
    };
  }

  /** Checks what a panel sends back and writes it, or copies the expression. */
  private async receive(target: ExportTarget, message: ExportMessage): Promise<void> {
    const asked = this.pending.get(target);
    const format = message.type === 'exportIndex' ? 'expression' : message.format;
    // A request from the command palette names no plane: the webview answers for its active one.
    if (!asked || asked.format !== format || (asked.plane !== undefined && asked.plane !== message.plane)) {
      this.log.warn(`Refused ${format} data a webview sent unasked`);
      return;
    }
    this.pending.delete(target);
    const file = target.fileOf(message.plane);
    if (!file) {
      this.log.warn(`Refused an export of a plane the panel does not show: ${String(message.plane).slice(0, 100)}`);
      return;
    }
    if (message.type === 'exportIndex') {
      const folder = vscode.workspace.getWorkspaceFolder(file.uri);
      const path = folder ? vscode.workspace.asRelativePath(file.uri, false) : file.uri.fsPath;
      const expression = numpyExpression(path, file.member, message.index, message.order);
      await vscode.env.clipboard.writeText(expression);
      void vscode.window.showInformationMessage(`Copied: ${expression}`);
      return;
    }
    const bytes = message.data instanceof Uint8Array ? message.data : new Uint8Array(message.data);
    const problem = this.check(message.format, bytes);
    if (problem) {
      this.log.warn(`Refused a ${message.format} export: ${problem}`);
      return;
    }
    const name = `${target.stemOf(message.plane)}_slice${message.slice}.${message.format}`;
    const { title, filters } = SAVE_AS[message.format];
    await this.saveAs(name, title, filters, bytes);
  }

  /** Asks where to save `bytes` (outside any dataset by default) and writes them there. */
  async saveAs(name: string, title: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<void> {
    const uri = await vscode.window.showSaveDialog({
      title,
      defaultUri: vscode.Uri.joinPath(this.saveFolder(), name),
      filters,
    });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, bytes);
    this.log.info(`Saved ${uri.toString()}`);
  }

  /** Saves a chart a webview drew (PNG or SVG), once its bytes are checked to be that image. */
  async saveChart(name: string, title: string, format: ChartFormat, data: ArrayBuffer | Uint8Array): Promise<void> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const looksRight =
      format === 'png'
        ? PNG_SIGNATURE.every((b, i) => bytes[i] === b)
        : new TextDecoder().decode(bytes.subarray(0, 200)).trimStart().startsWith('<svg');
    if (!looksRight || bytes.length > MAX_EXPORT_BYTES) {
      this.log.warn(`Refused a chart export that is not a ${format} image`);
      return;
    }
    await this.saveAs(
      safeFileName(`${name}.${format}`),
      title,
      format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
      bytes,
    );
  }

  /** Why bytes a webview sent are not what was asked for, if they are not. */
  private check(format: DataFormat, bytes: Uint8Array): string | undefined {
    if (bytes.length === 0 || bytes.length > MAX_EXPORT_BYTES) return `${bytes.length} bytes`;
    if (format === 'png') return PNG_SIGNATURE.every((b, i) => bytes[i] === b) ? undefined : 'not a PNG image';
    if (format === 'csv') return bytes.includes(0) ? 'not text: it holds NUL bytes' : undefined;
    try {
      const header = parseNpyHeader(bytes, bytes.length);
      return header.shape.length === 2 || header.shape.length === 3
        ? undefined
        : `a slice has 2 or 3 axes, not ${header.shape.length}`;
    } catch (e) {
      return `not a .npy: ${errorMessage(e)}`;
    }
  }

  /** Where the save dialog opens: the first workspace folder, unless it is (in) a dataset; then the home folder. */
  private saveFolder(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder && !this.isInDataset(folder) ? folder : vscode.Uri.file(homedir());
  }
}

/** A file name made of letters, digits, `_`, `.` and `-` only, whatever a webview or a model name holds. */
export function safeFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N}_.-]+/gu, '_').slice(0, 200);
}
