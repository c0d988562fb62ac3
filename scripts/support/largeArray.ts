import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { dump } from 'npyjs';
import { StoredMember } from './zipWriter';

/** The value a large test volume holds at [k, y, x] on its patterned slices. */
export const patternAt = (k: number, y: number, x: number) => (x + 2 * y + 3 * k) & 255;

/**
 * Writes a uint8 .npy of `shape` quickly, whatever its size: a sparse file of zeros except the
 * `patterned` slices, which hold patternAt. Returns the header length.
 */
export function writeLargeVolume(path: string, shape: [number, number, number], patterned: number[]): number {
  const [n, h, w] = shape;
  const header = new Uint8Array(dump(new Uint8Array(0), shape));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header, 0, header.length, 0);
    ftruncateSync(fd, header.length + n * h * w);
    const slice = new Uint8Array(h * w);
    for (const k of patterned) {
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) slice[y * w + x] = patternAt(k, y, x);
      writeSync(fd, slice, 0, slice.length, header.length + k * h * w);
    }
  } finally {
    closeSync(fd);
  }
  return header.length;
}

/**
 * The same volume as a stored member of a zip (see zipWriter): zeros but for the `patterned`
 * slices, its CRC-32 computed over every byte without holding them.
 */
export function largeVolumeMember(name: string, shape: [number, number, number], patterned: number[]): StoredMember {
  const [n, h, w] = shape;
  const head = new Uint8Array(dump(new Uint8Array(0), shape));
  const slice = (k: number) => {
    const bytes = new Uint8Array(h * w);
    if (patterned.includes(k))
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) bytes[y * w + x] = patternAt(k, y, x);
    return bytes;
  };
  return {
    name,
    head,
    size: head.length + n * h * w,
    fill(fd, offset) {
      let crc = crc32(head);
      const zeros = new Uint8Array(h * w);
      for (let k = 0; k < n; k++) {
        const bytes = patterned.includes(k) ? slice(k) : zeros;
        if (bytes !== zeros) writeSync(fd, bytes, 0, bytes.length, offset + head.length + k * h * w);
        crc = crc32(bytes, crc);
      }
      return crc;
    },
  };
}
