import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '..', '..');

/** The project's own architecture and security rules (eslint.restrictions.mjs), as `npm run lint` applies them. */
async function lint(file: string, code: string): Promise<string[]> {
  const { restrictions } = (await import(join(ROOT, 'eslint.restrictions.mjs'))) as { restrictions: Linter.Config[] };
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...restrictions],
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.map((m) => m.message);
}

describe('the lint rules that keep the architecture and the webviews safe', () => {
  const refuses = async (file: string, code: string, words: string) => {
    const messages = await lint(file, code);
    assert.ok(
      messages.some((m) => m.includes(words)),
      `${file}: ${code}\n${messages.join('\n')}`,
    );
  };
  const allows = async (file: string, code: string) => assert.deepEqual(await lint(file, code), [], `${file}: ${code}`);

  it('src/core and src/shared import nothing from vscode; src/shared nothing from Node or the host', async () => {
    await refuses('src/core/x.ts', "import * as vscode from 'vscode';", 'pure TypeScript');
    await refuses('src/shared/x.ts', "import * as vscode from 'vscode';", 'pure TypeScript');
    await refuses('src/shared/x.ts', "import { readFile } from 'node:fs';", 'no Node modules');
    await refuses(
      'src/shared/npy/x.ts',
      "import { indexDataset } from '../../core/dataset/datasetIndex';",
      'imports only src/shared',
    );
    await allows('src/shared/npy/x.ts', "import { formatStat } from '../format';");
    await allows('src/arrays/x.ts', "import * as vscode from 'vscode';");
  });

  it('the webview imports only what is shared, builds no HTML from strings, has no inline handlers, eval or network', async () => {
    await refuses(
      'webview/x.ts',
      "import { indexDataset } from '../src/core/dataset/datasetIndex';",
      'only src/shared',
    );
    await allows('webview/x.ts', "import { formatStat } from '../src/shared/format';");
    for (const [code, words] of [
      ["document.body.innerHTML = '<b>x</b>';", 'no HTML from strings'],
      ["node.insertAdjacentHTML('beforeend', s);", 'no HTML from strings'],
      ["document.write('<p>');", 'no HTML from strings'],
      ["node.setAttribute('onclick', 'go()');", 'No inline event handlers'],
      ["el('button', { onclick: 'go()' });", 'No inline event handlers'],
      ["eval('1 + 1');", 'eval'],
      ["const f = new Function('return 1');", 'Function'],
      ["void fetch('https://example.com');", 'no network'],
      ['const x = new XMLHttpRequest();', 'no network'],
      ["const w = new WebSocket('ws://x');", 'no network'],
      ["navigator.sendBeacon('/x', '');", 'no network'],
    ])
      await refuses('webview/x.ts', code, words);
    await allows(
      'webview/x.ts',
      "node.setAttribute('aria-label', 'Axial plane'); node.addEventListener('click', () => undefined);",
    );
  });

  it('nothing in the extension writes files but the sample generator and a saved slice', async () => {
    await refuses('src/dataset/x.ts', 'void vscode.workspace.fs.writeFile(uri, bytes);', 'write files');
    await refuses('src/tree/x.ts', 'void vscode.workspace.fs.delete(uri);', 'write files');
    await refuses('src/arrays/x.ts', "import { writeFile } from 'node:fs/promises';", 'write files');
    await refuses('src/arrays/x.ts', "import { appendFileSync, readFileSync } from 'fs';", 'write files');
    await allows('src/arrays/x.ts', "import { readFile } from 'node:fs/promises'; const m = new Map(); m.delete(1);");
    await allows('src/export/sliceExport.ts', 'void vscode.workspace.fs.writeFile(uri, bytes);');
    await allows('src/commands/datasetCommands.ts', 'void vscode.workspace.fs.writeFile(uri, bytes);');
    await allows('src/overview/volumeFacts.ts', 'void vscode.workspace.fs.writeFile(uri, bytes);');
    await refuses(
      'src/overview/datasetOverviewPanel.ts',
      'void vscode.workspace.fs.writeFile(uri, bytes);',
      'write files',
    );
  });
});
