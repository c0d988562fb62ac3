import { MessageHandlers, dispatch } from '../../src/shared/messageHandlers';
import {
  CaseLabels,
  EmbeddedCase,
  EmbeddedOutput,
  embeddedCaseInfo,
  embeddedMiddleSlice,
} from '../../src/shared/notebook/embeddedOutput';
import { sliceByteRange, sliceCount } from '../../src/shared/npy/streaming';
import { ArrayContent, CasePlane, HostMessage, WebviewMessage } from '../../src/shared/protocol';
import { VolumeStats } from '../../src/shared/windowing';
import { errorMessage } from '../../src/shared/errorMessage';
import type { VsCodeApi } from '../vscodeApi';
import type { DecodeArray } from './arrayDecoder';

/** Where an output's cases come from: its embedded arrays, or the kernel that holds them (a live output in JupyterLab). */
export interface OutputCases {
  /** Every case, in order: its id, labels and probabilities. */
  readonly list: readonly CaseLabels[];
  /** The planes of case `index`, decoded (a plane that cannot be had comes as its error). */
  planes(index: number): Promise<CasePlane[]>;
  /** Each plane's middle slice of case `index`, where the output carries them apart: shown while the whole is inflated. */
  middleSlices?(index: number): Promise<CasePlane[] | undefined>;
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

/** The cases an output embeds; the first case's middle slices and planes decoded at once, while the page's frame starts. */
export function embeddedCases(output: EmbeddedOutput, decode: DecodeArray): OutputCases {
  const cases = output.cases ?? [];
  const firstMiddles = firstOnce(cases[0] && middleSlices(cases[0]));
  const firstPlanes = firstOnce(cases[0] && casePlanes(cases[0], decode));
  return {
    list: cases,
    planes: (index) => firstPlanes(index) ?? casePlanes(cases[index], decode),
    middleSlices: (index) => firstMiddles(index) ?? middleSlices(cases[index]),
  };
}

/** `value` for case 0, the first time it is asked for: its bytes are handed over to the page. */
function firstOnce<T>(value: T | undefined): (index: number) => T | undefined {
  return (index) => {
    const taken = index === 0 ? value : undefined;
    if (index === 0) value = undefined;
    return taken;
  };
}

/** A case's middle slices, where the output carries them and the case has no overlays (drawn with their planes, it is shown whole). */
async function middleSlices(c: EmbeddedCase | undefined): Promise<CasePlane[] | undefined> {
  if (!c?.planes.every((p) => p.middle && p.overlays.length === 0)) return undefined;
  const planes = await Promise.all(
    c.planes.map(async ({ plane, middle }) => ({
      plane,
      array: await embeddedMiddleSlice(`${c.id} ${plane}`, middle!),
    })),
  );
  return planes.every((p) => p.array) ? (planes as CasePlane[]) : undefined;
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
    private readonly decode: DecodeArray,
    private readonly cases: OutputCases = embeddedCases(output, decode),
    private readonly liveArray?: OutputArray,
  ) {
    // Not a live one's: the kernel is found from the output's place in the notebook, once it has one.
    if (output.array && !liveArray) this.array = decode(output.array.name, output.array.npy);
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
      const content = await (this.array ?? this.liveArray?.content() ?? this.decode(array.name, array.npy));
      this.array = undefined;
      const live = content.kind === 'sliceFirst';
      const note = live ? 'live: each slice shown is asked of the kernel' : this.output.notes.join(' ') || undefined;
      this.post({ type: 'showArray', array: content, note }, buffers([content]));
      if (!live || !this.liveArray) return;
      // A kernel gone since its first slice: the slices the page asks for next say why (sliceError).
      const sampled = await this.liveArray.statistics().catch(() => undefined);
      if (sampled) this.post({ type: 'sampledStats', ...sampled }, []);
      return;
    }
    if (!this.cases.list[index]) return;
    const asked = ++this.asked;
    // Each plane's middle slice painted first, while the whole planes are inflated.
    const first = await this.cases.middleSlices?.(index);
    if (first && asked === this.asked) this.showCase(index, first);
    const planes = await this.cases.planes(index);
    if (asked !== this.asked) return;
    if (first && planes.every((p) => p.array.kind === 'whole')) this.sendSlices(planes, first);
    else this.showCase(index, planes);
  }

  private showCase(index: number, planes: CasePlane[]): void {
    const { list } = this.cases;
    this.shown = index;
    this.post(
      {
        type: 'showCase',
        caseInfo: embeddedCaseInfo(this.output, list[index]),
        planes,
        caseIds: list.map((c) => c.id),
      },
      buffers(planes.flatMap((p) => [p.array, ...(p.overlays ?? []).map((o) => o.array)])),
    );
  }

  /**
   * Every slice but the one shown first, of each plane, unasked: the page then holds each plane
   * whole, as it holds a file the extension sends slice by slice (and its requests of a slice,
   * read ahead, are answered by these).
   */
  private sendSlices(planes: CasePlane[], first: CasePlane[]): void {
    planes.forEach(({ plane, array }, i) => {
      const shown = first[i].array;
      if (array.kind !== 'whole' || shown.kind !== 'sliceFirst') return;
      for (let index = 0; index < sliceCount(array.header); index++) {
        if (index === shown.sliceFirst.first.index) continue;
        const { length } = sliceByteRange(array.header, index);
        const data = array.data.slice(index * length, (index + 1) * length);
        this.post({ type: 'slice', plane, index, data }, [data]);
      }
    });
  }
}

/** A case's planes and their overlays, decoded. */
function casePlanes(c: EmbeddedCase, decode: DecodeArray): Promise<CasePlane[]> {
  return Promise.all(
    c.planes.map(async ({ plane, npy, overlays }) => ({
      plane,
      array: await decode(`${c.id} ${plane}`, npy),
      overlays: await Promise.all(
        overlays.map(async (o) => ({ name: o.name, array: await decode(`${c.id} ${plane} ${o.name}`, o.npy) })),
      ),
    })),
  );
}

/** The bytes of arrays decoded for one message: handed over to the page, not copied (each message decodes its own). */
function buffers(contents: ArrayContent[]): ArrayBuffer[] {
  return contents.flatMap((c) =>
    c.kind === 'whole' ? [c.data] : c.kind === 'sliceFirst' ? [c.sliceFirst.first.data] : [],
  );
}
