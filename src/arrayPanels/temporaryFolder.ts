import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { FileHandle, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The temporary folder of one viewer of arrays that are in no file (a debugged program's, a
 * notebook output's), outside the workspace: the files written for it, with a token file by
 * which a debugged program tells that it sees this folder (it runs on this machine). The only
 * place such viewers write; removed when the viewer closes (or its debug session ends).
 */
export class TemporaryFolder {
  readonly path: string;
  readonly token = randomBytes(16).toString('hex');
  private written = 0;

  /** `kind`: what the folder's name says it holds (`debug`, `notebook`). */
  constructor(kind: string) {
    this.path = mkdtempSync(join(tmpdir(), `mrnet-viewer-${kind}-`));
    writeFileSync(join(this.path, 'token'), this.token);
  }

  /** A fresh name for the files of one snapshot: a viewer's earlier files stay readable until it shows the new ones. */
  nextPrefix(): string {
    return `s${++this.written}`;
  }

  pathOf(name: string): string {
    return join(this.path, name);
  }

  /** A new file of this folder (never one there already). */
  create(path: string): Promise<FileHandle> {
    if (!path.startsWith(`${this.path}/`)) throw new Error(`${path} is not in ${this.path}`);
    return open(path, 'wx');
  }

  /** Writes `bytes` as the folder's file `name`, once: a file of that name there already is kept. */
  async write(name: string, bytes: Uint8Array): Promise<string> {
    const path = this.pathOf(name);
    await writeFile(path, bytes, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    return path;
  }

  /** Removes a file of this folder that no viewer reads any more. */
  async remove(path: string): Promise<void> {
    if (path.startsWith(`${this.path}/`)) await rm(path, { force: true });
  }

  dispose(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
