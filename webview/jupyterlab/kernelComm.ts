import { errorMessage } from '../../src/shared/errorMessage';
import { REFUSED, integer, optional, parser, text, exact } from '../../src/shared/schema';
import type { Comm, CommMessage, Kernel } from './labTypes';

/** The kernel's side: python/mrnet_viewer/_live.py. */
const COMM_TARGET = 'mrnet_viewer';

/** A reply's data and its binary buffers, as bytes. */
export interface KernelReply {
  data: unknown;
  buffers: Uint8Array<ArrayBuffer>[];
}

/** What every reply says: its type, the request it answers, and for an error why. */
const parseEnvelope = parser((v: unknown) => {
  if (typeof v !== 'object' || v === null) return REFUSED;
  const { type, request, message } = v as Record<string, unknown>;
  return exact({ type: text(20, { min: 1 }), request: optional(integer(1)), message: optional(text(1000)) })({
    type,
    ...(request === undefined ? {} : { request }),
    ...(message === undefined ? {} : { message }),
  });
});

interface Asked {
  resolve(reply: KernelReply): void;
  reject(error: Error): void;
}

/**
 * One live output's comm with the kernel that ran its cell: requests numbered, each answered
 * once (by `request`), the kernel's `error` as a rejection. Opened on the first request; with no
 * kernel to ask (the notebook opened later, the kernel restarted or gone), every request fails
 * saying why.
 */
export class KernelComm {
  private comm?: Comm;
  private readonly asked = new Map<number, Asked>();
  private requests = 0;
  /** Why the kernel cannot be asked, once that is known. */
  private gone?: string;

  constructor(
    private readonly output: string,
    private readonly kernel: () => Kernel | undefined,
  ) {}

  /** Sends `request` (with its number added) and gives the kernel's reply. */
  ask(request: Record<string, unknown>): Promise<KernelReply> {
    let comm: Comm;
    try {
      comm = this.open();
    } catch (e) {
      return Promise.reject(new Error(errorMessage(e)));
    }
    const number = ++this.requests;
    return new Promise<KernelReply>((resolve, reject) => {
      this.asked.set(number, { resolve, reject });
      comm.send({ ...request, request: number });
    });
  }

  /** Closes the comm (the output was cleared or its cell run again). */
  dispose(): void {
    this.fail('the output was closed');
    if (this.comm && !this.comm.isDisposed) void this.comm.close();
  }

  private open(): Comm {
    if (this.gone) throw new Error(this.gone);
    if (this.comm) return this.comm;
    const kernel = this.kernel();
    if (!kernel) throw new Error(this.fail('this notebook has no kernel running; run the cell again'));
    const comm = kernel.createComm(COMM_TARGET);
    comm.onMsg = (message) => this.answered(message);
    comm.onClose = () => this.fail('the kernel that held them has gone (restarted or shut down); run the cell again');
    comm.open({ output: this.output });
    return (this.comm = comm);
  }

  private answered(message: CommMessage): void {
    const data = message.content.data;
    const reply = parseEnvelope(data);
    if (reply?.type === 'gone') {
      this.fail('the kernel that held them has gone (restarted); run the cell again');
      return;
    }
    const asked = reply?.request === undefined ? undefined : this.asked.get(reply.request);
    if (!reply?.request || !asked) return;
    this.asked.delete(reply.request);
    if (reply.type === 'error') asked.reject(new Error(reply.message ?? 'the kernel refused the request'));
    else asked.resolve({ data, buffers: (message.buffers ?? []).map(bytesOf) });
  }

  /** Every request asked and not answered fails with `reason`, and so does every later one. */
  private fail(reason: string): string {
    this.gone ??= reason;
    for (const asked of this.asked.values()) asked.reject(new Error(reason));
    this.asked.clear();
    return reason;
  }
}

function bytesOf(buffer: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  return ArrayBuffer.isView(buffer)
    ? new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);
}
