import { promisify } from 'node:util';
import { constants, crc32, inflateRaw, inflateRawSync } from 'node:zlib';
import { ArraySource, HEADER_READ, WHOLE_READ_LIMIT } from '../core/arraySource';
import { formatBytes } from '../shared/format';
import { ZipEntry, ZipFormatError, entryDataOffset } from '../core/zip/zipDirectory';
import { errorMessage } from '../shared/errorMessage';

const inflate = promisify(inflateRaw);
/** Compressed bytes inflated to read a deflated member's header alone. */
const PREFIX_INPUT = 64 * 1024;

/**
 * One `.npy` member of an `.npz` archive. A stored member is read in place: its ranges are
 * ranges of the archive (so a 2 GiB member of a local archive is read slice by slice, as a
 * `.npy` is). A deflated member is inflated by Node's zlib, from its own compressed bytes
 * only, never the whole archive. A member read whole is checked against its CRC-32.
 */
export class NpzMemberSource implements ArraySource {
  readonly name: string;
  readonly size: number;
  readonly ranged: boolean;
  private inflated?: Promise<Uint8Array>;
  private dataOffset?: Promise<number>;

  constructor(
    private readonly archive: ArraySource,
    private readonly entry: ZipEntry,
  ) {
    this.name = `${archive.name}: ${entry.name}`;
    this.size = entry.size;
    this.ranged = entry.method === 0 && archive.ranged;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = await (this.dataOffset ??= entryDataOffset(this.archive, this.entry));
    if (this.entry.method === 0) {
      if (this.entry.compressedSize !== this.entry.size)
        throw new ZipFormatError(
          `the stored member '${this.entry.name}' declares ${this.entry.size} bytes but holds ${this.entry.compressedSize} (the archive is inconsistent)`,
        );
      const bytes = await this.archive.read(start + offset, Math.max(0, Math.min(length, this.size - offset)));
      if (offset === 0 && bytes.length === this.size) this.checkCrc(bytes);
      return bytes;
    }
    // A header alone (less than the whole member): inflate the first compressed bytes only.
    if (!this.inflated && offset + length <= HEADER_READ && offset + length < this.size) {
      const input = await this.archive.read(start, Math.min(this.entry.compressedSize, PREFIX_INPUT));
      try {
        return inflateRawSync(input, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(offset, offset + length);
      } catch (e) {
        throw new ZipFormatError(`it cannot be inflated: ${errorMessage(e)}`);
      }
    }
    this.inflated ??= this.inflateWhole(start);
    return (await this.inflated).subarray(offset, offset + length);
  }

  private async inflateWhole(start: number): Promise<Uint8Array> {
    if (this.size > WHOLE_READ_LIMIT)
      throw new ZipFormatError(
        `it inflates to ${formatBytes(this.size)}; deflated members above ${formatBytes(WHOLE_READ_LIMIT)} are not read (save it uncompressed, np.savez, to view it slice by slice)`,
      );
    const compressed = await this.archive.read(start, this.entry.compressedSize);
    let out: Uint8Array;
    try {
      // maxOutputLength bounds the memory a forged archive can make us allocate.
      out = await inflate(compressed, { maxOutputLength: Math.max(1, this.size) });
    } catch (e) {
      throw new ZipFormatError(`it cannot be inflated: ${errorMessage(e)}`);
    }
    if (out.length !== this.size)
      throw new ZipFormatError(
        `it inflates to ${out.length} bytes, not the ${this.size} its directory declares (the archive is inconsistent)`,
      );
    this.checkCrc(out);
    return out;
  }

  private checkCrc(bytes: Uint8Array): void {
    const actual = crc32(bytes) >>> 0;
    if (actual !== this.entry.crc32) {
      throw new ZipFormatError(
        `its CRC-32 is ${hex(actual)}, not the ${hex(this.entry.crc32)} the archive records: the member is corrupt`,
      );
    }
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
