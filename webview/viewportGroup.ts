import { WindowPreset } from '../src/shared/windowing';
import { PlaneViewer, SharedPart } from './planeViewer';

const SHARED: SharedPart[] = ['contrast', 'zoom', 'colourMap'];

/**
 * The viewports of one panel: which one is active (the pointer's, the last clicked or
 * focused; where keys and the toolbar act), whether contrast, zoom and colour map are linked
 * across them, and whether their annotations show.
 */
export class ViewportGroup {
  private list: PlaneViewer[] = [];
  private current?: PlaneViewer;
  private syncing = false;
  linked = false;
  annotations = true;

  /** Called when what the toolbar shows may have changed. */
  onUpdate: () => void = () => undefined;
  /** Called when the user picks a contrast preset, to remember it for new views. */
  onPresetChosen: (preset: WindowPreset) => void = () => undefined;
  /** Called when a panel-wide setting (link, annotations) changed, for saving state. */
  onChange: () => void = () => undefined;

  get viewers(): readonly PlaneViewer[] {
    return this.list;
  }

  get active(): PlaneViewer | undefined {
    return this.current && this.list.includes(this.current) ? this.current : this.list[0];
  }

  add(viewer: PlaneViewer): void {
    this.list.push(viewer);
    viewer.onActivate = () => this.setActive(viewer);
    viewer.onPainted = () => {
      if (viewer === this.active) this.onUpdate();
    };
    viewer.onShared = (part) => this.share(viewer, part);
    viewer.onPresetChosen = (preset) => this.onPresetChosen(preset);
    this.markActive();
  }

  remove(viewer: PlaneViewer): void {
    this.list = this.list.filter((v) => v !== viewer);
    this.markActive();
  }

  setActive(viewer: PlaneViewer): void {
    if (this.current === viewer) return;
    this.current = viewer;
    this.markActive();
    this.onUpdate();
  }

  /** Links (or unlinks) the viewports; linking gives all the active one's contrast, zoom and colour map. */
  setLinked(linked: boolean): void {
    this.linked = linked;
    const active = this.active;
    if (linked && active) for (const part of SHARED) this.share(active, part);
    this.onUpdate();
    this.onChange();
  }

  setAnnotations(show: boolean): void {
    this.annotations = show;
    document.body.classList.toggle('annotations-hidden', !show);
    this.onUpdate();
    this.onChange();
  }

  /**
   * Keys of the panel: `a` shows or hides annotations, `v` every overlay, `l` links the viewports; the rest go to
   * the viewport under the pointer, else to the one with the focus, else to the active one,
   * which it then becomes. Never while typing in a field, and never a key a control took.
   */
  handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || isTextField(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'a') this.setAnnotations(!this.annotations);
    else if (e.key === 'v') {
      const show = !this.list.some((v) => v.overlaysShown);
      for (const v of this.list) v.showOverlays(show);
    } else if (e.key === 'l' && this.list.length > 1) this.setLinked(!this.linked);
    else {
      const target =
        this.list.find((v) => v.pointerOver) ??
        this.list.find((v) => v.element.contains(e.target as Node)) ??
        this.active;
      if (!target?.handleKey(e)) return;
      this.setActive(target);
    }
    e.preventDefault();
  }

  private share(from: PlaneViewer, part: SharedPart): void {
    if (!this.linked || this.syncing) return;
    this.syncing = true;
    const state = from.getState();
    for (const other of this.list) if (other !== from) other.adopt(part, state);
    this.syncing = false;
  }

  /** The active viewport carries data-active (its border shows it). */
  private markActive(): void {
    const active = this.active;
    for (const v of this.list) v.element.toggleAttribute('data-active', v === active);
  }
}

/** Inputs that take typed text or arrow keys of their own: keys typed there are never the viewer's. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.closest('vscode-single-select')
  )
    return true;
  return target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(target.type);
}
