import { PlaneViewer } from './planeViewer';
import { tool } from './viewerToolbar';

/** How the planes are laid out: chosen by width (1x3 when wide, 3x1 when narrow), or as chosen. */
export type Layout = 'auto' | 'row' | 'column' | 'large';
const LAYOUTS = ['row', 'column', 'large'] as const;

/**
 * The case viewer's layouts: 1×3 side by side, 3×1 stacked, and one plane large beside two
 * small ("Enlarge" makes the active plane the large one); 'auto' is 1×3 when the panel is wide
 * enough, else 3×1. A layout picked stays until another is.
 */
export class CaseLayout {
  /** The layout buttons and Enlarge, for the toolbar. */
  readonly tools: HTMLElement[];
  private readonly buttons: Map<Layout, HTMLButtonElement>;
  layout: Layout;
  large: string | undefined;

  constructor(
    private readonly planes: HTMLElement,
    private readonly viewers: ReadonlyMap<string, PlaneViewer>,
    private readonly activePlane: () => string | undefined,
    /** The layout changed: the page's state is saved. */
    private readonly onChange: () => void,
    restored: { layout?: unknown; large?: unknown } | undefined,
  ) {
    const choice = (layout: Layout, label: string, name: string) =>
      tool(label, name, 'g: next layout', () => this.set(layout), true);
    this.buttons = new Map<Layout, HTMLButtonElement>([
      ['row', choice('row', '1×3', 'Layout: side by side (1×3)')],
      ['column', choice('column', '3×1', 'Layout: stacked (3×1)')],
      ['large', choice('large', '1+2', 'Layout: one large plane, two small')],
    ]);
    this.tools = [
      ...this.buttons.values(),
      tool('Enlarge', 'Make the active plane the large one', 'b', () => this.makeLarge()),
    ];
    const layout = restored?.layout;
    this.layout =
      layout === 'auto' || LAYOUTS.includes(layout as (typeof LAYOUTS)[number]) ? (layout as Layout) : 'auto';
    this.large = typeof restored?.large === 'string' ? restored.large : undefined;
    new ResizeObserver(() => this.apply()).observe(planes);
  }

  /** Lays the planes out: 'auto' is 1x3 when the panel is wide enough, else 3x1. */
  apply(): void {
    const { planes, layout, viewers } = this;
    const shown =
      layout === 'auto' ? (planes.clientWidth >= Math.max(700, planes.clientHeight) ? 'row' : 'column') : layout;
    if (planes.dataset.layout !== shown) planes.dataset.layout = shown;
    const largePlane = viewers.has(this.large ?? '') ? this.large : viewers.keys().next().value;
    for (const [plane, viewer] of viewers)
      viewer.element.toggleAttribute('data-large', shown === 'large' && plane === largePlane);
    for (const [name, b] of this.buttons) b.setAttribute('aria-pressed', String(name === shown));
  }

  set(next: Layout): void {
    this.layout = next;
    this.apply();
    this.onChange();
  }

  /** The layout after the one shown (the `g` key). */
  next(): void {
    const shown = LAYOUTS.indexOf(this.planes.dataset.layout as (typeof LAYOUTS)[number]);
    this.set(LAYOUTS[(shown + 1) % LAYOUTS.length]);
  }

  /** The active plane becomes the large one, in the one-large layout (the `b` key). */
  makeLarge(): void {
    this.large = this.activePlane();
    this.set('large');
  }
}
