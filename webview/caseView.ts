import { planeDisplayName } from '../src/core/dataset/layout';
import { decodeNpyData } from '../src/core/npy/decode';
import { layoutOf, planeSource } from '../src/core/npy/planeSource';
import { CasePlane, HostMessage } from '../src/core/protocol';
import { volumeStats } from '../src/core/windowing';
import { labelBadges } from './caseHeader';
import { button, el } from './dom';
import { PlaneViewState, PlaneViewer, withoutSlice } from './planeViewer';
import { onHostMessage, vscode } from './vscodeApi';

interface CaseViewState {
  /** Which case the plane states are of: "dataset/split/id". */
  caseKey: string;
  planes: Record<string, PlaneViewState>;
}

/**
 * The three-plane case viewer: a header (case, split, label badges, previous/next, a case
 * picker) and one plane viewer per plane, side by side (stacked in narrow panels).
 */
export function startCaseViewer(root: HTMLElement): void {
  const title = el('h1', { class: 'file-name' });
  const split = el('span', { class: 'case-split' });
  const badges = el('span', { class: 'badges-slot' });
  const picker = el('vscode-single-select', { 'aria-label': 'Case', class: 'case-picker', combobox: '' });
  const header = el('header', { class: 'case-header' }, [
    title,
    split,
    badges,
    el('span', { class: 'group' }, [
      button('‹ Previous', 'Previous case (p, Alt+Left)', () => navigate('previous')),
      button('Next ›', 'Next case (n, Alt+Right)', () => navigate('next')),
    ]),
    el('label', { class: 'control' }, ['Case ', picker]),
  ]);
  const planes = el('div', { class: 'planes' });
  const status = el('p', { class: 'status' }, ['Loading…']);
  root.append(header, status, planes);
  root.classList.add('case-viewer');

  const viewers = new Map<string, PlaneViewer>();
  let state: CaseViewState = (vscode.getState() as CaseViewState | undefined) ?? { caseKey: '', planes: {} };
  let pickerIds: string[] = [];

  const save = () => {
    for (const [plane, viewer] of viewers) state.planes[plane] = viewer.getState();
    vscode.setState(state);
  };

  function navigate(direction: 'next' | 'previous'): void {
    vscode.postMessage({ type: 'navigate', direction });
  }

  picker.addEventListener('change', () => {
    const id = picker.value;
    if (id && id !== title.dataset.caseId) vscode.postMessage({ type: 'openCase', id });
  });

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || (e.target as HTMLElement).closest('input, vscode-single-select')) return;
    const direction = (e.key === 'n' && !e.altKey) || (e.altKey && e.key === 'ArrowRight') ? 'next' : (e.key === 'p' && !e.altKey) || (e.altKey && e.key === 'ArrowLeft') ? 'previous' : undefined;
    if (!direction) return;
    e.preventDefault();
    navigate(direction);
  });

  onHostMessage((message: HostMessage) => {
    if (message.type !== 'showCase') return;
    status.remove();
    const { caseInfo } = message;
    title.textContent = `Case ${caseInfo.id}`;
    title.dataset.caseId = caseInfo.id;
    split.textContent = [caseInfo.dataset, caseInfo.split].filter(Boolean).join(' · ');
    badges.replaceChildren(labelBadges(caseInfo));
    fillPicker(message.caseIds, caseInfo.id);

    const caseKey = `${caseInfo.dataset}/${caseInfo.split}/${caseInfo.id}`;
    const sameCase = caseKey === state.caseKey;
    const shown = new Set(message.planes.map((p) => p.plane));
    for (const [plane, viewer] of viewers) {
      if (shown.has(plane)) continue;
      viewer.dispose();
      viewer.element.remove();
      viewers.delete(plane);
    }
    for (const casePlane of message.planes) {
      let viewer = viewers.get(casePlane.plane);
      if (!viewer) {
        const name = planeDisplayName(casePlane.plane);
        viewer = new PlaneViewer(`${name} plane`, `${name} slice`);
        viewer.onChange = save;
        viewers.set(casePlane.plane, viewer);
      }
      planes.append(viewer.element); // keeps the host's order
      // A new case starts at the middle slices but keeps each plane's contrast and zoom.
      const saved = state.planes[casePlane.plane];
      showPlane(viewer, casePlane, saved ? (sameCase ? saved : withoutSlice(saved)) : {});
    }
    state = { caseKey, planes: state.planes };
    save();
    // Marks the moment the planes are on screen, for the benchmark (npm run bench).
    requestAnimationFrame(() => performance.mark('case-painted', { detail: caseInfo.id }));
  });
  vscode.postMessage({ type: 'ready' });

  function fillPicker(ids: string[], current: string): void {
    if (ids.join() !== pickerIds.join()) {
      pickerIds = ids;
      picker.replaceChildren(...ids.map((id) => el('vscode-option', { value: id }, [id])));
    }
    picker.value = current;
  }
}

function showPlane(viewer: PlaneViewer, casePlane: CasePlane, keep: Partial<PlaneViewState>): void {
  const content = casePlane.array;
  if (!('data' in content)) {
    // The case viewer reads plane files whole; only the .npy editor reads slice by slice.
    viewer.showError(`Cannot show ${content.fileName}: ${'error' in content ? content.error : 'the file is too large for the case viewer; open it in the .npy editor'}`);
    return;
  }
  try {
    const array = decodeNpyData(content.header, new Uint8Array(content.data));
    const layout = layoutOf(array);
    if (layout.kind === 'values' || array.header.count === 0) {
      viewer.showError(`Cannot show ${content.fileName}: shape ${JSON.stringify(array.header.shape)} holds no images`);
      return;
    }
    const leading = layout.kind === 'volume' ? new Array<number>(layout.leadingAxes).fill(0) : [];
    viewer.setSource(planeSource(array, 0, leading), volumeStats(array.values), keep);
  } catch (e) {
    viewer.showError(`Cannot show ${content.fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
