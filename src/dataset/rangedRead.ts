import { open } from 'node:fs/promises';

/** Bytes read from .npy files so far: indexing must read none of them (the benchmark counts). */
export const npyReads = { bytes: 0 };

/** Reads `length` bytes at `offset` of a local file (fewer where the file ends), counting them. */
export async function readRange(path: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    npyReads.bytes += done;
    return buffer.subarray(0, done);
  } finally {
    await handle.close();
  }
}
