import { planeDisplayName } from '../src/shared/datasetLayout';
import { PlaneViewer } from './planeViewer';
import { ValuesGrid } from './valuesGrid';
import { tool } from './viewerToolbar';

/**
 * The values of the active plane's slice, on demand ("Values" in the toolbar), under the
 * planes: the grid follows the active plane and its slice; the pointer over either marks the other.
 */
export class CaseValues {
  readonly grid = new ValuesGrid('Values of the slice');
  readonly button: HTMLButtonElement;
  /** The plane whose values the grid shows. */
  private shownOf?: PlaneViewer;

  constructor(
    private readonly active: () => PlaneViewer | undefined,
    private readonly planeOf: (viewer: PlaneViewer) => string | undefined,
  ) {
    this.grid.element.classList.add('case-values');
    this.grid.element.hidden = true;
    this.button = tool(
      'Values',
      "Show the values of the active plane's slice",
      '',
      () => {
        this.grid.element.hidden = !this.grid.element.hidden;
        this.button.setAttribute('aria-pressed', String(!this.grid.element.hidden));
        this.show();
      },
      true,
    );
  }

  show(): void {
    const { grid } = this;
    const viewer = this.active();
    const source = viewer?.shownSource;
    if (grid.element.hidden || !viewer || !source) return;
    if (this.shownOf !== viewer) {
      this.shownOf?.mark(undefined);
      this.shownOf = viewer;
      grid.element.setAttribute('aria-label', `Values of the ${planeDisplayName(this.planeOf(viewer) ?? '')} slice`);
      grid.onHover = (c) => viewer.mark(c && { x: c.col, y: c.row });
    }
    grid.setShading((v) => viewer.colourOf(v));
    grid.show(source, viewer.slice);
  }

  /** The pointer over `viewer`'s image, at `p`: its cell is marked when the grid shows that plane. */
  hovered(viewer: PlaneViewer, p: { x: number; y: number } | undefined): void {
    if (!this.grid.element.hidden && this.shownOf === viewer) this.grid.mark(p && { row: p.y, col: p.x });
  }
}
