import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('packaging', function () {
  this.timeout(120_000);

  it('vsce packages the built extension as the README says, with the bundles, media and no sources', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mrnet-vsix-')), 'mrnet-viewer.vsix');
    execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: join(__dirname, '..', '..'), stdio: 'pipe' });
    const files = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const file of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/webview.js', 'extension/media/viewer.css', 'extension/media/mrnet.svg', 'extension/readme.md']) {
      assert.ok(files.some((f) => f.toLowerCase() === file.toLowerCase()), `${file} in ${files.join(', ')}`);
    }
    assert.ok(!files.some((f) => f.endsWith('.ts') || f.includes('node_modules') || f.includes('/test/')), files.join(', '));
  });
});
