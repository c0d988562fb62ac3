import { ArraySource } from '../../src/core/arraySource';

/** An array source that counts what is read through it: how tests check what a feature reads. */
export class CountingSource implements ArraySource {
  reads = 0;
  bytes = 0;

  constructor(private readonly inner: ArraySource) {}

  get name(): string {
    return this.inner.name;
  }
  get size(): number {
    return this.inner.size;
  }
  get ranged(): boolean {
    return this.inner.ranged;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const bytes = await this.inner.read(offset, length);
    this.reads++;
    this.bytes += bytes.length;
    return bytes;
  }
}

/** An array held in memory; `ranged: false` stands for a file system read only whole. */
export function memorySource(name: string, bytes: Uint8Array, ranged = true): ArraySource {
  return {
    name,
    size: bytes.length,
    ranged,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}
