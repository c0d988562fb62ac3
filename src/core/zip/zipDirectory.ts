import { ArraySource } from '../arraySource';

/** Every refusal the zip layer makes: a message a user can act on. */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

/** A member of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; others are refused when the member is opened. */
  method: number;
  encrypted: boolean;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A ZIP64 field (8 bytes) as a number; past 2^53 the archive is refused. */
function uint64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('the central directory declares a size or offset beyond 2^53 bytes');
  return Number(n);
}

async function readExactly(archive: ArraySource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > archive.size)
    throw new ZipFormatError(
      `the ${what} lies beyond the end of the archive (the archive is truncated or inconsistent)`,
    );
  const bytes = await archive.read(offset, length);
  if (bytes.length < length) throw new ZipFormatError(`the archive ends inside the ${what}`);
  return bytes;
}

/**
 * The members of a zip archive (as `np.savez` and `np.savez_compressed` write them, ZIP64
 * records included), read from its central directory with ranged reads: the end record,
 * then the directory, never the members' data.
 */
export async function readZipDirectory(archive: ArraySource): Promise<ZipEntry[]> {
  const { count, cdSize, cdOffset, directoryEnd } = await endOfDirectory(archive);
  if (cdOffset + cdSize > directoryEnd)
    throw new ZipFormatError(
      `the central directory (${cdSize} bytes at ${cdOffset}) overlaps its end record (the central directory is inconsistent or the archive truncated)`,
    );
  if (count * CENTRAL_SIZE > cdSize)
    throw new ZipFormatError(
      `the central directory declares ${count} members in ${cdSize} bytes (the central directory is inconsistent)`,
    );
  const cd = await readExactly(archive, cdOffset, cdSize, 'central directory');
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const { entry, end } = centralRecord(cd, at, i + 1, count);
    entries.push(entry);
    at = end;
  }
  return entries;
}

/** Where the central directory is and how many members it lists: from the end record, or its ZIP64 record. */
async function endOfDirectory(
  archive: ArraySource,
): Promise<{ count: number; cdSize: number; cdOffset: number; directoryEnd: number }> {
  // The end record, with a ZIP64 locator before it: first where an archive without a comment
  // (NumPy's) has them, then in the last 64 KiB, where a comment can push it.
  let tail: Uint8Array = new Uint8Array(0);
  let tailStart = 0;
  let eocd = -1;
  for (const window of [EOCD_SIZE + 20, EOCD_SIZE + MAX_COMMENT + 20]) {
    const tailLength = Math.min(archive.size, window);
    tailStart = archive.size - tailLength;
    tail = await archive.read(tailStart, tailLength);
    eocd = findEndRecord(tail);
    if (eocd >= 0 || tailLength === archive.size) break;
  }
  const tv = view(tail);
  if (eocd < 0)
    throw new ZipFormatError(
      'not a zip archive (an .npz is one): no end-of-central-directory record; the file is not a zip or is truncated',
    );
  if (tv.getUint16(eocd + 4, true) !== 0 || tv.getUint16(eocd + 6, true) !== 0)
    throw new ZipFormatError('multi-disk (split) archives are not read');
  const locator = eocd - 20;
  if (locator < 0 || tv.getUint32(locator, true) !== ZIP64_LOCATOR)
    return {
      count: tv.getUint16(eocd + 10, true),
      cdSize: tv.getUint32(eocd + 12, true),
      cdOffset: tv.getUint32(eocd + 16, true),
      directoryEnd: tailStart + eocd,
    };
  const recordOffset = uint64(tv, locator + 8);
  const record = view(await readExactly(archive, recordOffset, 56, 'ZIP64 end-of-central-directory record'));
  if (record.getUint32(0, true) !== ZIP64_EOCD)
    throw new ZipFormatError(
      'the ZIP64 end-of-central-directory record is missing where its locator points (the central directory is inconsistent)',
    );
  return {
    count: uint64(record, 32),
    cdSize: uint64(record, 40),
    cdOffset: uint64(record, 48),
    directoryEnd: recordOffset,
  };
}

/** Member `member` of `count`, whose central record starts at `at`, and where the next record starts. */
function centralRecord(cd: Uint8Array, at: number, member: number, count: number): { entry: ZipEntry; end: number } {
  const cv = view(cd);
  if (at + CENTRAL_SIZE > cd.length || cv.getUint32(at, true) !== CENTRAL)
    throw new ZipFormatError(`the central directory is inconsistent: member ${member} of ${count} has no record`);
  const flags = cv.getUint16(at + 8, true);
  const nameLength = cv.getUint16(at + 28, true);
  const extraLength = cv.getUint16(at + 30, true);
  const commentLength = cv.getUint16(at + 32, true);
  const end = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
  if (end > cd.length)
    throw new ZipFormatError(`the central directory is inconsistent: the record of member ${member} runs past its end`);
  const nameBytes = cd.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
  // Bit 11: UTF-8 names (what Python writes for non-ASCII names); otherwise code page 437,
  // which is ASCII for the names NumPy writes.
  const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes);
  const extra = cd.subarray(at + CENTRAL_SIZE + nameLength, at + CENTRAL_SIZE + nameLength + extraLength);
  const { size, compressedSize, localHeaderOffset } = zip64Fields(extra, name, {
    size: cv.getUint32(at + 24, true),
    compressedSize: cv.getUint32(at + 20, true),
    localHeaderOffset: cv.getUint32(at + 42, true),
  });
  const entry: ZipEntry = {
    name,
    method: cv.getUint16(at + 10, true),
    encrypted: (flags & 1) !== 0,
    crc32: cv.getUint32(at + 16, true),
    compressedSize,
    size,
    localHeaderOffset,
  };
  return { entry, end };
}

/** The ZIP64 extra field's 8-byte values of the fields that hold 0xFFFFFFFF, in this order. */
function zip64Fields(
  extra: Uint8Array,
  name: string,
  fields: { size: number; compressedSize: number; localHeaderOffset: number },
): { size: number; compressedSize: number; localHeaderOffset: number } {
  let { size, compressedSize, localHeaderOffset } = fields;
  const ev = view(extra);
  for (let e = 0; e + 4 <= extra.length;) {
    const id = ev.getUint16(e, true);
    const length = ev.getUint16(e + 2, true);
    if (id === 0x0001) {
      let p = e + 4;
      const next = () => {
        if (p + 8 > e + 4 + length || p + 8 > extra.length)
          throw new ZipFormatError(
            `the ZIP64 field of member '${name}' is too short (the central directory is inconsistent)`,
          );
        const value = uint64(ev, p);
        p += 8;
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
    }
    e += 4 + length;
  }
  return { size, compressedSize, localHeaderOffset };
}

/** The last end record in `tail` whose comment reaches the end of the file, or -1. */
function findEndRecord(tail: Uint8Array): number {
  const tv = view(tail);
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD && i + EOCD_SIZE + tv.getUint16(i + 20, true) === tail.length) return i;
  }
  return -1;
}

/** Why a member cannot be opened as an array, before anything of it is read; undefined if it can be tried. */
export function entryProblem(entry: ZipEntry): string | undefined {
  if (!entry.name.endsWith('.npy')) return 'it is not a .npy array; only .npy members are shown';
  if (entry.encrypted) return 'it is encrypted; encrypted members are not read';
  if (entry.method !== 0 && entry.method !== 8)
    return `it uses compression method ${entry.method}; only stored (0) and deflate (8) are read`;
  return undefined;
}

/** Where a member's data starts, from its local header, which must agree with the central directory. */
export async function entryDataOffset(archive: ArraySource, entry: ZipEntry): Promise<number> {
  const header = view(
    await readExactly(archive, entry.localHeaderOffset, LOCAL_SIZE, `local header of '${entry.name}'`),
  );
  if (header.getUint32(0, true) !== LOCAL)
    throw new ZipFormatError(
      `no local header where the central directory puts '${entry.name}' (the archive is inconsistent)`,
    );
  const nameLength = header.getUint16(26, true);
  const extraLength = header.getUint16(28, true);
  const start = entry.localHeaderOffset + LOCAL_SIZE + nameLength + extraLength;
  if (start + entry.compressedSize > archive.size)
    throw new ZipFormatError(
      `its data (${entry.compressedSize} bytes) lies beyond the end of the archive (the archive is truncated or inconsistent)`,
    );
  return start;
}
