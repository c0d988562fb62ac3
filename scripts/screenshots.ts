// `npm run screenshots`: the README's pictures of the .npy editor and the case viewer in VS Code's
// dark, light and high-contrast themes, and of the model report, the dataset overview and the values grid (dark), taken in code-server (the real workbench) on a fresh
// sample dataset, into docs/screenshots/. Not part of `npm test`; run it when the UI changes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer } from './codeServer';
import { launchChromium } from './support/browser';
import { planeCanvas } from '../test/support/canvas';
import {
  closeAllEditors,
  explorerOpen,
  pickFromQuickPick,
  quickPick,
  runCommand,
  showCasesView,
  webviewFrame,
  workbenchRestored,
} from './support/workbenchDriver';
import { errorMessage } from '../src/shared/errorMessage';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const THEMES = [
  ['dark', 'Default Dark Modern'],
  ['light', 'Default Light Modern'],
  ['high-contrast', 'Default High Contrast'],
] as const;

async function main(): Promise<void> {
  execFileSync('node', ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const workspace = mkdtempSync(join(tmpdir(), 'mrnet-screenshots-'));
  const dataset = join(workspace, 'MRNet-v1.0');
  execFileSync(
    'npm',
    ['run', '--silent', 'sample', '--', '--out', dataset, '--train', '8', '--valid', '60', '--seed', '1'],
    { cwd: ROOT, stdio: 'ignore' },
  );
  // A case with an ACL tear, so that its badges show both kinds.
  const id = readFileSync(join(dataset, 'train-acl.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','))
    .find(([, v]) => v === '1')![0];
  const browser = await launchChromium();
  try {
    for (const [name, theme] of THEMES) {
      const server = await startCodeServer({ workspace, settings: { 'workbench.colorTheme': theme } });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        await page.goto(server.folderUrl(workspace));
        await workbenchRestored(page);
        await explorerOpen(page, 'MRNet-v1.0', 'train', 'sagittal', `${id}.npy`);
        const editor = await webviewFrame(page, (f) =>
          f.getByRole('img', { name: 'Histogram of the volume' }).isVisible(),
        );
        const canvas = planeCanvas(editor, 'Slices');
        const box = (await canvas.boundingBox())!;
        await canvas.hover({ position: { x: box.width / 2 + 30, y: box.height / 2 } });
        await editor.locator('[data-role="readout"]', { hasText: /value/ }).waitFor();
        await page.screenshot({ path: join(OUT, `npy-editor-${name}.png`) });
        await closeAllEditors(page);
        await showCasesView(page); // the tree beside the viewer, revealing the case shown
        await runCommand(page, 'MRNet: Open Case');
        await pickFromQuickPick(page, /^Type a case id/, id, new RegExp(`^${id}`));
        const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${id}` }).isVisible());
        await planeCanvas(viewer, 'Sagittal plane').hover();
        await viewer.locator('[data-role="readout"]', { hasText: /value/ }).waitFor();
        await page.screenshot({ path: join(OUT, `case-viewer-${name}.png`) });
        if (name === 'dark') {
          // Overlays: this case (the first with an ACL tear) has a segmentation besides its CAMs; its sagittal plane large.
          const overlaid = viewer;
          await overlaid
            .getByRole('region', { name: 'Sagittal plane' })
            .getByRole('checkbox', { name: 'segmentation overlay' })
            .waitFor();
          await planeCanvas(overlaid, 'Sagittal plane').click(); // the keys go to the webview
          await page.keyboard.press('b');
          await overlaid.locator('[aria-label="Sagittal plane"][data-large]').waitFor();
          await overlaid.locator('[data-role="readout"]', { hasText: /cam/ }).first().waitFor();
          await page.screenshot({ path: join(OUT, 'overlays.png') });
          // The model report on valid/ (60 cases), compared with the sample's submission, its false negatives in the tree.
          await closeAllEditors(page);
          await runCommand(page, 'MRNet: Model Report');
          await pickFromQuickPick(page, /a model and split/, 'mrnet-baseline', /mrnet-baseline · valid/);
          let report = await webviewFrame(page, (f) =>
            f.locator('section.task[data-task="acl"][data-auc]').isVisible(),
          );
          await report.getByRole('combobox', { name: 'Compare with model' }).selectOption('submission');
          report = await webviewFrame(page, (f) => f.locator('section.task[data-task="acl"] .paired').isVisible());
          await report.locator('section.task[data-task="acl"] .confusion [data-outcome="FN"]').click();
          await page.getByRole('treeitem', { name: /^valid \d+ of 60 cases match/ }).waitFor();
          await page.screenshot({ path: join(OUT, 'model-report.png') });
          // The dataset overview at its slice counts, the fullest sagittal bin of valid/ clicked: the tree shows its cases.
          await runCommand(page, 'MRNet: Clear Filter');
          await closeAllEditors(page);
          await runCommand(page, 'MRNet: Dataset Overview');
          const overview = await webviewFrame(page, (f) =>
            f.getByRole('img', { name: /^Sagittal, valid: slice counts/ }).isVisible(),
          );
          const bars = overview.locator('rect[role="button"][data-plane="sagittal"][data-split="valid"][data-low]');
          const sizes = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
          await overview.getByRole('region', { name: 'Slice counts' }).evaluate((section) => section.scrollIntoView());
          await bars.nth(sizes.indexOf(Math.max(...sizes))).click();
          await page.getByRole('treeitem', { name: /^Dataset MRNet-v1\.0, filter: sagittal/ }).waitFor();
          await page.screenshot({ path: join(OUT, 'dataset-overview.png') });
          // The values grid beside the image and the statistics panel, on a coronal volume.
          await runCommand(page, 'MRNet: Clear Filter');
          await closeAllEditors(page);
          await quickPick(
            page,
            'Control+P',
            `MRNet-v1.0/train/coronal/${id}.npy`,
            new RegExp(`^${id}( · coronal|\\.npy)`),
          );
          const values = await webviewFrame(page, (f) => f.getByRole('checkbox', { name: 'Show values' }).isVisible());
          await values.getByRole('checkbox', { name: 'Show values' }).check();
          await values.getByText('Statistics', { exact: true }).click();
          await values.locator('td[data-stat="median"][data-scope="slice"]').waitFor();
          await page.screenshot({ path: join(OUT, 'values-and-statistics.png') });
        }
        await page.close();
        console.log(`${name}: written`);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await browser.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(errorMessage(e));
  process.exit(1);
});
