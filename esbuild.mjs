// Builds the bundles: the extension host (Node, CommonJS, `vscode` external) and the
// webview (browser). `node esbuild.mjs --watch` rebuilds on change; `--production` minifies.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
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
  // The webview bundles: the viewers (webview.js), the pages with charts, the model report and
  // the dataset overview (charts.js), and the notebook outputs' decode worker (decodeWorker.js).
  {
    ...common,
    entryPoints: {
      webview: 'webview/main.ts',
      charts: 'webview/chartsMain.ts',
      decodeWorker: 'webview/notebook/decodeWorker.ts',
    },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
  },
];

/**
 * `mrnet:bundle/NAME`: the bundle dist/NAME.js (built first) as text. The notebook renderer
 * carries the viewers' bundle so that each output's frame starts with it at once (fetched from
 * the notebook's resources, it waited about 300 ms behind the workbench opening the notebook),
 * and both notebook front ends carry the worker that decodes embedded arrays.
 */
const bundleText = {
  name: 'bundle-text',
  setup(build) {
    build.onResolve({ filter: /^mrnet:bundle\// }, ({ path }) => ({
      path: `dist/${path.slice('mrnet:bundle/'.length)}.js`,
      namespace: 'bundle-text',
    }));
    build.onLoad({ filter: /.*/, namespace: 'bundle-text' }, ({ path }) => ({
      // Its source map's address would be the blob's: left off.
      contents: readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'),
      loader: 'text',
      watchFiles: [path],
    }));
  },
};

// The notebook renderer: an ES module, as VS Code's notebook webview imports it. It carries
// the viewers' bundle and stylesheet as text, as the notebook may read only files beside the
// renderer, and a fetch of them waits behind the workbench.
const rendererBundle = {
  ...common,
  entryPoints: { notebookRenderer: 'webview/notebook/renderer.ts' },
  outdir: 'dist',
  platform: 'browser',
  format: 'esm',
  loader: { '.css': 'text' },
  plugins: [bundleText],
};

// The JupyterLab extension, a prebuilt one that python/ installs (pip install ./python): its
// remote entry (named by its content, as JupyterLab caches an extension's files), with the
// viewers' bundles beside it. It is not part of the .vsix.
const LAB_EXTENSION = 'python/mrnet_viewer/labextension';
const labBundle = {
  ...common,
  entryPoints: { remoteEntry: 'webview/jupyterlab/labExtension.ts' },
  entryNames: '[name].[hash]',
  outdir: `${LAB_EXTENSION}/static`,
  platform: 'browser',
  format: 'iife',
  loader: { '.css': 'text' },
  plugins: [bundleText],
};

/** The extension's package.json (what JupyterLab reads of it: its name and the modules its entry holds), and install.json. */
function writeLabExtension(result) {
  const entry = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'));
  for (const bundle of ['dist/webview.js', 'dist/charts.js'])
    copyFileSync(bundle, `${LAB_EXTENSION}/static/${basename(bundle)}`);
  const { version, license } = JSON.parse(readFileSync('package.json', 'utf8'));
  const build = { load: `static/${basename(entry)}`, extension: './extension', mimeExtension: './mimeExtension' };
  const manifest = { name: 'mrnet-viewer', version, license, jupyterlab: { _build: build } };
  writeFileSync(`${LAB_EXTENSION}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const install = {
    packageManager: 'python',
    packageName: 'mrnet-viewer',
    uninstallInstructions: 'pip uninstall mrnet-viewer',
  };
  writeFileSync(`${LAB_EXTENSION}/install.json`, `${JSON.stringify(install, null, 2)}\n`);
}

if (watch) {
  for (const options of [...bundles, rendererBundle]) {
    const context = await esbuild.context(options);
    await context.rebuild(); // the viewers' bundle is written before the renderer reads it
    await context.watch();
  }
} else {
  const results = await Promise.all(bundles.map((options) => esbuild.build(options)));
  results.push(await esbuild.build(rendererBundle));
  rmSync(LAB_EXTENSION, { recursive: true, force: true });
  writeLabExtension(await esbuild.build(labBundle));
  // What the build made, for the packaging test: every one of these must be in the .vsix.
  const made = results
    .flatMap((r) => Object.keys(r.metafile.outputs))
    .filter((f) => !f.endsWith('.map'))
    .sort();
  mkdirSync('out', { recursive: true });
  writeFileSync('out/bundles.json', `${JSON.stringify(made, null, 2)}\n`);
}
