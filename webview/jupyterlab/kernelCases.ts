import { EmbeddedOutput, npyFileContent } from '../../src/shared/notebook/embeddedOutput';
import { MRNET_PLANES } from '../../src/shared/datasetLayout';
import { errorMessage } from '../../src/shared/errorMessage';
import { CasePlane } from '../../src/shared/protocol';
import { integer, list, parser, tagged, text } from '../../src/shared/schema';
import { OutputCases, embeddedCases } from '../notebook/outputPage';
import type { Comm, CommMessage, Kernel } from './labTypes';

/** The kernel's side: python/mrnet_viewer/_live.py. */
const COMM_TARGET = 'mrnet_viewer';

const name = text(200, { min: 1 });
/** What the kernel answers: a case's planes (their .npy bytes are the message's buffers, a plane then its overlays), or why not. */
const parseReply = parser(
  tagged('type', {
    case: {
      request: integer(0),
      index: integer(0),
      id: name,
      planes: list(
        tagged('plane', Object.fromEntries(MRNET_PLANES.map((p) => [p, { overlays: list(name, 20) }]))),
        3,
        1,
      ),
    },
    error: { request: integer(0), message: text(1000) },
    gone: {},
  }),
);
type Reply = NonNullable<ReturnType<typeof parseReply>>;

interface Asked {
  resolve(planes: CasePlane[]): void;
  reject(error: Error): void;
}

/**
 * A live output's cases, asked of the kernel that ran its cell one case at a time, over a comm
 * (only the case shown crosses, as binary buffers). With no kernel to ask (the notebook opened
 * later, the kernel restarted), the case the output embeds is shown and the others say why not.
 */
export class KernelCases implements OutputCases {
  readonly list: OutputCases['list'];
  private comm?: Comm;
  private readonly asked = new Map<number, Asked>();
  private requests = 0;
  /** Why the kernel cannot be asked, once that is known. */
  private gone?: string;

  constructor(
    private readonly output: EmbeddedOutput & { live: NonNullable<EmbeddedOutput['live']> },
    private readonly kernel: () => Kernel | undefined,
  ) {
    this.list = output.live.cases;
  }

  async planes(index: number): Promise<CasePlane[]> {
    try {
      return await this.ask(index);
    } catch (e) {
      const id = this.list[index]?.id ?? String(index);
      if (index === 0 && this.output.cases?.[0]?.id === id) return embeddedCases(this.output).planes(0);
      const error = `case ${id} cannot be had from the kernel: ${errorMessage(e)}`;
      return MRNET_PLANES.map((plane) => ({ plane, array: { kind: 'error', fileName: `${id} ${plane}`, error } }));
    }
  }

  /** Closes the comm (the output was cleared or its cell run again). */
  dispose(): void {
    this.fail('the output was closed');
    if (this.comm && !this.comm.isDisposed) void this.comm.close();
  }

  private ask(index: number): Promise<CasePlane[]> {
    const comm = this.open();
    const request = ++this.requests;
    return new Promise<CasePlane[]>((resolve, reject) => {
      this.asked.set(request, { resolve, reject });
      comm.send({ type: 'case', index, request });
    });
  }

  private open(): Comm {
    if (this.gone) throw new Error(this.gone);
    if (this.comm) return this.comm;
    const kernel = this.kernel();
    if (!kernel) throw new Error(this.fail('this notebook has no kernel running; run the cell again'));
    const comm = kernel.createComm(COMM_TARGET);
    comm.onMsg = (message) => this.answered(message);
    comm.onClose = () => this.fail('the kernel that held them has gone (restarted or shut down); run the cell again');
    comm.open({ output: this.output.live.output });
    return (this.comm = comm);
  }

  private answered(message: CommMessage): void {
    const reply = parseReply(message.content.data);
    if (!reply) return;
    if (reply.type === 'gone') {
      this.fail('the kernel that held them has gone (restarted); run the cell again');
      return;
    }
    const asked = this.asked.get(reply.request);
    this.asked.delete(reply.request);
    if (!asked) return;
    if (reply.type === 'error') asked.reject(new Error(reply.message));
    else {
      try {
        asked.resolve(casePlanes(reply, message.buffers ?? []));
      } catch (e) {
        asked.reject(new Error(errorMessage(e)));
      }
    }
  }

  /** Every case asked for and not answered fails with `why`, and so does every later one. */
  private fail(why: string): string {
    this.gone ??= why;
    for (const asked of this.asked.values()) asked.reject(new Error(why));
    this.asked.clear();
    return why;
  }
}

/** The planes of a case as the kernel sent them: each buffer a .npy file, a plane then its overlays. */
function casePlanes(reply: Reply & { type: 'case' }, buffers: (ArrayBuffer | ArrayBufferView)[]): CasePlane[] {
  let next = 0;
  const file = (fileName: string) => {
    const buffer = buffers[next++];
    if (!buffer) throw new Error(`the kernel sent no bytes for ${fileName}`);
    const bytes = ArrayBuffer.isView(buffer)
      ? new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength)
      : new Uint8Array(buffer);
    return npyFileContent(fileName, bytes);
  };
  return reply.planes.map(({ plane, overlays }) => ({
    plane,
    array: file(`${reply.id} ${plane}`),
    overlays: overlays.map((overlay) => ({ name: overlay, array: file(`${reply.id} ${plane} ${overlay}`) })),
  }));
}
