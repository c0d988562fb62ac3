import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { build } from 'esbuild';
import { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/support/browser';
import { makeNpy } from './fixtures';

const ROOT = join(__dirname, '..', '..');

/** A bundle of `source` (resolved from the repository's root), as text. */
async function bundled(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe('Embedded arrays decoded in a worker (webview/notebook/arrayDecoder.ts), in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: Server;
  let origin: string;

  before(async () => {
    const worker = await bundled("import './webview/notebook/decodeWorker';");
    const page = await bundled(`
      import { workerDecoder } from './webview/notebook/arrayDecoder';
      // Counts the workers the decoder starts, and runs it on the output's array.
      const counted = window as unknown as { started: number; decoded: Promise<unknown> };
      counted.started = 0;
      const Native = Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL) {
          super(url);
          counted.started++;
        }
      };
      const { worker, npy } = JSON.parse(document.getElementById('output')!.textContent!);
      counted.decoded = workerDecoder(worker)('volume', npy).then((c) =>
        c.kind === 'whole' ? { shape: c.header.shape, values: [...new Int16Array(c.data)] } : c,
      );
    `);
    const values = Int16Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 100 - 1000);
    const npy = deflateSync(makeNpy('<i2', [2, 3, 4], values)).toString('base64');
    const output = JSON.stringify({ worker, npy }).replace(/</g, '\\u003c');
    server = createServer((request, response) => {
      // A page whose policy allows no worker (the fallback), and one that allows a blob: worker.
      const workers = request.url === '/workers' ? ' worker-src blob:;' : '';
      response.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': `default-src 'none'; script-src 'nonce-n';${workers}`,
      });
      response.end(
        `<!DOCTYPE html><script type="application/json" id="output">${output}</script><script nonce="n">${page}</script>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  const expected = { shape: [2, 3, 4], values: Array.from({ length: 24 }, (_, i) => i * 100 - 1000) };

  async function decodedAt(path: string): Promise<{ started: number; decoded: unknown }> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}${path}`);
      return await page.evaluate(async () => {
        const w = window as unknown as { started: number; decoded: Promise<unknown> };
        return { decoded: await w.decoded, started: w.started };
      });
    } finally {
      await page.close();
    }
  }

  it('decodes in a worker where the page allows one', async () => {
    const { started, decoded } = await decodedAt('/workers');
    assert.equal(started, 1);
    assert.deepEqual(decoded, expected);
  });

  it("decodes on the page's thread where its policy refuses the worker", async () => {
    const { decoded } = await decodedAt('/no-workers');
    assert.deepEqual(decoded, expected);
  });
});
