// Webview pages in headless Chromium as VS Code builds them: the webview tests and the benchmark use it.
import { createServer, Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { HostMessage } from '../../src/shared/protocol';
import { WebviewView, loadsChartsOnDemand, makeNonce, pageFiles, webviewHtml } from '../../src/shared/webviewHtml';
import { ReportHostMessage } from '../../src/shared/reportProtocol';
import { OverviewHostMessage } from '../../src/shared/overview/overviewProtocol';
import { launchChromium } from './browser';

const ROOT = join(__dirname, '..', '..');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * Serves the built webview bundle and our CSS to headless Chromium in the page VS Code would
 * build (same HTML, same Content-Security-Policy), with `acquireVsCodeApi` stubbed so that a
 * test sees what the webview posts and stores.
 */
export class WebviewHarness {
  private server?: Server;
  private browser?: Browser;
  private origin = '';
  /** Console errors and CSP violations of every page; a test fails if any appear. */
  readonly problems: string[] = [];
  private pages: Page[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.origin);
      if (url.pathname === '/webview.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(this.page(url.searchParams.get('view') as WebviewView));
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end(); // VS Code's webviews ask for none; Chromium's tabs do
        return;
      }
      const path = normalize(join(ROOT, url.pathname));
      if (!/^\/(dist|media)\//.test(url.pathname) || !path.startsWith(ROOT)) {
        res.writeHead(404).end();
        return;
      }
      try {
        res
          .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
          .end(readFileSync(path));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await launchChromium();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  async closePages(): Promise<void> {
    await Promise.all(this.pages.splice(0).map((p) => p.close()));
  }

  private page(view: WebviewView): string {
    return webviewHtml({
      view,
      title: 'test',
      cspSource: this.origin,
      nonce: makeNonce(),
      scriptUri: `${this.origin}/dist/${pageFiles(view).script}`,
      styleUri: `${this.origin}/media/${pageFiles(view).style}`,
      chartsUri: loadsChartsOnDemand(view) ? `${this.origin}/dist/charts.js` : undefined,
    });
  }

  /**
   * Opens a webview page; `state` is what getState() returns, as after a hidden tab; `host`, a
   * script run before the page's own, can stand in for the host (answer `ready` at once).
   */
  async open(
    view: WebviewView,
    state?: unknown,
    size = { width: 1000, height: 760 },
    host?: { script: (arg: unknown) => void; arg: unknown },
  ): Promise<Page> {
    const page = await this.browser!.newPage({ viewport: size });
    this.pages.push(page);
    page.on('console', (m) => {
      if (m.type() === 'error') this.problems.push(m.text());
    });
    page.on('pageerror', (e) => this.problems.push(e.message));
    await page.addInitScript((initial) => {
      const w = window as unknown as Record<string, unknown>;
      w.__posted = [];
      w.__state = initial;
      // As VS Code's: a second acquisition in a page throws (a bundle loaded later must share the first's).
      let acquired = false;
      w.acquireVsCodeApi = () => {
        if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
        acquired = true;
        return {
          postMessage: (m: unknown) => (w.__posted as unknown[]).push(m),
          getState: () => w.__state,
          setState: (s: unknown) => (w.__state = s),
        };
      };
    }, state);
    if (host) await page.addInitScript(host.script, host.arg);
    await page.goto(`${this.origin}/webview.html?view=${view}`);
    return page;
  }
}

export type AnyHostMessage = HostMessage | ReportHostMessage | OverviewHostMessage;

/** A host message as text: ArrayBuffers cross into the page as base64 and are rebuilt there (decodeInPage). */
function encode(message: AnyHostMessage): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    value instanceof ArrayBuffer ? { __arrayBuffer: Buffer.from(value).toString('base64') } : value,
  );
}

/** Delivers a host message to the page, ArrayBuffers included, as VS Code's postMessage does. */
export async function post(page: Page, message: AnyHostMessage): Promise<void> {
  await page.evaluate((text) => {
    const decoded: unknown = JSON.parse(text, (_key, value: unknown) =>
      value && typeof value === 'object' && '__arrayBuffer' in value
        ? Uint8Array.from(atob(String(value.__arrayBuffer)), (c) => c.charCodeAt(0)).buffer
        : value,
    );
    window.postMessage(decoded, '*');
  }, encode(message));
}

/**
 * A host that answers the page's `ready` at once with `message` (decoded before the page's own
 * script runs), as a panel's host does: for timing the page itself, not the harness.
 */
export function standInHost(message: AnyHostMessage): { script: (arg: unknown) => void; arg: unknown } {
  return {
    arg: encode(message),
    script: (text: unknown) => {
      const decoded: unknown = JSON.parse(text as string, (_key, value: unknown) =>
        value && typeof value === 'object' && '__arrayBuffer' in value
          ? Uint8Array.from(atob(String(value.__arrayBuffer)), (c) => c.charCodeAt(0)).buffer
          : value,
      );
      const w = window as unknown as { acquireVsCodeApi: () => { postMessage: (m: { type: string }) => void } };
      const stub = w.acquireVsCodeApi;
      w.acquireVsCodeApi = () => {
        const api = stub();
        const post = api.postMessage;
        api.postMessage = (m) => {
          post(m);
          if (m.type === 'ready') window.postMessage(decoded, '*');
        };
        return api;
      };
    },
  };
}
