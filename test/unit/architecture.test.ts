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
  it('src/core imports nothing from vscode, so the webview and Node tests can use it', () => {
    const core = join(__dirname, '..', '..', 'src', 'core');
    const offenders = tsFiles(core).filter((file) => /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(file, 'utf8')));
    assert.ok(tsFiles(core).length > 5);
    assert.deepEqual(offenders, []);
  });

  it('the webview imports nothing from the extension host outside src/core', () => {
    const webview = join(__dirname, '..', '..', 'webview');
    const offenders = tsFiles(webview).filter((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].some(([, spec]) => spec.includes('/src/') && !spec.includes('/src/core/')),
    );
    assert.deepEqual(offenders, []);
  });
});
