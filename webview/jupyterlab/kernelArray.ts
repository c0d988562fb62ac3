import { errorMessage } from '../../src/shared/errorMessage';
import { NpyHeader, parseNpyHeader } from '../../src/shared/npy/header';
import { middleSlice, sampleSlices, sampledStats, sliceByteRange, sliceCount } from '../../src/shared/npy/streaming';
import { ArrayContent } from '../../src/shared/protocol';
import { exact, integer, oneOf, parser } from '../../src/shared/schema';
import { VolumeStats } from '../../src/shared/windowing';
import type { DecodeArray } from '../notebook/arrayDecoder';
import { LiveOutput } from '../notebook/outputFrame';
import { OutputArray } from '../notebook/outputPage';
import { KernelComm } from './kernelComm';
import type { Kernel } from './labTypes';

const parseSlice = parser(exact({ type: oneOf(['slice']), request: integer(1), index: integer(0) }));

/**
 * A live output's volume, asked of the kernel a slice (along its first axis) at a time, as
 * they are shown: the page reads it as the `.npy` editor reads a file too large to hold. With
 * no kernel to ask, the strided preview the output embeds is shown instead.
 */
export class KernelArray implements OutputArray {
  private readonly comm: KernelComm;
  private header?: Promise<NpyHeader>;

  constructor(
    private readonly output: LiveOutput,
    kernel: () => Kernel | undefined,
    private readonly decode: DecodeArray,
  ) {
    this.comm = new KernelComm(output.live.output, kernel);
  }

  async content(): Promise<ArrayContent> {
    const { name, npy } = this.output.array!;
    try {
      const header = await this.headerOf();
      const index = middleSlice(sliceCount(header));
      const data = await this.slice(index);
      return { kind: 'sliceFirst', fileName: name, header, sliceFirst: { first: { index, data }, whole: false } };
    } catch {
      return this.decode(name, npy);
    }
  }

  async slice(index: number): Promise<ArrayBuffer> {
    const header = await this.headerOf();
    const { data, buffers } = await this.comm.ask({ type: 'slice', index });
    const reply = parseSlice(data);
    const [bytes] = buffers;
    const { length } = sliceByteRange(header, index);
    if (reply?.index !== index || bytes?.length !== length)
      throw new Error(`the kernel's reply for slice ${index} is not ${length} bytes of it`);
    return bytes.slice().buffer;
  }

  /** The statistics the page's contrast and histogram start from: those of a sample of slices, as for a large file. */
  async statistics(): Promise<{ stats: VolumeStats; slices: number }> {
    const header = await this.headerOf();
    const indices = sampleSlices(sliceCount(header));
    const slices = await Promise.all(indices.map((i) => this.slice(i)));
    return {
      stats: sampledStats(
        header,
        slices.map((s) => new Uint8Array(s)),
      ),
      slices: indices.length,
    };
  }

  dispose(): void {
    this.comm.dispose();
  }

  private headerOf(): Promise<NpyHeader> {
    return (this.header ??= this.comm.ask({ type: 'header' }).then(({ buffers: [bytes] }) => {
      if (!bytes) throw new Error('the kernel sent no header');
      try {
        // The header alone: the data it declares stays in the kernel, so no file size bounds it.
        return parseNpyHeader(bytes, Number.MAX_SAFE_INTEGER);
      } catch (e) {
        throw new Error(`the kernel's header cannot be read: ${errorMessage(e)}`);
      }
    }));
  }
}
