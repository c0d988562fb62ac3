import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** The package `npm test` makes before the suites run (`npm run package`), as users install it. */
export const VSIX = join(ROOT, 'out', 'mrnet-viewer.vsix');

describe('packaging', function () {
  this.timeout(120_000);

  it('the .vsix holds every bundle the build made (out/bundles.json), the media and the README, and no sources', () => {
    if (!existsSync(VSIX))
      execFileSync('npm', ['run', '--silent', 'package', '--', '--out', VSIX], { cwd: ROOT, stdio: 'pipe' });
    const files = execFileSync('unzip', ['-Z1', VSIX], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const has = (file: string) => files.some((f) => f.toLowerCase() === `extension/${file}`.toLowerCase());
    // The build's own list: a bundle added to esbuild.mjs is checked without editing this test.
    const bundles = JSON.parse(readFileSync(join(ROOT, 'out', 'bundles.json'), 'utf8')) as string[];
    assert.ok(
      bundles.includes('dist/extension.js') &&
        bundles.includes('dist/webview.js') &&
        bundles.includes('dist/charts.js'),
      bundles.join(', '),
    );
    for (const file of bundles) assert.ok(has(file), `${file} is built but not in the .vsix (${files.join(', ')})`);
    // Every file the webviews load from media/ (the pages name them in src/webviews/webviewContent.ts and src/shared/webviewHtml.ts).
    for (const file of [
      'package.json',
      'readme.md',
      'LICENSE.txt',
      'media/viewer.css',
      'media/charts.css',
      'media/mrnet.svg',
    ])
      assert.ok(has(file), `${file} in ${files.join(', ')}`);
    assert.ok(
      !files.some(
        (f) =>
          /\.(ts|map)$/.test(f) || f.includes('node_modules') || /^extension\/(src|webview|test|scripts|out)\//.test(f),
      ),
      files.join(', '),
    );
  });
});
