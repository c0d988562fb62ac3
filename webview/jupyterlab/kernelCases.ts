import { npyFileContent } from '../../src/shared/notebook/embeddedOutput';
import { MRNET_PLANES } from '../../src/shared/datasetLayout';
import { errorMessage } from '../../src/shared/errorMessage';
import { CasePlane } from '../../src/shared/protocol';
import { integer, list, parser, tagged, text } from '../../src/shared/schema';
import { LiveOutput } from '../notebook/outputFrame';
import type { DecodeArray } from '../notebook/arrayDecoder';
import { OutputCases, embeddedCases } from '../notebook/outputPage';
import { KernelComm } from './kernelComm';
import type { Kernel } from './labTypes';

const name = text(200, { min: 1 });
/** What the kernel answers for a case: its planes (their .npy bytes are the message's buffers, a plane then its overlays). */
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
  }),
);
type Reply = NonNullable<ReturnType<typeof parseReply>>;

/**
 * A live output's cases, asked of the kernel that ran its cell one case at a time, over a comm
 * (only the case shown crosses, as binary buffers). With no kernel to ask (the notebook opened
 * later, the kernel restarted), the case the output embeds is shown and the others say why not.
 */
export class KernelCases implements OutputCases {
  readonly list: OutputCases['list'];
  private readonly comm: KernelComm;

  constructor(
    private readonly output: LiveOutput,
    kernel: () => Kernel | undefined,
    private readonly decode: DecodeArray,
  ) {
    this.list = output.live.cases ?? [];
    this.comm = new KernelComm(output.live.output, kernel);
  }

  async planes(index: number): Promise<CasePlane[]> {
    try {
      const { data, buffers } = await this.comm.ask({ type: 'case', index });
      const reply = parseReply(data);
      if (!reply) throw new Error('the kernel sent a reply that is not one of ours');
      return casePlanes(reply, buffers);
    } catch (e) {
      const id = this.list[index]?.id ?? String(index);
      if (index === 0 && this.output.cases?.[0]?.id === id) return embeddedCases(this.output, this.decode).planes(0);
      const error = `case ${id} cannot be had from the kernel: ${errorMessage(e)}`;
      return MRNET_PLANES.map((plane) => ({ plane, array: { kind: 'error', fileName: `${id} ${plane}`, error } }));
    }
  }

  /** Closes the comm (the output was cleared or its cell run again). */
  dispose(): void {
    this.comm.dispose();
  }
}

/** The planes of a case as the kernel sent them: each buffer a .npy file, a plane then its overlays. */
function casePlanes(reply: Reply, buffers: Uint8Array<ArrayBuffer>[]): CasePlane[] {
  let next = 0;
  const file = (fileName: string) => {
    const bytes = buffers[next++];
    if (!bytes) throw new Error(`the kernel sent no bytes for ${fileName}`);
    return npyFileContent(fileName, bytes);
  };
  return reply.planes.map(({ plane, overlays }) => ({
    plane,
    array: file(`${reply.id} ${plane}`),
    overlays: overlays.map((overlay) => ({ name: overlay, array: file(`${reply.id} ${plane} ${overlay}`) })),
  }));
}
