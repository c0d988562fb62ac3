// Builds the two bundles: the extension host (Node, CommonJS, `vscode` external) and the
// webview (browser). `node esbuild.mjs --watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  target: 'es2022',
};

const bundles = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // The webview bundles: the viewers (webview.js), and the pages with charts, the model report and the dataset overview (charts.js).
  { ...common, entryPoints: { webview: 'webview/main.ts', charts: 'webview/chartsMain.ts' }, outdir: 'dist', platform: 'browser', format: 'iife' },
];

if (watch) {
  for (const options of bundles) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}
