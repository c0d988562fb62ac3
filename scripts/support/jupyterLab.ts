// A real JupyterLab server for the tests and the bench: the pinned JupyterLab, with python/
// installed as users install it (pip, its prebuilt labextension included) into a prefix of its
// own, and every Jupyter folder (config, data, runtime, settings) a temporary one.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Frame, Page } from 'playwright-core';
import { JUPYTER_PACKAGES, pinnedVenv } from './pythonVenv';

const PACKAGE = resolve(__dirname, '..', '..', 'python');

export interface JupyterLab {
  /** The address of `path` (e.g. `lab/tree/a.ipynb`) on the server, with its token. */
  url(path: string): string;
  /** Shuts the server and its kernels down, and removes its folders. */
  stop(): Promise<void>;
}

/** Starts JupyterLab on a free port of 127.0.0.1, serving the notebooks in `root`. */
export async function startJupyterLab(root: string): Promise<JupyterLab> {
  const python = pinnedVenv(JUPYTER_PACKAGES);
  const home = mkdtempSync(join(tmpdir(), 'mrnet-viewer-jupyter-'));
  const prefix = join(home, 'prefix');
  // From a copy: setuptools leaves build/ and *.egg-info beside the sources it builds.
  cpSync(PACKAGE, join(home, 'source'), { recursive: true, filter: (f) => !/(__pycache__|tests)$/.test(f) });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--no-deps', '--prefix', prefix, join(home, 'source')], {
    stdio: 'inherit',
    env: { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES ?? '0' },
  });
  const folder = (name: string) => {
    const path = join(home, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  // No "Would you like to get notified about Jupyter news?" over the notebook.
  const notifications = join(folder('settings'), '@jupyterlab', 'apputils-extension');
  mkdirSync(notifications, { recursive: true });
  writeFileSync(join(notifications, 'notification.jupyterlab-settings'), '{ "fetchNews": "false" }\n');
  const token = Math.random().toString(36).slice(2);
  const server = spawn(
    python,
    [
      '-m',
      'jupyterlab',
      '--no-browser',
      '--allow-root',
      '--ServerApp.ip=127.0.0.1',
      '--ServerApp.port=0',
      `--IdentityProvider.token=${token}`,
      `--ServerApp.root_dir=${root}`,
      `--LabApp.user_settings_dir=${folder('settings')}`,
      `--LabApp.workspaces_dir=${folder('workspaces')}`,
      // The tests drive it through its application object (window.jupyterapp), as its own Galata tests do.
      '--LabApp.expose_app_in_browser=True',
      // Off the network: no extension manager's index, no update check.
      '--LabApp.extension_manager=readonly',
      '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        PYTHONPATH: join(prefix, 'lib', `python${pythonVersion(python)}`, 'site-packages'),
        JUPYTER_PATH: join(prefix, 'share', 'jupyter'),
        JUPYTER_CONFIG_DIR: folder('config'),
        JUPYTER_DATA_DIR: folder('data'),
        JUPYTER_RUNTIME_DIR: folder('runtime'),
        IPYTHONDIR: folder('ipython'),
        PYTHONDONTWRITEBYTECODE: '1',
      },
    },
  );
  const origin = await serverOrigin(server);
  return {
    url: (path) => `${origin}/${path}?token=${token}`,
    async stop() {
      const exited = new Promise((done) => server.once('exit', done));
      if (server.exitCode === null) {
        // Its own shutdown, which stops its kernels too.
        await fetch(`${origin}/api/shutdown`, { method: 'POST', headers: { Authorization: `token ${token}` } }).catch(
          () => server.kill(),
        );
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function pythonVersion(python: string): string {
  return execFileSync(python, ['-c', 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'], {
    encoding: 'utf8',
  }).trim();
}

/** The server's address, once it says it is running (it logs to stderr). */
function serverOrigin(server: ChildProcess): Promise<string> {
  return new Promise((found, failed) => {
    let log = '';
    const stderr = server.stderr!.setEncoding('utf8');
    const read = (text: string) => {
      log += text;
      const running = /is running at:[\s\S]*?http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (!running) return;
      found(`http://127.0.0.1:${running[1]}`);
      stderr.off('data', read).resume(); // read on, to nothing, so that its writes never block
    };
    stderr.on('data', read);
    server.once('exit', (code) => failed(new Error(`JupyterLab exited (${code}) before it ran:\n${log}`)));
  });
}

/** Writes a notebook of code cells not yet run, for the Python 3 kernel. */
export function writeNotebook(path: string, cells: string[]): void {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: cells.map((source, i) => ({
      cell_type: 'code',
      id: `cell-${i}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source,
    })),
  };
  writeFileSync(path, JSON.stringify(notebook));
}

/** What the drivers read of JupyterLab's application object (exposed by --LabApp.expose_app_in_browser). */
interface LabWindow {
  jupyterapp: {
    commands: { execute(id: string): Promise<unknown> };
    shell: {
      currentWidget: {
        id: string;
        title: { label: string };
        sessionContext?: {
          session?: {
            kernel?: {
              status: string;
              requestExecute(content: { code: string }): {
                onIOPub: (message: { header: { msg_type: string }; content: unknown }) => void;
                done: Promise<unknown>;
              };
            } | null;
          } | null;
        };
      } | null;
    };
  };
}

/** Opens `name` in JupyterLab in `page`, once its kernel is idle; gives the id of its panel (the workspace keeps notebooks opened before in other tabs). */
export async function openNotebook(page: Page, lab: JupyterLab, name: string): Promise<string> {
  await page.goto(lab.url(`lab/tree/${name}`));
  const panel = await page.waitForFunction(
    (title) => {
      const shown = (window as unknown as Partial<LabWindow>).jupyterapp?.shell.currentWidget;
      return shown?.title.label === title && shown.sessionContext?.session?.kernel?.status === 'idle' && shown.id;
    },
    name,
    { timeout: 120_000 },
  );
  return (await panel.jsonValue()) as string;
}

/** Runs every cell of the notebook shown. */
export async function runAllCells(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as LabWindow).jupyterapp.commands.execute('notebook:run-all-cells'));
}

/** The page of the output titled `title` in the notebook panel `panel`, scrolled into view, once `probe` finds what is expected in it. */
export async function outputFrame(
  page: Page,
  panel: string,
  title: string,
  probe: (f: Frame) => Promise<boolean>,
): Promise<Frame> {
  const element = page.locator(`[id="${panel}"] iframe[title="${title} (MRNet Viewer)"]`);
  await element.waitFor({ state: 'attached', timeout: 60_000 });
  await element.scrollIntoViewIfNeeded();
  const frame = (await (await element.elementHandle()).contentFrame())!;
  const deadline = Date.now() + 60_000;
  while (!(await probe(frame).catch(() => false)))
    if (Date.now() > deadline) throw new Error(`the output ${title} did not show what was expected`);
  return frame;
}

/** What `code` prints, run in the kernel of the notebook shown. */
export function kernelPrints(page: Page, code: string): Promise<string> {
  return page.evaluate(async (source) => {
    const kernel = (window as unknown as LabWindow).jupyterapp.shell.currentWidget!.sessionContext!.session!.kernel!;
    const future = kernel.requestExecute({ code: source });
    let printed = '';
    future.onIOPub = (message) => {
      if (message.header.msg_type === 'stream') printed += (message.content as { text: string }).text;
    };
    await future.done;
    return printed;
  }, code);
}
