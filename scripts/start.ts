// `npm start`: build, make the sample dataset if there is none, and open it in VS Code with the
// extension loaded: desktop VS Code when `code` is on the PATH, otherwise the code-server host
// on loopback (the URL is printed; Ctrl+C stops it).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer } from './codeServer';
import { errorMessage } from '../src/shared/errorMessage';

const ROOT = resolve(__dirname, '..');
const WORKSPACE = join(ROOT, 'sample-data');
const DATASET = join(WORKSPACE, 'MRNet-v1.0');

async function main(): Promise<void> {
  execFileSync('node', ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(DATASET)) {
    execFileSync('node', ['-r', './scripts/ts-node.cjs', 'scripts/sample.ts', '--out', DATASET], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  const code = process.env.MRNET_CODE ?? 'code';
  if (!process.env.MRNET_USE_CODE_SERVER && spawnSync(code, ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log(`Opening ${WORKSPACE} in VS Code with the extension under development…`);
    spawn(code, [`--extensionDevelopmentPath=${ROOT}`, WORKSPACE], { stdio: 'inherit', detached: true }).unref();
    return;
  }
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer({ workspace: WORKSPACE, port });
  console.log(
    `\nVS Code (code-server) with MRNet Viewer is running: open ${server.folderUrl(WORKSPACE)}\nCtrl+C stops it.`,
  );
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});
