import * as assert from 'node:assert/strict';
import { Page } from 'playwright-core';
import { parseNpyHeader } from '../../src/shared/npy/header';
import { ArrayContent, CaseInfo, HostMessage } from '../../src/shared/protocol';
import { WebviewHarness } from '../../scripts/support/webviewHarness';

/** A harness for a mocha suite: one browser, pages closed after each test, which fails on any console error or CSP violation. */
export function useWebviewHarness(): WebviewHarness {
  const harness = new WebviewHarness();
  before(() => harness.start());
  after(() => harness.stop());
  afterEach(async () => {
    await harness.closePages();
    assert.deepEqual(harness.problems.splice(0), [], 'console errors or CSP violations');
  });
  return harness;
}

/** A .npy file's content as the extension host's readArray builds it. */
export function arrayContent(fileName: string, bytes: Uint8Array): ArrayContent {
  try {
    const header = parseNpyHeader(bytes, bytes.length);
    return { kind: 'whole', fileName, header, data: bytes.slice(header.dataOffset).buffer };
  } catch (e) {
    return { kind: 'error', fileName, error: (e as Error).message };
  }
}

/** The .npy editor's message for a file. */
export function arrayMessage(fileName: string, bytes: Uint8Array, caseInfo?: CaseInfo): HostMessage {
  return { type: 'showArray', array: arrayContent(fileName, bytes), caseInfo };
}

/** What the webview has posted to the host. */
export function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
}

/** What the webview last stored with setState. */
export function storedState<T>(page: Page): Promise<T> {
  return page.evaluate(() => (window as unknown as { __state: T }).__state);
}
