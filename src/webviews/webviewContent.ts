import * as vscode from 'vscode';
import { WebviewView, loadsChartsOnDemand, makeNonce, pageFiles, webviewHtml } from '../shared/webviewHtml';

/** Webview options shared by every panel: scripts on, and only our bundle and CSS readable. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Sets a webview's options and HTML for one of our pages. */
export function loadWebview(webview: vscode.Webview, extensionUri: vscode.Uri, view: WebviewView, title: string): void {
  webview.options = webviewOptions(extensionUri);
  webview.html = webviewHtml({
    view,
    title,
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', pageFiles(view).script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', pageFiles(view).style)).toString(),
    chartsUri: loadsChartsOnDemand(view)
      ? webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'charts.js')).toString()
      : undefined,
  });
}
