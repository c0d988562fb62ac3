// `npm test`: type check, lint, format check, build, then every mocha suite; ends with "N passed, N failed".
// `node test/run.mjs unit` (or webview) runs one suite; `--grep=TEXT` only the tests whose names hold TEXT.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const Mocha = require('mocha');
require('../scripts/ts-node.cjs');

const buildOnly = process.argv.includes('--build-only');
const VSIX = 'out/mrnet-viewer.vsix';
const suites = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const wanted = buildOnly ? ['e2e'] : suites.length ? suites : ['unit', 'webview', 'e2e'];

const npx = (args) => execFileSync('npx', args, { stdio: 'inherit' });
console.log('Type check (tsc --noEmit)');
npx(['tsc', '-p', '.']);
console.log('Lint (typescript-eslint, type-checked; zero warnings)');
npx(['eslint', '.', '--max-warnings', '0']);
console.log('Format check (prettier --check; `npm run format` fixes it)');
npx(['prettier', '--check', '--log-level', 'warn', '.']);
if (wanted.includes('e2e') || wanted.includes('unit')) {
  // What users install: the production bundles packed into a .vsix (its prepublish step builds
  // them). The packaging test reads it, and the real-VS-Code suite installs it.
  execFileSync('npm', ['run', '--silent', 'package', '--', '--out', VSIX], { stdio: 'inherit' });
} else {
  npx(['node', 'esbuild.mjs']);
}
if (wanted.includes('e2e')) {
  // The extension-host suite, as the extension host loads it: one CommonJS file.
  npx([
    'esbuild',
    'test/extensionHost/index.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--external:vscode',
    '--external:mocha',
    '--outfile=out/test/extensionHost/index.js',
    '--log-level=warning',
  ]);
}

if (buildOnly) process.exit(0);

const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);
const mocha = new Mocha({ timeout: 30000, reporter: 'spec', ...(grep ? { grep } : {}) });
for (const suite of wanted) {
  const dir = join('test', suite);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort())
    mocha.addFile(join(dir, file));
}
const runner = mocha.run((failures) => {
  const { passes, failures: failed, pending } = runner.stats;
  console.log(`\n${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures ? 1 : 0;
});
