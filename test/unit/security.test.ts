import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { makeNonce, webviewHtml } from '../../src/shared/webviewHtml';

const ROOT = join(__dirname, '..', '..');

describe('webview security', () => {
  it('accepts exactly the messages of the protocol', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'navigate', direction: 'next' }), {
      type: 'navigate',
      direction: 'next',
    });
    assert.deepEqual(parseWebviewMessage({ type: 'openCase', id: '0042' }), { type: 'openCase', id: '0042' });
    assert.deepEqual(parseWebviewMessage({ type: 'openCase', id: '10000' }), { type: 'openCase', id: '10000' });
    assert.deepEqual(parseWebviewMessage({ type: 'openCase' }), { type: 'openCase' });
    // A key of a dict of cases in a debugged program: the host opens it only if the dict has it.
    assert.deepEqual(parseWebviewMessage({ type: 'openCase', id: 'case_01' }), { type: 'openCase', id: 'case_01' });
    assert.deepEqual(parseWebviewMessage({ type: 'readSlice', index: 7 }), { type: 'readSlice', index: 7 });
    // A request's id, which the reply names.
    assert.deepEqual(parseWebviewMessage({ type: 'readSlice', index: 7, id: 3, plane: 'axial' }), {
      type: 'readSlice',
      index: 7,
      id: 3,
      plane: 'axial',
    });
    for (const id of [-1, 1.5, '3', null])
      assert.equal(parseWebviewMessage({ type: 'readSlice', index: 7, id }), undefined, String(id));
  });

  it('refuses forged messages: unknown types, paths, extra fields, bad ids and indices', () => {
    const forged: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      {},
      { type: 'readFile', path: '/etc/passwd' },
      { type: 'ready', extra: 1 },
      { type: 'navigate', direction: 'sideways' },
      { type: 'navigate', direction: 'next', path: '../x' },
      { type: 'openCase', id: '../../../etc/passwd' },
      { type: 'openCase', id: 42 },
      { type: 'openCase', id: '1'.repeat(201) },
      { type: 'openCase', id: '12\na' },
      { type: 'openCase', id: '' },
      { type: 'openCase', id: '0042', path: '/tmp' },
      { type: 'readSlice', index: -1 },
      { type: 'readSlice', index: 1.5 },
      { type: 'readSlice', index: '3' },
      { type: 'readSlice', index: 2 ** 60 },
      { type: 'readSlice', index: NaN },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    ];
    for (const message of forged) assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("every webview's HTML has a strict Content-Security-Policy: nothing but our nonce'd script and our CSS", () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[0-9a-f]{32}$/);
    assert.notEqual(makeNonce(), nonce);
    const html = webviewHtml({
      view: 'case',
      title: '<x>',
      cspSource: 'https://webview',
      nonce,
      scriptUri: 'https://webview/dist/webview.js',
      styleUri: 'https://webview/media/viewer.css',
    });
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.deepEqual(csp.split('; '), [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      'style-src https://webview',
      'font-src https://webview',
      'img-src https://webview blob:',
    ]);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://webview/dist/webview.js"></script>`));
    assert.ok(!html.includes('<x>'), 'the title is escaped');
  });

  // What the webview code may do, and which modules write files, are lint rules
  // (eslint.restrictions.mjs, checked by lintRules.test.ts).
  it('declares workspace trust and virtual workspace support, and reads only what it shows', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: boolean }; virtualWorkspaces: boolean };
    };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    const content = readFileSync(join(ROOT, 'src', 'webviews', 'webviewContent.ts'), 'utf8');
    assert.match(
      content,
      /localResourceRoots: \[vscode\.Uri\.joinPath\(extensionUri, 'dist'\), vscode\.Uri\.joinPath\(extensionUri, 'media'\)\]/,
    );
  });
});
