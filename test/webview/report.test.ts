import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { ReportData } from '../../src/shared/reportProtocol';
import { post } from '../../scripts/support/webviewHarness';
import { posted, useWebviewHarness } from './harness';

interface MetricCase {
  name: string;
  labels: number[];
  scores: number[];
  second?: number[];
  auc: number | null;
  youden?: number;
  low?: number | null;
  high?: number | null;
  paired?: { p: number | null };
  thresholds: Record<string, number | null>[];
}
/** The same scikit-learn fixture the unit tests check the metrics against. */
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'metrics', 'metrics.json'), 'utf8')) as {
  cases: MetricCase[];
};
const twoModels = fixture.cases.find((c) => c.second && c.name.startsWith('continuous'))!;
const oneClass = fixture.cases.find((c) => c.name === 'one class: all negative')!;

function task(name: string, c: MetricCase, models: number): ReportData['tasks'][number] {
  return {
    task: name,
    name: name === 'acl' ? 'ACL' : name,
    paperAuc: name === 'acl' ? 0.965 : undefined,
    threshold: 0.5,
    caseIds: c.labels.map((_, i) => String(1130 + i)),
    labels: Uint8Array.from(c.labels).buffer,
    scores: [Float64Array.from(c.scores).buffer, ...(models === 2 ? [Float64Array.from(c.second!).buffer] : [])],
  };
}

describe('model report (headless Chromium)', () => {
  const harness = useWebviewHarness();
  let page: Page;

  async function open(report: ReportData): Promise<void> {
    page = await harness.open('report', undefined, { width: 1100, height: 900 });
    await page.waitForFunction(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'),
    );
    await post(page, { type: 'showReport', report });
    await page.locator('body[data-ready="true"]').waitFor();
  }

  const report = (models = 1): ReportData => ({
    dataset: 'MRNet-v1.0',
    split: 'valid',
    models: models === 2 ? ['a', 'b'] : ['a'],
    others: ['b'],
    tasks: [task('acl', twoModels, models), task('abnormal', oneClass, 1)],
  });

  it("each task's block carries its AUC and DeLong interval (4 decimals), as scikit-learn computes them", async () => {
    await open(report());
    const acl = page.locator('section.task[data-task="acl"]');
    assert.equal(await acl.getAttribute('data-auc'), twoModels.auc!.toFixed(4));
    assert.equal(await acl.getAttribute('data-auc-low'), twoModels.low!.toFixed(4));
    assert.equal(await acl.getAttribute('data-auc-high'), twoModels.high!.toFixed(4));
    assert.match(await acl.locator('h2').innerText(), /paper 0\.965/);
    assert.ok(await page.getByRole('img', { name: 'ACL: ROC curve' }).isVisible());
    assert.ok(await page.getByRole('img', { name: /ACL: calibration curve, Brier score/ }).isVisible());
  });

  it('a task with one class only has no AUC and says why', async () => {
    await open(report());
    const block = page.locator('section.task[data-task="abnormal"]');
    assert.equal(await block.getAttribute('data-auc'), null);
    assert.match(
      await block.getByRole('note').innerText(),
      /No AUC for abnormal: all 12 labelled cases of valid\/ with a prediction are negative, and an ROC curve needs positive and negative cases/,
    );
  });

  it('the threshold slider updates the confusion matrix and the metrics live, as scikit-learn counts them', async () => {
    await open(report());
    const acl = page.locator('section.task[data-task="acl"]');
    const cell = (o: string) => acl.locator(`.confusion [data-outcome="${o}"]`);
    const at = (t: number) => twoModels.thresholds.find((x) => x.threshold === t)!;
    for (const o of ['TP', 'FP', 'FN', 'TN'])
      assert.equal(await cell(o).getAttribute('data-count'), String(at(0.5)[o]));
    const slider = page.getByRole('slider', { name: 'ACL threshold' });
    await slider.focus();
    for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => document.querySelector('section.task[data-task="acl"] output')?.textContent === '0.75',
    );
    for (const o of ['TP', 'FP', 'FN', 'TN'])
      assert.equal(await cell(o).getAttribute('data-count'), String(at(0.75)[o]));
    assert.equal(await acl.locator('dd[data-stat="sensitivity"]').innerText(), at(0.75).sensitivity!.toFixed(3));
    assert.equal(await acl.locator('dd[data-stat="specificity"]').innerText(), at(0.75).specificity!.toFixed(3));
    // The settled value goes to the host (the tree and case viewer follow it).
    await page.waitForFunction(() =>
      (window as unknown as { __posted: { type: string; value?: number }[] }).__posted.some(
        (m) => m.type === 'setThreshold' && m.value === 0.75,
      ),
    );
    const numbers = page.getByRole('table', { name: 'Report numbers' });
    assert.match(await numbers.innerText(), /ACL\s+a\s+120\s+24\s+0\.9023/);
  });

  it('the Youden-optimal button sets the threshold that maximises sensitivity + specificity − 1, and tells the host', async () => {
    await open(report());
    const youden = twoModels.youden!;
    await page.getByRole('button', { name: `Youden-optimal (${youden.toFixed(3)})` }).click();
    await page.waitForFunction(
      (t) =>
        (window as unknown as { __posted: { type: string; value?: number }[] }).__posted.some(
          (m) => m.type === 'setThreshold' && m.value === t,
        ),
      youden,
    );
    assert.equal(
      await page.locator('section.task[data-task="acl"] output').innerText(),
      youden.toFixed(3).replace(/0$/, ''),
    );
  });

  it('a click on a confusion-matrix cell or a histogram bar asks the host to filter the Cases tree', async () => {
    await open(report());
    await page.locator('section.task[data-task="acl"] .confusion [data-outcome="FN"]').click();
    const bar = page.locator('section.task[data-task="acl"] rect[role="button"][data-label="1"]').first();
    await bar.click();
    const bin = Number(await bar.getAttribute('data-bin'));
    const filters = (await posted(page)).filter((m) => (m as { type: string }).type === 'filterCases');
    assert.deepEqual(filters, [
      { type: 'filterCases', task: 'acl', filter: { kind: 'outcome', outcome: 'FN' } },
      { type: 'filterCases', task: 'acl', filter: { kind: 'probability', label: 1, bin, bins: 20 } },
    ]);
  });

  it("two models: both ROC curves, the compared model's AUC and the paired DeLong p-value", async () => {
    await open(report(2));
    const heading = await page.locator('section.task[data-task="acl"] h2').innerText();
    assert.match(heading, new RegExp(`paired DeLong p = ${twoModels.paired!.p!.toFixed(3)}`));
    // The chance diagonal, and a curve per model.
    assert.equal(
      await page
        .locator('section.task[data-task="acl"] svg.chart')
        .first()
        .locator('g[aria-label="line"] path')
        .count(),
      3,
    );
  });

  it('exports the report as an SVG and a PNG image', async () => {
    await open(report());
    await page.getByRole('button', { name: 'Export SVG' }).click();
    await page.getByRole('button', { name: 'Export PNG' }).click();
    await page.waitForFunction(
      () =>
        (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'exportImage')
          .length === 2,
    );
    const [svg, png] = await page.evaluate(() =>
      (window as unknown as { __posted: { type: string; data: ArrayBuffer }[] }).__posted
        .filter((m) => m.type === 'exportImage')
        .map((m) => [...new Uint8Array(m.data).slice(0, 8)]),
    );
    assert.equal(String.fromCharCode(...svg.slice(0, 4)), '<svg');
    assert.deepEqual(png, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
