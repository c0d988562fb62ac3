import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetFs, EntryType } from '../core/dataset/listing';

/**
 * Node's fs as dataset listing needs it, for `file:` folders: links are followed, so a link to
 * a FIFO or a device is 'other' (never read); a broken link is a file whose reading fails.
 */
export const nodeDatasetFs: DatasetFs = {
  async readDirectory(path) {
    const entries = await readdir(path, { withFileTypes: true });
    return Promise.all(
      entries.map(async (d): Promise<[string, EntryType]> => {
        if (d.isDirectory()) return [d.name, 'folder'];
        if (d.isFile()) return [d.name, 'file'];
        if (!d.isSymbolicLink()) return [d.name, 'other'];
        try {
          const target = await stat(join(path, d.name));
          return [d.name, target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other'];
        } catch {
          return [d.name, 'file'];
        }
      }),
    );
  },
  async readFile(path) {
    return new Uint8Array(await readFile(path));
  },
};
