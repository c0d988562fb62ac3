import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/** A stored member: its bytes are `head`, then `size - head.length` bytes that `fill` writes (zeros where it writes none). */
export interface StoredMember {
  name: string;
  head: Uint8Array;
  size: number;
  /** Writes the rest at `offset` in the file (sparse: write only what is not zero); returns the CRC-32 of the whole member. */
  fill?(fd: number, offset: number): number;
}

/** A member np.savez_compressed would write: its bytes deflated. */
export interface DeflatedMember {
  name: string;
  data: Uint8Array;
  deflate: true;
}

/**
 * Writes a zip as np.savez does (stored members) or np.savez_compressed (deflated ones): ZIP64
 * extra fields in the local headers, UTF-8 names. Quick whatever its size: a stored member's
 * zeros are left as a hole in the file.
 */
export function writeZip(path: string, members: (StoredMember | DeflatedMember)[]): void {
  const fd = openSync(path, 'w');
  try {
    let at = 0;
    const write = (bytes: Uint8Array) => {
      writeSync(fd, bytes, 0, bytes.length, at);
      at += bytes.length;
    };
    const central: Uint8Array[] = [];
    for (const member of members) {
      // As written: the bytes in the file (`head`, then `fill`'s), the method, the data's own size and CRC-32.
      const m =
        'deflate' in member
          ? { head: deflateRawSync(member.data), method: 8, size: member.data.length, crc: () => crc32(member.data) }
          : {
              head: member.head,
              method: 0,
              size: member.size,
              crc: (fd: number, at: number) => (member.fill ? member.fill(fd, at) : crc32(member.head)),
            };
      const stored = 'deflate' in member ? m.head.length : member.size;
      const name = new TextEncoder().encode(member.name);
      const offset = at;
      const local = new Uint8Array(30 + name.length + 20);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 45, true);
      lv.setUint16(6, 0x800, true);
      lv.setUint16(8, m.method, true);
      lv.setUint32(18, 0xffffffff, true);
      lv.setUint32(22, 0xffffffff, true);
      lv.setUint16(26, name.length, true);
      lv.setUint16(28, 20, true);
      local.set(name, 30);
      lv.setUint16(30 + name.length, 1, true);
      lv.setUint16(32 + name.length, 16, true);
      lv.setBigUint64(34 + name.length, BigInt(m.size), true);
      lv.setBigUint64(42 + name.length, BigInt(stored), true);
      write(local);
      const dataStart = at;
      writeSync(fd, m.head, 0, m.head.length, dataStart);
      const crc = m.crc(fd, dataStart);
      lv.setUint32(14, crc, true);
      writeSync(fd, local.subarray(0, 30), 0, 30, offset);
      at = dataStart + stored;
      const entry = new Uint8Array(46 + name.length);
      const cv = new DataView(entry.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 45, true);
      cv.setUint16(6, 45, true);
      cv.setUint16(8, 0x800, true);
      cv.setUint16(10, m.method, true);
      cv.setUint32(16, crc, true);
      cv.setUint32(20, stored, true);
      cv.setUint32(24, m.size, true);
      cv.setUint16(28, name.length, true);
      cv.setUint32(42, offset, true);
      entry.set(name, 46);
      central.push(entry);
    }
    const cdOffset = at;
    for (const entry of central) write(entry);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, members.length, true);
    ev.setUint16(10, members.length, true);
    ev.setUint32(12, at - cdOffset, true);
    ev.setUint32(16, cdOffset, true);
    write(end);
  } finally {
    closeSync(fd);
  }
}
