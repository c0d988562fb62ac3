// Driving VS Code's workbench in Chromium, as a user would: the end-to-end tests and the benchmark use it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Frame, Locator, Page } from 'playwright-core';
import { RunningCodeServer } from '../codeServer';

/**
 * Waits until a window (new or reloaded) takes our commands: the workbench is drawn, and our
 * extension runs. The activity bar's MRNet entry is no proof (VS Code draws the entries it
 * remembers before the extension host has registered anything, and a command palette opened
 * then lists none of our commands); the Cases view's content is: a dataset row or the
 * welcome text appear only once the extension has activated, its commands and editors
 * registered. The sidebar is left showing the Cases view.
 */
export async function workbenchRestored(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  // VS Code marks this once it has restored the sidebar, panel and editors of the last session:
  // before it, a reloaded window can still be reopening the view container it showed.
  await page.waitForFunction(() => performance.getEntriesByName('code/didStartWorkbench').length > 0, undefined, {
    timeout: 90_000,
  });
  await showCasesView(page);
  const cases = page.locator('.pane-body').getByRole('treeitem', { name: /MRNet-v1\.0|broken-dataset/ });
  await cases.or(page.getByText('No MRNet dataset found in this workspace.')).first().waitFor({ timeout: 90_000 });
}

/** Shows the MRNet container's Cases view (a click on an activity bar entry already shown would hide it). */
export async function showCasesView(page: Page): Promise<void> {
  const mrnet = page.locator('.activitybar .action-label[aria-label="MRNet"]');
  await mrnet.waitFor({ timeout: 90_000 });
  // The entry's tab (its <li>) says whether its container is the one shown.
  const entry = page.locator('.action-label[aria-label="MRNet"]');
  const tab = page.locator('.activitybar li[role="tab"]').filter({ has: entry });
  if ((await tab.getAttribute('aria-expanded')) !== 'true') await mrnet.click();
  await page.locator('.activitybar li[role="tab"][aria-expanded="true"]').filter({ has: entry }).waitFor();
}

/**
 * The quick input (command palette, quick open, quick picks) once it is open, has the focus
 * and holds the value it opens with (`>` for the command palette): typing earlier could be
 * overwritten as it finishes opening.
 */
async function quickInputFocused(page: Page, initial?: string) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget .quick-input-box') != null);
  if (initial !== undefined)
    await page.waitForFunction(
      (value) => (document.activeElement as HTMLInputElement | null)?.value === value,
      initial,
    );
  return input;
}

/** Types into the focused quick input and waits until it holds the text. */
async function typeInQuickInput(page: Page, input: Locator, text: string): Promise<void> {
  await input.fill(text);
  await page.waitForFunction(
    (value) => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value === value,
    text,
  );
}

/**
 * Opens the quick input with `key` and types `text` into it once it is visible and focused,
 * then waits for an option named like `option` and picks it.
 */
export async function quickPick(page: Page, key: 'F1' | 'Control+P', text: string, option: RegExp): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press(key);
  const input = await quickInputFocused(page, key === 'F1' ? '>' : '');
  await typeInQuickInput(page, input, text);
  const row = page.locator('.quick-input-list').getByRole('option', { name: option }).first();
  await row.waitFor();
  await row.click();
}

/** What the extension wrote to its "MRNet Viewer" log in every window so far. */
export function extensionLog(server: RunningCodeServer): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('MRNet Viewer.log')) found.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(server.userDataDir, 'logs'));
  return found.join('\n');
}

/**
 * The webview frame in which `probe` finds something, waiting for it to appear: a webview's, or
 * a notebook output's page (a srcdoc frame in the notebook's webview). Probes must not wait (isVisible, count).
 */
export async function webviewFrame(
  page: Page,
  probe: (frame: Frame) => Promise<boolean>,
  timeout = 30_000,
): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (!(frame.url().includes('/webview/') || frame.url() === 'about:srcdoc') || frame.isDetached()) continue;
      if (await probe(frame).catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error('no webview frame showed what was expected');
    await page.waitForTimeout(50);
  }
}

/**
 * Gives the keyboard back to the workbench: after a webview editor closes, the focus can be
 * left in a frame that is gone, and key presses would go nowhere.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Text to match literally in a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a command from the command palette (F1), by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await quickPick(page, 'F1', `>${title}`, new RegExp(escapeRegExp(title)));
}

/** In a quick pick the extension opened (its placeholder given), types `text` and picks the option named like `option` once listed. */
export async function pickFromQuickPick(page: Page, placeholder: RegExp, text: string, option: RegExp): Promise<void> {
  await page.getByPlaceholder(placeholder).waitFor();
  const input = await quickInputFocused(page, '');
  await typeInQuickInput(page, input, text);
  const row = page.locator('.quick-input-list').getByRole('option', { name: option }).first();
  await row.waitFor();
  await row.click();
}

/**
 * Picks a file in VS Code's open dialog (a quick input in code-server) once it shows `title`: it
 * settles on a folder, listed, before it takes typing (typed earlier, its own value can overwrite
 * ours); then the path typed is accepted once the dialog lists it and still holds it.
 */
export async function pickInOpenDialog(page: Page, title: string, path: string): Promise<void> {
  await page.locator('.quick-input-widget').getByText(title).first().waitFor();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.waitForFunction(() =>
    (document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '').endsWith('/'),
  );
  await page.locator('.quick-input-list').getByRole('option').first().waitFor();
  await input.fill(path);
  const name = path.split('/').pop()!;
  await page
    .locator('.quick-input-list')
    .getByRole('option', { name: new RegExp(escapeRegExp(name)) })
    .waitFor();
  await page.waitForFunction(
    (typed) => document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value === typed,
    path,
  );
  await input.press('Enter');
}

export async function closeAllEditors(page: Page): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('W');
}

/**
 * Clicks through Explorer rows by name, e.g. MRNet-v1.0, train, axial, 0000.npy, from a tree
 * with every folder collapsed: the Explorer draws only the rows in view, and a folder opened
 * earlier could push the next one out of it.
 */
export async function explorerOpen(page: Page, ...names: string[]): Promise<void> {
  await runCommand(page, 'Collapse Folders in Explorer');
  await focusWorkbench(page);
  await page.keyboard.press('Control+Shift+E');
  const explorer = page.locator('.explorer-folders-view');
  await explorer.waitFor();
  for (const name of names) {
    const row = explorerRow(page, name);
    await row.waitFor();
    const expanded = await row.getAttribute('aria-expanded');
    if (expanded !== 'true') await row.click();
  }
}

/** An Explorer row by name, as shown now (the benchmark clicks one directly, timing the editor alone). */
export function explorerRow(page: Page, name: string): Locator {
  return page.locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true });
}

/** A row of the Variables view of the paused program, by the variable's name. */
export function variableRow(page: Page, name: string): Locator {
  return page
    .locator('.debug-pane')
    .getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)}\\b`) })
    .first();
}

/** "View in MRNet Viewer" from a variable's context menu; `pressed` is told as the menu item is pressed. */
export async function viewInMrnetViewer(page: Page, name: string, pressed?: () => void): Promise<void> {
  const row = variableRow(page, name);
  await row.waitFor();
  await row.hover();
  await row.click({ button: 'right' });
  // Pointed at first: a menu takes a click only once it has settled under the pointer.
  const item = page.getByRole('menuitem', { name: 'View in MRNet Viewer' });
  await item.hover();
  pressed?.();
  await item.click();
  await item.waitFor({ state: 'hidden' });
}
