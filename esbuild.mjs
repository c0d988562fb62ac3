// Builds the bundles: the extension host (Node, CommonJS, `vscode` external) and the
// webview (browser). `node esbuild.mjs --watch` rebuilds on change; `--production` minifies.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  metafile: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  target: 'es2022',
};

const bundles = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    // The helper run inside a debugged Python program travels as text (src/debugger/snapshot.py).
    loader: { '.py': 'text' },
  },
  // The webview bundles: the viewers (webview.js), and the pages with charts, the model report and the dataset overview (charts.js).
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts', charts: 'webview/chartsMain.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
  },
  // The notebook renderer: an ES module, as VS Code's notebook webview imports it. It carries
  // the viewers' stylesheet as text, as the notebook may read only files beside the renderer.
  {
    ...common,
    entryPoints: { notebookRenderer: 'webview/notebook/renderer.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    loader: { '.css': 'text' },
  },
];

if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(bundles.map((options) => esbuild.build(options)));
  // What the build made, for the packaging test: every one of these must be in the .vsix.
  const made = results
    .flatMap((r) => Object.keys(r.metafile.outputs))
    .filter((f) => !f.endsWith('.map'))
    .sort();
  mkdirSync('out', { recursive: true });
  writeFileSync('out/bundles.json', `${JSON.stringify(made, null, 2)}\n`);
}
