import decodeWorker from 'mrnet:bundle/decodeWorker';
import { EMBEDDED_MIME_TYPE } from '../../src/shared/notebook/embeddedOutput';
import { loadPageFiles, renderOutput } from '../notebook/outputFrame';
import { KernelArray } from './kernelArray';
import { KernelCases } from './kernelCases';
import { LabApp, MimeModel, WidgetClass, kernelOf } from './labTypes';

/**
 * MRNet Viewer's JupyterLab extension (JupyterLab 4 and Notebook 7): it draws mrnet_viewer's
 * outputs with the viewers' own page, as the VS Code renderer does, and asks the kernel for a
 * live output's cases. It is a prebuilt ("federated") extension: this script is its remote
 * entry, the container JupyterLab loads (`window._JUPYTERLAB[name]`, with `init` and `get`), built
 * by esbuild. It takes JupyterLab's own Lumino from the share scope and needs nothing else of it.
 */

/** The extension's name (python/mrnet_viewer's labextension/package.json, written by esbuild.mjs). */
const NAME = 'mrnet-viewer';

/** webpack's share scope: each shared package by version, with a getter of its module's factory. */
type ShareScope = Record<string, Record<string, { get(): unknown }>>;

// The viewers' bundle lies beside this script (labextension/static/), fetched when an output
// first needs it, not with JupyterLab's every start; the small decode worker is carried.
const files = loadPageFiles((document.currentScript as HTMLScriptElement).src, { decodeWorker });
let shareScope: ShareScope = {};
let app: LabApp | undefined;

/** The page's copy of a shared package, of the highest version with this major. */
async function sharedModule<T>(pkg: string, major: number): Promise<T> {
  const versions = Object.keys(shareScope[pkg] ?? {}).filter((v) => v.split('.')[0] === String(major));
  const newest = versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
  if (!newest) throw new Error(`${NAME}: JupyterLab shares no ${pkg} ${major}.x`);
  const factory = await shareScope[pkg][newest].get();
  return (typeof factory === 'function' ? (factory as () => unknown)() : factory) as T;
}

/** The renderer of one output: a Lumino widget whose node holds the output's bar and frame. */
function outputRenderer(Widget: WidgetClass) {
  return class OutputRenderer extends Widget {
    private live?: KernelCases | KernelArray;

    renderModel(model: MimeModel): Promise<void> {
      this.live?.dispose();
      this.live = undefined;
      renderOutput(this.node, () => model.data[EMBEDDED_MIME_TYPE], files, {
        live: (output) => {
          const kernel = () => kernelOf(app, this.node);
          if (output.array) return { array: (this.live = new KernelArray(output, kernel, files.decode)) };
          return { cases: (this.live = new KernelCases(output, kernel, files.decode)) };
        },
      });
      return Promise.resolve();
    }

    override dispose(): void {
      this.live?.dispose();
      super.dispose();
    }
  };
}

const modules: Record<string, () => Promise<{ default: unknown }>> = {
  // A plugin for the application, whose shell finds the notebook (and kernel) an output is in.
  './extension': () =>
    Promise.resolve({
      default: {
        id: `${NAME}:kernels`,
        description: "Finds the kernel of a live MRNet Viewer output's notebook.",
        autoStart: true,
        activate: (lab: LabApp) => void (app = lab),
      },
    }),
  './mimeExtension': async () => {
    const { Widget } = await sharedModule<{ Widget: WidgetClass }>('@lumino/widgets', 2);
    const Renderer = outputRenderer(Widget);
    return {
      default: {
        id: `${NAME}:outputs`,
        description: 'Draws the outputs of mrnet_viewer.show.',
        // Drawn also when the notebook is not trusted: the output's data is arrays, never code.
        rendererFactory: {
          safe: true,
          mimeTypes: [EMBEDDED_MIME_TYPE],
          defaultRank: 10,
          createRenderer: () => new Renderer(),
        },
        rank: 10,
        dataType: 'json',
      },
    };
  },
};

const page = window as unknown as { _JUPYTERLAB?: Record<string, unknown> };
(page._JUPYTERLAB ??= {})[NAME] = {
  init(scope: ShareScope) {
    shareScope = scope;
  },
  async get(module: string) {
    const load = modules[module];
    if (!load) throw new Error(`${NAME} has no module ${module}`);
    // As webpack marks an ES module: JupyterLab then takes its plugins from `default`.
    const loaded = { __esModule: true, ...(await load()) };
    return () => loaded;
  },
};
