/** Which page a webview shows; the webview bundle reads it from <body data-view>. */
export type WebviewView = 'npy' | 'npz' | 'case' | 'report' | 'overview';

/** The bundle and stylesheet of a page: the pages with charts have their own, as the viewers need no charting library. */
export function pageFiles(view: WebviewView): { script: string; style: string } {
  return view === 'report' || view === 'overview'
    ? { script: 'charts.js', style: 'charts.css' }
    : { script: 'webview.js', style: 'viewer.css' };
}

/** The viewers' pages, which load the charts bundle only when they draw a chart (a 1-D array's line plot). */
export function loadsChartsOnDemand(view: WebviewView): boolean {
  return view === 'npy' || view === 'npz';
}

interface WebviewPage {
  view: WebviewView;
  title: string;
  /** The webview's own origin for local resources (webview.cspSource). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The charts bundle, which the viewers load only when they draw a chart (a 1-D array's line plot). */
  chartsUri?: string;
  /** A page in a notebook output's frame (webview/notebook): the renderer is its host, and it has no export. */
  inNotebook?: boolean;
}

/**
 * The HTML of every webview: a strict Content-Security-Policy (nothing but our own script,
 * by nonce, and our own stylesheet; no network, no eval, no inline handlers).
 */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `img-src ${page.cspSource} blob:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(page.styleUri)}">
<title>${escapeText(page.title)}</title>
</head>
<body data-view="${page.view}"${page.chartsUri ? ` data-charts="${escapeAttr(page.chartsUri)}"` : ''}${page.inNotebook ? ' data-host="notebook"' : ''} data-vscode-context='{"preventDefaultContextMenuItems": true}'>
<main id="app"></main>
<script nonce="${page.nonce}" src="${escapeAttr(page.scriptUri)}"></script>
</body>
</html>`;
}

/** A fresh nonce for one page load. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
