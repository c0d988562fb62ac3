// A real VS Code for these machines: code-server 4.100.3 (VS Code 1.100.3's workbench and
// extension host), installed once into a cache folder outside the clone and started on loopback.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const ROOT = resolve(__dirname, '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  version: string;
};

/** Where code-server is cached: $MRNET_CODE_SERVER_DIR, else under the user's cache directory. */
export function codeServerDir(): string {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return process.env.MRNET_CODE_SERVER_DIR ?? join(cache, 'mrnet-viewer', `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerBin(): string {
  return join(codeServerDir(), 'node_modules', '.bin', 'code-server');
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; stdio?: 'inherit' | 'ignore' } = {},
): void {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

/** The folder the extension is installed as, in an extensions folder. */
function installedFolderName(): string {
  return `${PACKAGE.publisher}.${PACKAGE.name}-${PACKAGE.version}`;
}

/** Installs the Debian packages code-server needs to build, when missing (root only). */
function ensureDebianPackages(): void {
  const missing = [
    ['libkrb5-dev', '/usr/include/krb5.h'],
    ['ripgrep', '/usr/bin/rg'],
  ]
    .filter(([, file]) => !existsSync(file))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `code-server needs the Debian packages ${missing.join(', ')}: apt-get install ${missing.join(' ')}`,
    );
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * Installs code-server into the cache folder unless it is already there. Its ripgrep would
 * download a binary from GitHub; a cached archive holding Debian's rg stands in for it.
 */
export function ensureCodeServer(): string {
  if (existsSync(codeServerBin())) return codeServerBin();
  ensureDebianPackages();
  const rgCache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!existsSync(archive)) {
    const staging = mkdtempSync(join(tmpdir(), 'rg-'));
    copyFileSync('/usr/bin/rg', join(staging, 'rg'));
    mkdirSync(rgCache, { recursive: true });
    run('tar', ['-czf', archive, '-C', staging, 'rg']);
    rmSync(staging, { recursive: true, force: true });
  }
  const dir = codeServerDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once; about 75 s)…`);
  run(
    'npm',
    ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: dir,
      env: { ...process.env, npm_config_yes: 'true' },
    },
  );
  return codeServerBin();
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

export interface RunningCodeServer {
  url: string;
  port: number;
  /** Where the extension is installed: an unpacked .vsix, or a link to this project. */
  extensionDir: string;
  /** The server's fresh user-data folder (settings, logs). */
  userDataDir: string;
  /** The workbench URL of a folder. */
  folderUrl(folder: string): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  workspace: string;
  port?: number;
  /** Install the built extension (a link to this project) into the server's extensions folder. */
  installExtension?: boolean;
  /** Install this .vsix instead, as users do (`--install-extension`): what the tests run against. */
  vsix?: string;
  /** Other extensions to install from their .vsix (the tests' debug adapter). */
  otherVsix?: string[];
  /** Extra environment for the server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** User settings besides (or instead of) the defaults: a colour theme, say. */
  settings?: Record<string, unknown>;
  quiet?: boolean;
}

/** Starts code-server on loopback with a fresh user-data folder; resolves when it answers. */
export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  const bin = ensureCodeServer();
  const port = options.port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'mrnet-code-server-'));
  const userData = join(scratch, 'user-data');
  const extensions = join(scratch, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      ...options.settings,
    }),
  );
  const install = (vsix: string) =>
    run(bin, ['--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix], {
      stdio: 'ignore',
    });
  if (options.vsix) install(options.vsix);
  else if (options.installExtension !== false) symlinkSync(ROOT, join(extensions, installedFolderName()));
  for (const vsix of options.otherVsix ?? []) install(vsix);
  const child: ChildProcess = spawn(
    bin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--extensions-dir',
      extensions,
      '--user-data-dir',
      userData,
      options.workspace,
    ],
    { env: { ...process.env, ...options.env }, stdio: options.quiet === false ? 'inherit' : 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not answer within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    extensionDir: join(extensions, installedFolderName()),
    userDataDir: userData,
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    stop,
  };
}
