import { MessageHandlers, dispatch } from '../../src/shared/messageHandlers';
import {
  CaseLabels,
  EmbeddedCase,
  EmbeddedOutput,
  embeddedArray,
  embeddedCaseInfo,
} from '../../src/shared/notebook/embeddedOutput';
import { ArrayContent, CasePlane, HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { VolumeStats } from '../../src/shared/windowing';
import { errorMessage } from '../../src/shared/errorMessage';
import type { VsCodeApi } from '../vscodeApi';

/** Where an output's cases come from: its embedded arrays, or the kernel that holds them (a live output in JupyterLab). */
export interface OutputCases {
  /** Every case, in order: its id, labels and probabilities. */
  readonly list: readonly CaseLabels[];
  /** The planes of case `index`, decoded (a plane that cannot be had comes as its error). */
  planes(index: number): Promise<CasePlane[]>;
}

/** A volume a live output keeps in the kernel: read as the `.npy` editor reads a file too large to hold, a slice at a time. */
export interface OutputArray {
  /** The array's header and middle slice (`sliceFirst`), or, with no kernel to ask, the output's embedded array. */
  content(): Promise<ArrayContent>;
  /** The bytes of a slice along axis 0. */
  slice(index: number): Promise<ArrayBuffer>;
  /** The statistics of a sample of its slices. */
  statistics(): Promise<{ stats: VolumeStats; slices: number }>;
}

/** The cases an output embeds; the first decoded at once, while the page's frame starts. */
export function embeddedCases(output: EmbeddedOutput): OutputCases {
  const cases = output.cases ?? [];
  let first = cases.length ? casePlanes(cases[0]) : undefined;
  return {
    list: cases,
    planes(index) {
      // Taken once: its bytes are handed over to the page.
      const early = index === 0 ? first : undefined;
      if (early) first = undefined;
      return early ?? casePlanes(cases[index]);
    },
  };
}

/**
 * What a notebook output's viewer page has in place of VS Code: its own data. It answers the
 * page's messages as the extension answers a panel's (the array, the case asked for, Next and
 * Previous over the output's cases) from the arrays the output embeds; what needs the extension
 * (files, dialogs) the page does not offer here.
 */
export class OutputPage implements VsCodeApi {
  private state: unknown;
  /** The case shown, by its place in the output; and how many were asked for, so that only the latest is shown. */
  private shown = 0;
  private asked = 0;
  private readonly handlers: MessageHandlers<WebviewMessage>;
  private post: (message: HostMessage, transfer: ArrayBuffer[]) => void = () => undefined;

  /** The output's array, decoded at once, while the page's frame starts; taken once (its bytes are handed over). */
  private array?: Promise<ArrayContent>;

  constructor(
    private readonly output: EmbeddedOutput,
    private readonly cases: OutputCases = embeddedCases(output),
    private readonly liveArray?: OutputArray,
  ) {
    // Not a live one's: the kernel is found from the output's place in the notebook, once it has one.
    if (output.array && !liveArray) this.array = embeddedArray(output.array.name, output.array.npy);
    const ignored = () => undefined;
    this.handlers = {
      ready: () => this.show(this.shown),
      navigate: ({ direction }) => this.show(this.shown + (direction === 'next' ? 1 : -1)),
      openCase: ({ id }) => this.show(this.cases.list.findIndex((c) => c.id === id)),
      // Remembered by the extension for its panels, and read from files by it: nothing to do here.
      addOverlay: ignored,
      rememberPreset: ignored,
      rememberView: ignored,
      readSlice: ({ index, id }) => this.readSlice(index, id),
      readRegion: ignored,
      openMember: ignored,
      exportSlice: ignored,
      exportData: ignored,
      exportIndex: ignored,
    };
  }

  /** How its answers reach the page (its frame's window, once there is one). */
  connect(post: (message: HostMessage, transfer: ArrayBuffer[]) => void): void {
    this.post = post;
  }

  /** The id of the case shown, for cases. */
  get shownCaseId(): string | undefined {
    return this.cases.list[this.shown]?.id;
  }

  postMessage(message: WebviewMessage): void {
    void dispatch(this.handlers, message);
  }

  getState(): unknown {
    return this.state;
  }

  setState(state: unknown): void {
    this.state = state;
  }

  /** A slice the page asks for (a live volume's, the one shown), from the kernel. */
  private async readSlice(index: number, request?: number): Promise<void> {
    if (!this.liveArray) return;
    try {
      const data = await this.liveArray.slice(index);
      this.post({ type: 'slice', request, index, data }, [data]);
    } catch (e) {
      this.post({ type: 'sliceError', index, message: errorMessage(e), request }, []);
    }
  }

  /** The output's array, or its case at `index` (a case outside them is not asked for). */
  private async show(index: number): Promise<void> {
    const { array } = this.output;
    if (array) {
      const content = await (this.array ?? this.liveArray?.content() ?? embeddedArray(array.name, array.npy));
      this.array = undefined;
      const live = content.kind === 'sliceFirst';
      const note = live ? 'live: each slice shown is asked of the kernel' : this.output.notes.join(' ') || undefined;
      this.post(
        { type: 'showArray', array: content, note },
        live ? [content.sliceFirst.first.data] : buffers([content]),
      );
      if (!live || !this.liveArray) return;
      // A kernel gone since its first slice: the slices the page asks for next say why (sliceError).
      const sampled = await this.liveArray.statistics().catch(() => undefined);
      if (sampled) this.post({ type: 'sampledStats', ...sampled }, []);
      return;
    }
    const { list } = this.cases;
    const shownCase = list[index];
    if (!shownCase) return;
    const asked = ++this.asked;
    const planes = await this.cases.planes(index);
    if (asked !== this.asked) return;
    this.shown = index;
    this.post(
      { type: 'showCase', caseInfo: embeddedCaseInfo(this.output, shownCase), planes, caseIds: list.map((c) => c.id) },
      buffers(planes.flatMap((p) => [p.array, ...(p.overlays ?? []).map((o) => o.array)])),
    );
  }
}

/** A case's planes and their overlays, decoded. */
function casePlanes(c: EmbeddedCase): Promise<CasePlane[]> {
  return Promise.all(
    c.planes.map(async ({ plane, npy, overlays }) => ({
      plane,
      array: await embeddedArray(`${c.id} ${plane}`, npy),
      overlays: await Promise.all(
        overlays.map(async (o) => ({ name: o.name, array: await embeddedArray(`${c.id} ${plane} ${o.name}`, o.npy) })),
      ),
    })),
  );
}

/** The bytes of arrays decoded for one message: handed over to the page, not copied (each message decodes its own). */
function buffers(contents: ArrayContent[]): ArrayBuffer[] {
  return contents.flatMap((c) => (c.kind === 'whole' ? [c.data] : []));
}
