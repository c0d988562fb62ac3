import { open } from 'node:fs/promises';
import { ArraySource } from '../core/arraySource';

/**
 * A local file (`file:` URIs, also what Remote-SSH, WSL and containers give the extension
 * host), read with Node's ranged reads: a header or a slice costs only its own bytes.
 */
export class LocalFileSource implements ArraySource {
  readonly ranged = true;

  constructor(
    readonly name: string,
    private readonly path: string,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const handle = await open(this.path, 'r');
    try {
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? buffer : buffer.subarray(0, done);
    } finally {
      await handle.close();
    }
  }
}
