import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { SCREENSHOTS, Workbench } from './workbench';

/**
 * The one VS Code every end-to-end file shares, in the order of their names (each goes on
 * from where the one before left the window): the first file's `before` starts it, and the
 * root `after` hook below stops it once every suite has run.
 */
export interface Shared {
  workbench: Workbench;
  page: Page;
}
let running: Promise<Shared> | undefined;
let shared: Shared | undefined;

export function sharedWorkbench(): Promise<Shared> {
  running ??= (async () => {
    const workbench = new Workbench();
    await workbench.start();
    shared = { workbench, page: await workbench.open() };
    return shared;
  })();
  return running;
}

after(async function () {
  this.timeout(60_000);
  if (!shared) return;
  await shared.page.close();
  await shared.workbench.stop();
});

/** An afterEach hook: a failed step leaves a picture of the window behind, to see what it waited for. */
export function screenshotOnFailure(page: () => Page | undefined) {
  return async function (this: Mocha.Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !page()) return;
    await page()!
      .screenshot({ path: join(SCREENSHOTS, `failed-${test.title.slice(0, 60).replace(/[^\w]+/g, '-')}.png`) })
      .catch(() => undefined);
  };
}

/** A path inside the sample dataset of the shared workspace. */
export const dataset = (...path: string[]) => join(shared!.workbench.workspace, 'MRNet-v1.0', ...path);

export const labels = (split: string, task: string) =>
  new Map(
    readFileSync(dataset(`${split}-${task}.csv`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(',') as [string, string]),
  );

/** The sample model's ACL probability of each case of a split, from its prediction file (case,abnormal,acl,…). */
export const aclProbabilities = (split: string) =>
  new Map(
    readFileSync(dataset('predictions', 'mrnet-baseline', `${split}.csv`), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => [l.split(',')[0], Number(l.split(',')[2])] as const),
  );

/** What a case row should say, from the CSVs alone: the first model's ACL probability and outcome at 0.5, then the labels. */
export const expectedDescription = (split: string, id: string) => {
  const positive = [
    ['acl', 'ACL'],
    ['meniscus', 'meniscus'],
    ['abnormal', 'abnormal'],
  ]
    .filter(([task]) => labels(split, task).get(id) === '1')
    .map(([, word]) => word);
  const p = aclProbabilities(split).get(id)!;
  const torn = labels(split, 'acl').get(id) === '1';
  const outcome = p >= 0.5 ? (torn ? 'TP' : 'FP') : torn ? 'FN' : 'TN';
  return `p=${p.toFixed(2)} · ${outcome} · ${positive.length ? positive.join(', ') : 'normal'}`;
};

export const sliceCount = (path: string) => {
  const bytes = new Uint8Array(readFileSync(path));
  return parseNpyHeader(bytes, bytes.length).shape[0];
};
