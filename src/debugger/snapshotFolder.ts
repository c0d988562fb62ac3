import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { FileHandle, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The temporary folder of one debug viewer, outside the workspace: what the debugged program
 * writes for it, with a token file by which the program tells that it sees this folder (it runs
 * on this machine). The only place the debugger's viewers write; removed when the viewer closes
 * or its session ends.
 */
export class SnapshotFolder {
  readonly path = mkdtempSync(join(tmpdir(), 'mrnet-viewer-debug-'));
  readonly token = randomBytes(16).toString('hex');
  private written = 0;

  constructor() {
    writeFileSync(join(this.path, 'token'), this.token);
  }

  /** A fresh name for the files of one snapshot: a viewer's earlier files stay readable until it shows the new ones. */
  nextPrefix(): string {
    return `s${++this.written}`;
  }

  pathOf(name: string): string {
    return join(this.path, name);
  }

  /** A new file of this folder, for bytes fetched through the debugger. */
  create(path: string): Promise<FileHandle> {
    if (!path.startsWith(`${this.path}/`)) throw new Error(`${path} is not in ${this.path}`);
    return open(path, 'wx');
  }

  /** Removes a file of this folder that no viewer reads any more. */
  async remove(path: string): Promise<void> {
    if (path.startsWith(`${this.path}/`)) await rm(path, { force: true });
  }

  dispose(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
