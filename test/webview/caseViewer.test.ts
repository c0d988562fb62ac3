import * as assert from 'node:assert/strict';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { CaseInfo, CasePlane, HostMessage } from '../../src/shared/protocol';
import { pixelOf, planeCanvas } from '../support/canvas';
import { useWebviewHarness, arrayContent, arrayMessage, posted, storedState } from './harness';
import { post } from '../../scripts/support/webviewHarness';
import { toolbarControl } from '../support/toolbar';

/** A (slices, 64, 64) uint8 volume whose value at [k, y, x] is (k + y + x) mod 256. */
function volume(slices: number): Uint8Array {
  const data = new Uint8Array(slices * 64 * 64);
  for (let i = 0; i < data.length; i++) data[i] = (Math.floor(i / 4096) + ((i >> 6) & 63) + (i & 63)) & 255;
  return new Uint8Array(dump(data, [slices, 64, 64]));
}

const SLICES: Record<string, number> = { coronal: 36, sagittal: 35, axial: 44 };

function caseInfo(id: string, acl: 0 | 1): CaseInfo {
  return {
    id,
    split: 'train',
    dataset: 'MRNet-v1.0',
    labels: [
      { task: 'acl', name: 'ACL', value: acl },
      { task: 'meniscus', name: 'Meniscus', value: 0 },
      { task: 'abnormal', name: 'Abnormal', value: 1 },
    ],
  };
}

function caseMessage(id: string, acl: 0 | 1, missing?: string): HostMessage {
  const planes: CasePlane[] = ['coronal', 'sagittal', 'axial'].map((plane) => ({
    plane,
    array:
      plane === missing
        ? { kind: 'error' as const, fileName: `${id}.npy`, error: `case ${id} has no ${plane} file` }
        : arrayContent(`${id}.npy`, volume(SLICES[plane])),
  }));
  return { type: 'showCase', caseInfo: caseInfo(id, acl), planes, caseIds: ['0000', '0001', '0002'] };
}

describe('the three-plane case viewer webview (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;

  const slider = (plane: string) => page.getByRole('slider', { name: `${plane} slice` });

  async function openCase(
    message = caseMessage('0000', 1),
    size?: { width: number; height: number },
    state?: unknown,
  ): Promise<void> {
    page = await harness.open('case', state, size);
    await post(page, message);
    await slider('Axial').waitFor();
  }

  it("follows the axes chosen for a plane's file in its editor (a volume stored (H, W, slices) viewed along its last axis)", async () => {
    const message = caseMessage('0000', 1) as Extract<HostMessage, { type: 'showCase' }>;
    const along = { rows: 0, cols: 1, slice: 2, channel: -1, index: [0, 0, 0] };
    await openCase({
      ...message,
      planes: message.planes.map((p) => (p.plane === 'axial' ? { ...p, view: along } : p)),
    });
    assert.equal(await slider('Axial').getAttribute('max'), '63', 'along axis 2: 64 slices');
    assert.equal(await slider('Axial').inputValue(), '31');
    assert.equal(await slider('Coronal').getAttribute('max'), '35', "no choice: NumPy's");
    // A choice that no longer fits the file (another shape now) is NumPy's again.
    await openCase({
      ...message,
      planes: message.planes.map((p) => (p.plane === 'axial' ? { ...p, view: { ...along, slice: 3 } } : p)),
    });
    assert.equal(await slider('Axial').getAttribute('max'), '43');
  });

  it('shows coronal, sagittal and axial side by side, each at its middle slice', async () => {
    await openCase();
    const regions = page.getByRole('region');
    assert.deepEqual(await regions.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), [
      'Coronal plane',
      'Sagittal plane',
      'Axial plane',
    ]);
    for (const [plane, n] of [
      ['Coronal', 36],
      ['Sagittal', 35],
      ['Axial', 44],
    ] as const) {
      assert.equal(await slider(plane).getAttribute('max'), String(n - 1));
      assert.equal(await slider(plane).inputValue(), String(Math.floor((n - 1) / 2)), plane);
      assert.equal(await page.getByRole('img', { name: `${plane} plane image` }).count(), 1);
    }
    const boxes = await Promise.all(
      ['Coronal', 'Sagittal', 'Axial'].map((p) => page.getByRole('region', { name: `${p} plane` }).boundingBox()),
    );
    assert.ok(boxes[0]!.x < boxes[1]!.x && boxes[1]!.x < boxes[2]!.x && boxes[0]!.y === boxes[2]!.y, 'side by side');
    assert.equal(await page.getByRole('heading').textContent(), 'Case 0000');
    assert.equal(await page.locator('.case-split').textContent(), 'MRNet-v1.0 · train');
  });

  it("on demand, the values of the active plane's slice, following the plane clicked and its slice", async () => {
    await openCase();
    await (await toolbarControl(page, 'button', "Show the values of the active plane's slice")).click();
    /** Waits until the grid named for `plane` shows cells, every one of them of slice k (a grid draws on the next frame). */
    const showsSlice = (plane: string, k: number) =>
      page.waitForFunction(
        ({ name, k }) => {
          const cells = [...document.querySelectorAll(`[role="grid"][aria-label="${name}"] [role="gridcell"]`)];
          return cells.length > 0 && cells.every((c) => c.getAttribute('aria-label')!.startsWith(`[${k}, `));
        },
        { name: `Values of the ${plane} slice`, k },
      );
    const middle = (plane: string) => Math.floor((SLICES[plane] - 1) / 2);
    await planeCanvas(page, 'Sagittal plane').click();
    await showsSlice('Sagittal', middle('sagittal'));
    await planeCanvas(page, 'Axial plane').click();
    await showsSlice('Axial', middle('axial'));
    // The pointer is over the axial image: its pixel's cell is marked, and the slice keys move the grid too.
    await page.locator('.values-grid .grid-cell.marked').waitFor();
    assert.equal(await page.locator('.values-grid .grid-cell.marked').count(), 1);
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(
      (k) => document.querySelector('.values-grid .grid-cell')?.getAttribute('aria-label')?.startsWith(`[${k}, `),
      middle('axial') + 1,
    );
  });

  it('shows one badge per task with data-task and data-value', async () => {
    await openCase();
    const badges = await page
      .locator('.badge')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-task'), e.getAttribute('data-value'), e.textContent]));
    assert.deepEqual(badges, [
      ['acl', '1', 'ACL ✓'],
      ['meniscus', '0', 'Meniscus ✗'],
      ['abnormal', '1', 'Abnormal ✓'],
    ]);
  });

  it('each plane scrolls on its own', async () => {
    await openCase();
    await page.getByRole('img', { name: 'Sagittal plane image' }).hover();
    await page.mouse.wheel(0, 100);
    assert.equal(await slider('Sagittal').inputValue(), '18');
    assert.equal(await slider('Coronal').inputValue(), '17');
    assert.equal(await slider('Axial').inputValue(), '21');
  });

  it('previous/next buttons, n/p and Alt+Left/Right ask the host for the neighbouring case', async () => {
    await openCase();
    await page.getByRole('button', { name: 'Next case' }).click();
    await page.getByRole('button', { name: 'Previous case' }).click();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (const key of ['n', 'p', 'Alt+ArrowRight', 'Alt+ArrowLeft']) await page.keyboard.press(key);
    const navigation = (await posted(page))
      .filter((m) => (m as { type: string }).type === 'navigate')
      .map((m) => (m as { direction: string }).direction);
    assert.deepEqual(navigation, ['next', 'previous', 'next', 'previous', 'next', 'previous']);
  });

  it('Next shows a neighbour the host read ahead at once, from what the page holds; the host then sends only its header; at most two are held', async () => {
    const key = (id: string) => `file:///data/MRNet-v1.0#train/${id}`;
    const planesOf = (id: string) => (caseMessage(id, 0) as Extract<HostMessage, { type: 'showCase' }>).planes;
    const heldCases = () => page.locator('body').getAttribute('data-held-cases');
    const around = (id: string, previous?: string, next?: string) => ({
      key: key(id),
      keep: [previous, next].filter((k) => k !== undefined).map(key),
      previous: previous && key(previous),
      next: next && key(next),
    });
    await openCase({
      ...(caseMessage('0000', 1) as Extract<HostMessage, { type: 'showCase' }>),
      hold: around('0000', undefined, '0001'),
    });
    // The neighbour comes plane by plane; it is held once the last part is in.
    const parts = planesOf('0001');
    for (const [part, plane] of parts.entries()) {
      await post(page, {
        type: 'holdCase',
        key: key('0001'),
        keep: [key('0001')],
        caseInfo: caseInfo('0001', 0),
        planes: [plane],
        part,
        parts: parts.length,
      });
      if (part < parts.length - 1) assert.equal(await heldCases(), '', `part ${part}: not held yet`);
    }
    await page.locator(`body[data-held-cases="${key('0001')}"]`).waitFor();
    // Next: shown at once, before the host answers; the host is told.
    await page.getByRole('button', { name: 'Next case' }).click();
    await page.getByRole('heading', { name: 'Case 0001' }).waitFor();
    assert.equal(await slider('Axial').inputValue(), '21', 'a new case starts at its middle slice');
    assert.equal(await slider('Axial').getAttribute('max'), '43');
    // Pixel (10, 20) of slice 21: painted, not blank.
    assert.equal((await pixelOf(page, 'Axial plane', 10, 20, { width: 64, height: 64 })).rgba[3], 255);
    assert.deepEqual(
      (await posted(page)).filter((m) => (m as { type: string }).type === 'navigate'),
      [{ type: 'navigate', direction: 'next' }],
    );
    await slider('Axial').fill('5');
    // The host's answer for the case on screen: its header (a newer label here) and neighbours; the planes are not redrawn.
    await post(page, {
      type: 'showHeldCase',
      caseInfo: caseInfo('0001', 1),
      caseIds: ['0000', '0001', '0002'],
      hold: around('0001', '0000', '0002'),
    });
    await page.locator('.badge[data-task="acl"][data-value="1"]').waitFor();
    assert.equal(await slider('Axial').inputValue(), '5');
    // The case left is kept as the previous neighbour; a third is let go when it is no neighbour.
    assert.equal(await heldCases(), key('0000'));
    await post(page, {
      type: 'holdCase',
      key: key('0002'),
      keep: [key('0000'), key('0002')],
      caseInfo: caseInfo('0002', 0),
      planes: planesOf('0002'),
      part: 0,
      parts: 1,
    });
    await page.locator(`body[data-held-cases="${key('0000')} ${key('0002')}"]`).waitFor();
    await post(page, {
      type: 'holdCase',
      key: key('0009'),
      keep: [key('0002'), key('0009')],
      caseInfo: caseInfo('0009', 0),
      planes: planesOf('0009'),
      part: 0,
      parts: 1,
    });
    await page.locator(`body[data-held-cases="${key('0002')} ${key('0009')}"]`).waitFor();
    // Previous now: case 0000 is no longer held, so the page asks the host and waits.
    await page.getByRole('button', { name: 'Previous case' }).click();
    await page.waitForFunction(
      () =>
        (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'navigate').length ===
        2,
    );
    assert.equal(await page.getByRole('heading').textContent(), 'Case 0001');
    // A key the page does not hold (it was reloaded, say): it asks the host again, as a new page does.
    const before = (await posted(page)).filter((m) => (m as { type: string }).type === 'ready').length;
    await post(page, { type: 'showHeldCase', caseInfo: caseInfo('0005', 0), caseIds: ['0005'], hold: around('0005') });
    await page.waitForFunction(
      (n) =>
        (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'ready').length ===
        n + 1,
      before,
    );
    assert.equal(await page.getByRole('heading').textContent(), 'Case 0001');
  });

  it('the case picker: typing an id and Enter opens that case (found by value); an unknown id is marked invalid', async () => {
    await openCase();
    const picker = page.getByRole('combobox', { name: 'Case' });
    assert.equal(await picker.inputValue(), '0000');
    await picker.fill('2');
    await picker.press('Enter');
    assert.deepEqual((await posted(page)).pop(), { type: 'openCase', id: '0002' });
    await picker.fill('0009');
    await picker.press('Enter');
    assert.equal(await picker.getAttribute('aria-invalid'), 'true');
    assert.equal((await posted(page)).filter((m) => (m as { type: string }).type === 'openCase').length, 1);
  });

  it('keys act on the plane under the pointer, else on the focused plane; n and p work while a slider has focus', async () => {
    await openCase();
    const value = (plane: string) => slider(plane).inputValue().then(Number);
    const [coronal, axial] = [await value('Coronal'), await value('Axial')];
    await slider('Coronal').focus();
    await page.getByRole('img', { name: 'Axial plane image' }).hover();
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(
      (n) => (document.querySelector('[aria-label="Axial slice"]') as HTMLInputElement).value === String(n),
      axial + 1,
    );
    assert.equal(await value('Coronal'), coronal, 'the focused plane is left alone while the pointer is over another');
    await page.mouse.move(0, 0); // over no plane: the focused one takes the keys
    await page.waitForFunction(() => !document.querySelector('[aria-label="Axial plane"]')!.matches(':hover'));
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(
      (n) => (document.querySelector('[aria-label="Coronal slice"]') as HTMLInputElement).value === String(n),
      coronal + 1,
    );
    await page.keyboard.press('n');
    assert.deepEqual((await posted(page)).pop(), { type: 'navigate', direction: 'next' });
    // A right-drag focuses the plane it happens in.
    const sagittal = page.getByRole('img', { name: 'Sagittal plane image' });
    const box = (await sagittal.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2);
    await page.mouse.up({ button: 'right' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Sagittal plane');
  });

  it("a new case starts at the middle slices and keeps each plane's contrast", async () => {
    await openCase();
    // The toolbar acts on the active plane: the one clicked.
    await page.getByRole('img', { name: 'Axial plane image' }).click();
    const invert = page.getByRole('button', { name: 'Invert' });
    const fullRange = page.getByRole('button', { name: 'Contrast: full range' });
    await invert.click();
    await fullRange.click();
    await slider('Axial').fill('3');
    await post(page, caseMessage('0001', 0));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Case 0001');
    assert.equal(await slider('Axial').inputValue(), '21');
    assert.equal(await invert.getAttribute('aria-pressed'), 'true');
    assert.equal(await fullRange.getAttribute('aria-pressed'), 'true');
    await page.getByRole('img', { name: 'Sagittal plane image' }).click();
    assert.equal(await invert.getAttribute('aria-pressed'), 'false');
    assert.equal(await fullRange.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('.badge[data-task="acl"]').getAttribute('data-value'), '0');
  });

  it('a missing plane shows its message in its pane; the other planes work', async () => {
    await openCase(caseMessage('0003', 0, 'sagittal'), undefined);
    const sagittal = page.getByRole('region', { name: 'Sagittal plane' });
    assert.equal(
      await sagittal.getByRole('alert').textContent(),
      'Cannot show 0003.npy: case 0003 has no sagittal file',
    );
    assert.equal(await slider('Sagittal').isVisible(), false);
    assert.equal(await slider('Coronal').inputValue(), '17');
    assert.equal(await slider('Axial').inputValue(), '21');
  });

  it('stacks the planes vertically in a narrow panel', async () => {
    await openCase(caseMessage('0000', 1), { width: 640, height: 900 });
    const boxes = await Promise.all(
      ['Coronal', 'Sagittal', 'Axial'].map((p) => page.getByRole('region', { name: `${p} plane` }).boundingBox()),
    );
    assert.ok(
      boxes[0]!.y < boxes[1]!.y && boxes[1]!.y < boxes[2]!.y && boxes[0]!.x === boxes[2]!.x,
      JSON.stringify(boxes),
    );
  });

  it('restores the slices of the same case after the tab was hidden', async () => {
    await openCase();
    await slider('Coronal').fill('5');
    const state = await storedState(page);
    await openCase(caseMessage('0000', 1), undefined, state);
    assert.equal(await slider('Coronal').inputValue(), '5');
    assert.equal(await slider('Axial').inputValue(), '21');
  });

  it('plane names are data: planes called __proto__ and constructor show and keep their state', async () => {
    const message = caseMessage('0000', 1);
    if (message.type !== 'showCase') throw new Error('not a case');
    message.planes = message.planes.slice(0, 2).map((p, i) => ({ ...p, plane: ['__proto__', 'constructor'][i] }));
    page = await harness.open('case');
    await post(page, message);
    await slider('__proto__').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Constructor plane' }).count(), 1);
    await slider('__proto__').fill('4');
    page = await harness.open('case', await storedState(page));
    await post(page, message);
    await slider('__proto__').waitFor();
    assert.equal(await slider('__proto__').inputValue(), '4');
  });

  it('the .npy editor of a dataset file shows its case, its labels and "Open case (all planes)"', async () => {
    page = await harness.open('npy');
    await post(page, arrayMessage('0000.npy', volume(44), caseInfo('0000', 1)));
    await page.getByRole('slider', { name: 'Slice', exact: true }).waitFor();
    assert.equal(await page.locator('.case-strip .case-id').textContent(), 'Case 0000');
    assert.equal(await page.locator('.badge[data-task="acl"]').getAttribute('data-value'), '1');
    await page.getByRole('button', { name: 'Open this case in the three-plane viewer' }).click();
    assert.deepEqual((await posted(page)).pop(), { type: 'openCase' });
  });
});
