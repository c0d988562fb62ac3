import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { SCREENSHOTS, Workbench } from './workbench';
import {
  closeAllEditors,
  pickFromQuickPick,
  pickInOpenDialog,
  runCommand,
  showCasesView,
  webviewFrame,
} from '../../scripts/support/workbenchDriver';
import { aucWithInterval } from '../../src/shared/metrics/delong';
import { dataset, labels, aclProbabilities, screenshotOnFailure, sharedWorkbench } from './session';

describe('In a real VS Code: Model review and the model report', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let page: Page;
  before(async () => ({ workbench, page } = await sharedWorkbench()));
  afterEach(screenshotOnFailure(() => page));

  it('the model report: open it (MRNet: Model Report), drag the threshold, click "false negatives" and walk them in the case viewer', async () => {
    await closeAllEditors(page);
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    // The model's row sits below every case (out of view in a tall tree): the command opens it too.
    await runCommand(page, 'MRNet: Model Report');
    await pickFromQuickPick(page, /a model and split/, 'mrnet-baseline', /mrnet-baseline · valid/);
    const frame = await webviewFrame(page, (f) => f.locator('section.task[data-task="acl"][data-auc]').isVisible());
    // The AUC the report shows is the one the sample's files give.
    const acl = labels('valid', 'acl');
    const p = aclProbabilities('valid');
    const scores = (label: string) => [...acl].filter(([, l]) => l === label).map(([id]) => p.get(id)!);
    const torn = [...acl].filter(([, l]) => l === '1').map(([id]) => id);
    assert.ok(torn.length > 0, 'the sample has ACL tears in valid/');
    assert.equal(
      await frame.locator('section.task[data-task="acl"]').getAttribute('data-auc'),
      aucWithInterval(scores('1'), scores('0')).auc.toFixed(4),
    );
    assert.ok(await frame.getByRole('img', { name: 'ACL: ROC curve' }).isVisible());
    await page.screenshot({ path: join(SCREENSHOTS, 'model-report.png') });
    // Dragged (by keyboard) to the top: every torn ACL becomes a false negative.
    const slider = frame.getByRole('slider', { name: 'ACL threshold' });
    await slider.focus();
    await slider.press('End');
    const fn = frame.locator('section.task[data-task="acl"] .confusion [data-outcome="FN"]');
    await frame
      .locator(`section.task[data-task="acl"] .confusion [data-outcome="FN"][data-count="${torn.length}"]`)
      .waitFor();
    await fn.click();
    // The per-case outcomes leave as CSV through a save dialog (a quick input in code-server).
    await frame.getByRole('button', { name: 'Export per-case CSV' }).click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(() =>
      /outcomes_mrnet-baseline_valid\.csv$/.test(
        document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '',
      ),
    );
    const target = join(workbench.workspace, 'exports-outcomes.csv');
    await input.fill(target);
    await input.press('Enter');
    for (const deadline = Date.now() + 20_000; !existsSync(target) && Date.now() < deadline;)
      await page.waitForTimeout(100);
    const csv = readFileSync(target, 'utf8').trim().split('\n');
    assert.equal(csv[0], 'case,split,task,label,probability,threshold,outcome');
    assert.ok(csv.includes(`${torn[0]},valid,acl,1,${p.get(torn[0])},1,FN`), csv.join('\n'));
    // The Cases view shows just those cases, each row saying so.
    await view
      .getByRole('treeitem', { name: new RegExp(`^valid ${torn.length} of ${acl.size} cases match`) })
      .waitFor();
    for (const id of torn)
      await view.getByRole('treeitem', { name: new RegExp(`^Case ${id}, p=\\d\\.\\d\\d · FN · `) }).waitFor();
    assert.equal(await view.getByRole('treeitem', { name: /^Case \d+,/ }).count(), torn.length);
    await view.getByRole('treeitem', { name: new RegExp(`^Case ${torn[0]},`) }).click();
    const viewer = await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${torn[0]}` }).isVisible());
    const badge = viewer.locator('.badge[data-task="acl"]');
    assert.equal(await badge.getAttribute('data-outcome'), 'FN');
    assert.equal(Number(await badge.getAttribute('data-probability')), p.get(torn[0]));
    // The sample's file has per-plane columns: the badge shows them beside the combined probability.
    assert.match(await badge.innerText(), /\(axial \d\.\d\d · coronal \d\.\d\d · sagittal \d\.\d\d\)/);
    if (torn.length > 1) {
      await viewer.getByRole('button', { name: 'Next case' }).click();
      await webviewFrame(page, (f) => f.getByRole('heading', { name: `Case ${torn[1]}` }).isVisible());
      assert.equal(await viewer.locator('.badge[data-task="acl"]').getAttribute('data-outcome'), 'FN');
    }
    await runCommand(page, 'MRNet: Clear Filter');
    await view.getByRole('treeitem', { name: /^train \d+ cases/ }).waitFor();
    await closeAllEditors(page);
  });

  it('"MRNet: Load Predictions…" a headerless file written ACL, meniscus, abnormal: the extension says so, and switches only when asked', async () => {
    await closeAllEditors(page);
    // Rows in the order of valid-paths.csv (the sample lists its cases from the last); each column its task's label, nudged off 0 and 1.
    const ids = [
      ...new Set(
        readFileSync(dataset('valid-paths.csv'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('/').pop()!.replace('.npy', '')),
      ),
    ];
    const score = (task: string, id: string) => (labels('valid', task).get(id) === '1' ? 0.9 : 0.1);
    mkdirSync(join(workbench.workspace, 'runs'), { recursive: true });
    const file = join(workbench.workspace, 'runs', 'dazcona.csv');
    writeFileSync(file, ids.map((id) => ['acl', 'meniscus', 'abnormal'].map((t) => score(t, id)).join(',')).join('\n'));
    await runCommand(page, 'MRNet: Load Predictions…');
    await pickInOpenDialog(page, 'Load Predictions', file);
    await pickFromQuickPick(page, /^a split$/, 'valid', /^valid/);
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value === 'runs',
    );
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('dazcona');
    await input.press('Enter');
    // Read as the submission's order, the columns fit the labels badly: a notification says so and offers the switch.
    const offer = page
      .locator('.notification-toast')
      .filter({ hasText: /fit the labels far better as ACL, Meniscus, Abnormal/ });
    await offer.getByRole('button', { name: 'Set Column Order…' }).click();
    await pickFromQuickPick(page, /a model and split/, 'dazcona', /^dazcona · valid/);
    await pickFromQuickPick(
      page,
      /the tasks of the three columns/,
      'ACL, Meniscus, Abnormal',
      /^ACL, Meniscus, Abnormal/,
    );
    await showCasesView(page);
    const view = page.locator('.pane-body').filter({ has: page.getByRole('treeitem', { name: /^train / }) });
    await runCommand(page, 'MRNet: Choose Model…');
    await page
      .locator('.quick-input-list')
      .getByRole('option', { name: /^dazcona/ })
      .click();
    // Once re-indexed in the order chosen, each task reads its own column: every valid case is called right.
    for (const id of ids)
      await view
        .getByRole('treeitem', { name: new RegExp(`^Case ${id}, p=0\\.90 · TP|^Case ${id}, p=0\\.10 · TN`) })
        .waitFor();
    await runCommand(page, 'MRNet: Choose Model…');
    await page
      .locator('.quick-input-list')
      .getByRole('option', { name: /^mrnet-baseline/ })
      .click();
  });
});
