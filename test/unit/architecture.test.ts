import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('architecture', () => {
  it('src/core and src/shared import nothing from vscode, so the webview and Node tests can use them', () => {
    for (const dir of ['core', 'shared']) {
      const files = tsFiles(join(__dirname, '..', '..', 'src', dir));
      assert.ok(files.length > 5, dir);
      assert.deepEqual(
        files.filter((file) => /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(file, 'utf8'))),
        [],
      );
    }
  });
});
