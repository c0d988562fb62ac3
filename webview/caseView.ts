import { caseKeyOf, planeDisplayName } from '../src/shared/datasetLayout';
import { decodeNpyData } from '../src/shared/npy/decode';
import { layoutOf, planeSource, subVolumeValues } from '../src/shared/npy/planeSource';
import { CasePlane, HostMessage } from '../src/shared/protocol';
import { volumeStats } from '../src/shared/windowing';
import { labelBadges } from './caseHeader';
import { button, el } from './dom';
import { PlaneKeys, PlaneViewState, PlaneViewer, isTextField, withoutSlice } from './planeViewer';
import { answerExport } from './sliceExport';
import { SliceStream } from './sliceStream';
import { onHostMessage, vscode } from './vscodeApi';

interface CaseViewState {
  /** Which case the plane states are of: "dataset/split/id". */
  caseKey: string;
  /** Each plane's view state; pairs, not an object keyed by plane names (a plane may be called `__proto__`). */
  planes: [string, PlaneViewState][];
}

/**
 * The three-plane case viewer: a header (case, split, label badges, previous/next, a case
 * picker) and one plane viewer per plane, side by side (stacked in narrow panels).
 */
export function startCaseViewer(root: HTMLElement): void {
  const title = el('h1', { class: 'file-name' });
  const split = el('span', { class: 'case-split' });
  const badges = el('span', { class: 'badges-slot' });
  // A native combobox: typing an id and Enter opens it; the list offers the tree's cases.
  const picker = el('input', { type: 'text', list: 'case-ids', 'aria-label': 'Case', class: 'case-picker', autocomplete: 'off', spellcheck: 'false', inputmode: 'numeric' });
  const pickerList = el('datalist', { id: 'case-ids' });
  const header = el('header', { class: 'case-header' }, [
    title,
    split,
    badges,
    el('span', { class: 'group' }, [
      button('‹ Previous', 'Previous case (p, Alt+Left)', () => navigate('previous')),
      button('Next ›', 'Next case (n, Alt+Right)', () => navigate('next')),
    ]),
    el('label', { class: 'control' }, ['Case ', picker, pickerList]),
  ]);
  const planes = el('div', { class: 'planes' });
  const status = el('p', { class: 'status' }, ['Loading…']);
  root.append(header, status, planes);
  root.classList.add('case-viewer');

  const viewers = new Map<string, PlaneViewer>();
  /** Plane files read slice by slice, by plane, while their case is shown. */
  const streams = new Map<string, SliceStream>();
  const restored = vscode.getState() as CaseViewState | undefined;
  /** The case whose plane states are kept: "dataset/split/id". */
  let shownKey = restored?.caseKey ?? '';
  const planeStates = new Map<string, PlaneViewState>(Array.isArray(restored?.planes) ? restored.planes : []);
  let pickerIds: string[] = [];

  const save = () => {
    for (const [plane, viewer] of viewers) planeStates.set(plane, viewer.getState());
    vscode.setState({ caseKey: shownKey, planes: [...planeStates] } satisfies CaseViewState);
  };

  function navigate(direction: 'next' | 'previous'): void {
    vscode.postMessage({ type: 'navigate', direction });
  }

  /** Opens the case typed or picked, found by value among the offered ids (7 finds 0007). */
  const pick = () => {
    const typed = picker.value.trim();
    const id = pickerIds.find((c) => caseKeyOf(c) === caseKeyOf(typed));
    picker.setAttribute('aria-invalid', String(typed !== '' && id === undefined));
    picker.title = id === undefined && typed !== '' ? `No case ${typed} in this list` : '';
    if (id !== undefined && id !== title.dataset.caseId) vscode.postMessage({ type: 'openCase', id });
  };
  picker.addEventListener('change', pick);
  picker.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    pick();
  });

  // Keys go to the plane under the pointer, else to the plane with the focus; n and p (and
  // Alt+arrows) walk cases from anywhere but a text field.
  const planeKeys = new PlaneKeys(() => [...viewers.values()]);
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
    const direction = (e.key === 'n' && !e.altKey) || (e.altKey && e.key === 'ArrowRight') ? 'next' : (e.key === 'p' && !e.altKey) || (e.altKey && e.key === 'ArrowLeft') ? 'previous' : undefined;
    if (direction) {
      e.preventDefault();
      navigate(direction);
      return;
    }
    planeKeys.handle(e);
  });

  onHostMessage((message: HostMessage) => {
    if (message.type === 'slice' || message.type === 'sliceError') {
      const viewer = message.plane === undefined ? undefined : viewers.get(message.plane);
      if (viewer && streams.get(message.plane!)?.receive(message, viewer.slice)) viewer.refresh();
      return;
    }
    if (message.type === 'requestExport') {
      const viewer = message.plane === undefined ? planeKeys.active() : viewers.get(message.plane);
      void answerExport(message, viewer, [...viewers].find(([, v]) => v === viewer)?.[0]);
      return;
    }
    if (message.type !== 'showCase') return;
    streams.clear();
    status.remove();
    const { caseInfo } = message;
    title.textContent = `Case ${caseInfo.id}`;
    title.dataset.caseId = caseInfo.id;
    split.textContent = [caseInfo.dataset, caseInfo.split].filter(Boolean).join(' · ');
    badges.replaceChildren(labelBadges(caseInfo));
    fillPicker(message.caseIds, caseInfo.id);

    const caseKey = `${caseInfo.dataset}/${caseInfo.split}/${caseInfo.id}`;
    const sameCase = caseKey === shownKey;
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
        // The webview's context menu (Save Slice as PNG…, …) acts on the plane right-clicked.
        viewer.element.dataset.vscodeContext = JSON.stringify({ mrnetPlane: casePlane.plane });
        viewer.onChange = save;
        viewer.onExport = (format) => vscode.postMessage({ type: 'exportSlice', format, plane: casePlane.plane });
        viewers.set(casePlane.plane, viewer);
      }
      planes.append(viewer.element); // keeps the host's order
      // A new case starts at the middle slices but keeps each plane's contrast and zoom.
      const saved = planeStates.get(casePlane.plane);
      const stream = showPlane(viewer, casePlane, saved ? (sameCase ? saved : withoutSlice(saved)) : {});
      if (stream) streams.set(casePlane.plane, stream);
    }
    shownKey = caseKey;
    save();
    // Marks the moment the planes are on screen, for the benchmark (npm run bench).
    requestAnimationFrame(() => performance.mark('case-painted', { detail: caseInfo.id }));
  });
  vscode.postMessage({ type: 'ready' });

  function fillPicker(ids: string[], current: string): void {
    if (ids.join() !== pickerIds.join()) {
      pickerIds = ids;
      pickerList.replaceChildren(...ids.map((id) => el('option', { value: id })));
    }
    picker.value = current;
    picker.setAttribute('aria-invalid', 'false');
  }
}

/** Shows one plane file in its viewer; a file too large to read whole comes back as the stream its slices arrive by. */
function showPlane(viewer: PlaneViewer, casePlane: CasePlane, keep: Partial<PlaneViewState>): SliceStream | undefined {
  const content = casePlane.array;
  if ('error' in content) {
    viewer.showError(`Cannot show ${content.fileName}: ${content.error}`);
    return undefined;
  }
  if ('sampled' in content) {
    const stream = new SliceStream(content.header, content.sampled, casePlane.plane);
    viewer.setSource(stream.source, content.sampled.stats, keep);
    return stream;
  }
  try {
    const array = decodeNpyData(content.header, new Uint8Array(content.data));
    const layout = layoutOf(array);
    if (layout.kind === 'values' || array.header.count === 0) {
      viewer.showError(`Cannot show ${content.fileName}: shape ${array.header.shapeText} holds no images`);
      return undefined;
    }
    const leading = layout.kind === 'volume' ? new Array<number>(layout.leadingAxes).fill(0) : [];
    const stats = volumeStats(leading.length ? subVolumeValues(array, leading) : array.values);
    viewer.setSource(planeSource(array, 0, leading), stats, keep);
  } catch (e) {
    viewer.showError(`Cannot show ${content.fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return undefined;
}
