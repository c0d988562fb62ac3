import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Page } from 'playwright-core';
import { openNpz, firstMember } from '../../src/arrays/npzArchive';
import { readContent } from '../../src/core/arraySource';
import { HostMessage } from '../../src/shared/protocol';
import { memorySource } from '../support/countingSource';
import { post } from '../../scripts/support/webviewHarness';
import { posted, storedState, useWebviewHarness } from './harness';

/** What the host sends for an archive: its members, then a member, as NpzEditorProvider does. */
async function hostMessages(file: string, member?: string): Promise<HostMessage[]> {
  const path = join(__dirname, '..', 'fixtures', 'npz', file.includes('/') ? file : join('valid', file));
  const source = memorySource(basename(file), new Uint8Array(readFileSync(path)));
  const npz = await openNpz(source);
  const shown = member ?? firstMember(npz.members)!.name;
  const listed = npz.members.find((m) => m.name === shown)!;
  const array = listed.problem
    ? ({ kind: 'error', fileName: `${source.name}: ${shown}`, error: listed.problem } as const)
    : await readContent(npz.open(shown)!, Infinity);
  return [
    { type: 'showArchive', fileName: source.name, members: npz.members },
    { type: 'showArray', array, member: shown },
  ];
}

describe('the .npz editor webview (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;
  const members = () => page.getByRole('list', { name: 'Archive members' }).getByRole('listitem');

  async function open(file: string, member?: string, state?: unknown): Promise<void> {
    page = await harness.open('npz', state);
    for (const message of await hostMessages(file, member)) await post(page, message);
    await page.getByRole('heading', { name: /^Members \(/ }).waitFor();
  }

  it('lists the members (name, shape, dtype, size, stored or deflated) and shows the first volume at once in the .npy viewer', async () => {
    await open('deflated.npz');
    assert.deepEqual(
      await members().evaluateAll((rows) => rows.map((r) => r.querySelector('.member-name')!.textContent)),
      ['volume.npy', 'cam.npy', 'scores.npy', 'dir/ünïcode.npy'],
    );
    assert.match(
      (await members().first().textContent())!,
      /^volume\.npy\(4, 16, 16\) uint81\.15 KB · deflated \(1\.\d+ KB\)$/,
    );
    await page.getByRole('slider', { name: 'Slice', exact: true }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Slices' }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'deflated.npz: volume.npy');
    assert.equal(await members().first().getAttribute('aria-current'), 'true');
    await members().nth(1).getByRole('button').click();
    assert.deepEqual((await posted(page)).pop(), { type: 'openMember', name: 'cam.npy' });
  });

  it('a member that cannot be shown says so in the list and, when opened, in an alert naming the archive, the member and the problem', async () => {
    await open('malformed/not_npy_member.npz', 'readme.txt');
    assert.match((await members().first().textContent())!, /readme\.txtit is not a \.npy array/);
    const alert = page.getByRole('alert').filter({ hasText: 'Cannot show' });
    await alert.waitFor();
    assert.equal(
      await alert.textContent(),
      'Cannot show not_npy_member.npz: readme.txt: it is not a .npy array; only .npy members are shown',
    );
  });

  it('an archive that is not one shows its message in an alert', async () => {
    page = await harness.open('npz');
    await post(page, {
      type: 'showArchive',
      fileName: 'broken.npz',
      members: [],
      error:
        'not a zip archive (an .npz is one): no end-of-central-directory record; the file is not a zip or is truncated',
    });
    const alert = page.getByRole('alert').filter({ hasText: 'Cannot show broken.npz' });
    await alert.waitFor();
  });

  it('back from a hidden tab, asks for the member that was shown', async () => {
    await open('stored.npz', 'cam.npy');
    await page.getByRole('slider', { name: 'Slice', exact: true }).waitFor();
    const state = await storedState(page);
    await open('stored.npz', undefined, state);
    assert.deepEqual(
      (await posted(page)).filter((m) => (m as { type: string }).type === 'openMember'),
      [{ type: 'openMember', name: 'cam.npy' }],
    );
  });
});
