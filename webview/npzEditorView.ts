import { formatBytes } from '../src/shared/format';
import { HostMessage, NpzMember } from '../src/shared/protocol';
import { el } from './dom';
import { startNpyEditor } from './npyEditorView';
import { onHostMessages, vscode } from './vscodeApi';

/**
 * The custom editor of an `.npz` archive: the list of its members (name, shape, dtype, size,
 * stored or deflated) beside the `.npy` editor, which shows the member selected.
 */
export function startNpzEditor(root: HTMLElement): void {
  const heading = el('h2', { class: 'members-heading' }, ['Members']);
  const alert = el('div', { role: 'alert', class: 'error', hidden: '' });
  const list = el('ul', { class: 'members', 'aria-label': 'Archive members' });
  const view = el('div', { class: 'member-view' });
  root.append(
    el('div', { class: 'npz-layout' }, [
      el('nav', { class: 'member-list', 'aria-label': 'Archive' }, [heading, alert, list]),
      view,
    ]),
  );
  root.classList.add('npz-editor');
  const rows = new Map<string, HTMLElement>();

  const npy = startNpyEditor(view);
  onHostMessages<HostMessage>({
    ...npy,
    showArchive: (message) => {
      alert.hidden = message.error === undefined;
      alert.textContent = message.error === undefined ? '' : `Cannot show ${message.fileName}: ${message.error}`;
      heading.textContent = `Members (${message.members.length})`;
      rows.clear();
      list.replaceChildren(...message.members.map((m) => memberRow(m, rows)));
      // Back from a hidden tab: show the member that was shown before.
      const saved = (vscode.getState() as { fileName?: string } | undefined)?.fileName;
      const member = saved?.startsWith(`${message.fileName}: `) ? saved.slice(message.fileName.length + 2) : undefined;
      if (member !== undefined && rows.has(member)) vscode.postMessage({ type: 'openMember', name: member });
    },
    showArray: (message) => {
      for (const [name, row] of rows) {
        if (name === message.member) row.setAttribute('aria-current', 'true');
        else row.removeAttribute('aria-current');
      }
      npy.showArray(message);
    },
  });
}

/** One member: a button with its name, and what it holds, or why it cannot be shown. */
function memberRow(member: NpzMember, rows: Map<string, HTMLElement>): HTMLElement {
  const details = member.problem ?? `${member.shape} ${member.dtype}`;
  const size = `${formatBytes(member.bytes)} · ${member.method}${member.method === 'deflated' ? ` (${formatBytes(member.compressedBytes)})` : ''}`;
  const open = el('button', { type: 'button', class: 'member', title: `Show ${member.name}` }, [
    el('span', { class: 'member-name' }, [member.name]),
    el('span', { class: `member-details${member.problem ? ' problem' : ''}` }, [details]),
    el('span', { class: 'member-size' }, [size]),
  ]);
  open.addEventListener('click', () => vscode.postMessage({ type: 'openMember', name: member.name }));
  const row = el('li', { 'data-member': member.name }, [open]);
  rows.set(member.name, row);
  return row;
}
