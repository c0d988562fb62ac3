import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Each module of the extension and the webview, with the modules it imports (relative imports, types included). */
function importGraph(): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files', 'src/*.ts', 'webview/*.ts'], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n');
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const imports = [...text.matchAll(/from '(\.[^']+)'/g)]
        .map((m) => `${normalize(join(dirname(file), m[1]))}.ts`)
        .filter((target) => known.has(target));
      return [file, imports];
    }),
  );
}

/** A cycle through `start`, if there is one: the modules in import order. */
function cycleFrom(graph: Map<string, string[]>, start: string): string[] | undefined {
  const path: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string): string[] | undefined => {
    if (file === start && path.length) return [...path, file];
    if (seen.has(file)) return undefined;
    seen.add(file);
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const found = walk(next);
      if (found) return found;
    }
    path.pop();
    return undefined;
  };
  return walk(start);
}

describe('architecture', () => {
  it('no module imports itself through others: a type two modules share has a file of its own', () => {
    const graph = importGraph();
    assert.ok(graph.size > 100, `${graph.size} modules`);
    const cycles = [...graph.keys()].map((file) => cycleFrom(graph, file)).filter((c) => c !== undefined);
    assert.deepEqual(
      cycles.map((c) => c.join(' -> ')),
      [],
    );
  });
});
