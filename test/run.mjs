// `npm test`: type check, build, then every mocha suite; ends with "N passed, N failed".
// `node test/run.mjs unit` (or webview) runs one suite.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const Mocha = require('mocha');
require('../scripts/ts-node.cjs');

const suites = process.argv.slice(2);
const wanted = suites.length ? suites : ['unit', 'webview'];

const npx = (args) => execFileSync('npx', args, { stdio: 'inherit' });
console.log('Type check (tsc --noEmit)');
npx(['tsc', '-p', '.']);
npx(['node', 'esbuild.mjs']);

const mocha = new Mocha({ timeout: 30000, reporter: 'spec' });
for (const suite of wanted) {
  const dir = join('test', suite);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()) mocha.addFile(join(dir, file));
}
const runner = mocha.run((failures) => {
  const { passes, failures: failed, pending } = runner.stats;
  console.log(`\n${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures ? 1 : 0;
});
