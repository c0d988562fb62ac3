import { NumericArray } from '../src/shared/npy/npyArray';
import { PlaneSource } from '../src/shared/npy/planeSource';
import { el } from './dom';

const ROW_HEIGHT = 20;
/** Rows and columns drawn beyond the visible ones, so that a scroll step rarely shows a gap. */
const OVERSCAN = 4;
const CHAR_WIDTH = 7.8;

interface Cell {
  row: number;
  col: number;
}

/** The text of a slice's block of cells: tab-separated columns, one line per row (what spreadsheets paste). */
function blockText(source: PlaneSource, k: number, from: Cell, to: Cell): string {
  const lines: string[] = [];
  for (let y = Math.min(from.row, to.row); y <= Math.max(from.row, to.row); y++) {
    const cells: string[] = [];
    for (let x = Math.min(from.col, to.col); x <= Math.max(from.col, to.col); x++) cells.push(source.valueAt(k, y, x));
    lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}

/**
 * The exact values of one slice as a grid: row and column indices as NumPy counts them, each
 * cell named by its NumPy index and holding the value as NumPy prints it. Only the cells in
 * view exist (a 2048 x 2048 slice scrolls as a 20 x 10 one); arrow keys, Page Up/Down and
 * Home/End move the active cell, Shift extends a block, Ctrl+C copies it as tab-separated text.
 */
export class ValuesGrid {
  readonly element: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly cells: HTMLElement;
  private source?: PlaneSource;
  private k = 0;
  private colWidth = 80;
  private active: Cell = { row: 0, col: 0 };
  private anchor: Cell = { row: 0, col: 0 };
  private marked?: Cell;
  private frame = 0;
  /** What is drawn: the header row and its column heads, and each row in view with its cells. */
  private readonly header = el('div', { role: 'row', class: 'grid-row grid-header', 'aria-rowindex': '1' });
  private readonly corner = el('div', { role: 'columnheader', class: 'grid-corner', 'aria-colindex': '1' });
  private readonly heads = new Map<number, HTMLElement>();
  private readonly rows = new Map<
    number,
    { element: HTMLElement; head: HTMLElement; cells: Map<number, HTMLElement> }
  >();
  /** Whether what is drawn is stale beyond a scroll (another slice, selection, mark or shading). */
  private dirty = true;
  private shade?: (value: number) => string | undefined;
  /** The cell under the pointer (or none): the viewer marks its pixel. */
  onHover: (cell: Cell | undefined) => void = () => undefined;

  constructor(label: string) {
    this.cells = el('div', { class: 'grid-cells' });
    this.sizer = el('div', { class: 'grid-sizer' }, [this.cells]);
    this.element = el(
      'div',
      { class: 'values-grid', role: 'grid', 'aria-label': label, tabindex: '0', 'aria-multiselectable': 'true' },
      [this.sizer],
    );
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (e) => this.key(e));
    this.element.addEventListener('copy', (e) => {
      if (!this.source) return;
      e.preventDefault();
      e.clipboardData?.setData('text/plain', blockText(this.source, this.k, this.anchor, this.active));
    });
    this.cells.addEventListener('pointerover', (e) => {
      const cell = this.cellOf(e.target);
      this.onHover(cell);
    });
    this.cells.addEventListener('pointerleave', () => this.onHover(undefined));
    this.cells.addEventListener('pointerdown', (e) => {
      const cell = this.cellOf(e.target);
      if (!cell) return;
      this.element.focus({ preventScroll: true });
      this.moveTo(cell, e.shiftKey);
    });
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  /** Shows slice k of `source`; the active cell stays where it was if the slice has it. */
  show(source: PlaneSource, k: number): void {
    const resized = source.width !== this.source?.width || source.height !== this.source?.height;
    this.source = source;
    this.k = k;
    this.dirty = true;
    if (resized) {
      this.active = { row: 0, col: 0 };
      this.anchor = this.active;
      // Columns as wide as the widest of a sample of values (NumPy's printing varies in length).
      const sample = [0, source.height >> 1, source.height - 1].flatMap((y) =>
        [0, source.width >> 1, source.width - 1].map((x) => source.valueAt(k, y, x).length),
      );
      this.colWidth = Math.max(48, Math.min(220, Math.ceil((Math.max(...sample) + 2) * CHAR_WIDTH)));
      this.element.setAttribute('aria-rowcount', String(source.height + 1));
      this.element.setAttribute('aria-colcount', String(source.width + 1));
      this.sizer.style.width = `${(source.width + 1) * this.colWidth}px`;
      this.sizer.style.height = `${(source.height + 1) * ROW_HEIGHT}px`;
    }
    this.schedule();
  }

  /** Shades each cell in the colour its value is painted in, or not (undefined). */
  setShading(shade: ((value: number) => string | undefined) | undefined): void {
    this.shade = shade;
    this.dirty = true;
    this.schedule();
  }

  /** Marks the cell of the pixel under the viewer's pointer, scrolling it into view. */
  mark(cell: Cell | undefined): void {
    this.marked = cell;
    this.dirty = true;
    if (cell) this.reveal(cell);
    this.schedule();
  }

  /** Redraws at the next frame: scroll events come faster than frames. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /**
   * Draws the rows and columns in view (and a few around), the headers pinned to the top and
   * left. A scroll adds the cells that came into view and drops those that left; anything else
   * (another slice, the selection, the shading) draws them anew.
   */
  render(): void {
    const source = this.source;
    if (!source) return;
    const started = performance.now();
    if (this.dirty) {
      this.rows.clear();
      this.heads.clear();
      this.cells.replaceChildren(this.header);
      this.header.replaceChildren(this.corner);
      this.dirty = false;
    }
    const { scrollTop, scrollLeft, clientHeight, clientWidth } = this.element;
    const w = this.colWidth;
    const r0 = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
    const r1 = Math.min(source.height, Math.ceil((scrollTop + clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const c0 = Math.max(0, Math.floor(scrollLeft / w) - OVERSCAN);
    const c1 = Math.min(source.width, Math.ceil((scrollLeft + clientWidth) / w) + OVERSCAN);
    this.header.style.top = `${scrollTop}px`;
    this.corner.style.left = `${scrollLeft}px`;
    this.corner.style.width = `${w}px`;
    keepRange(
      this.heads,
      c0,
      c1,
      (head) => head,
      (x) => {
        const head = el('div', { role: 'columnheader', class: 'grid-head', 'aria-colindex': String(x + 2) }, [
          String(x),
        ]);
        head.style.left = `${(x + 1) * w}px`;
        head.style.width = `${w}px`;
        this.header.append(head);
        return head;
      },
    );
    keepRange(
      this.rows,
      r0,
      r1,
      (row) => row.element,
      (y) => {
        const element = el('div', { role: 'row', class: 'grid-row', 'aria-rowindex': String(y + 2) });
        element.style.top = `${(y + 1) * ROW_HEIGHT}px`;
        const head = el('div', { role: 'rowheader', class: 'grid-head grid-row-head', 'aria-colindex': '1' }, [
          String(y),
        ]);
        head.style.width = `${w}px`;
        element.append(head);
        this.cells.append(element);
        return { element, head, cells: new Map<number, HTMLElement>() };
      },
    );
    const values = this.shade ? source.slice(this.k) : undefined;
    for (const [y, row] of this.rows) {
      row.head.style.left = `${scrollLeft}px`;
      keepRange(
        row.cells,
        c0,
        c1,
        (cell) => cell,
        (x) => row.element.insertBefore(this.cell(source, y, x, values), row.head),
      );
    }
    this.element.setAttribute('aria-activedescendant', `cell-${this.active.row}-${this.active.col}`);
    // For the benchmark: how long this frame's cells took, and how many frames there have been.
    this.element.dataset.renderMs = (performance.now() - started).toFixed(2);
    this.element.dataset.renders = String(Number(this.element.dataset.renders ?? 0) + 1);
  }

  /** One cell: its value, its NumPy index as its name, its selection, mark and shade. */
  private cell(source: PlaneSource, y: number, x: number, values: NumericArray | undefined): HTMLElement {
    const lo = { row: Math.min(this.anchor.row, this.active.row), col: Math.min(this.anchor.col, this.active.col) };
    const hi = { row: Math.max(this.anchor.row, this.active.row), col: Math.max(this.anchor.col, this.active.col) };
    const selected = y >= lo.row && y <= hi.row && x >= lo.col && x <= hi.col;
    const cell = el(
      'div',
      {
        role: 'gridcell',
        id: `cell-${y}-${x}`,
        class: `grid-cell${selected ? ' selected' : ''}${y === this.active.row && x === this.active.col ? ' active' : ''}${this.marked?.row === y && this.marked.col === x ? ' marked' : ''}`,
        'aria-colindex': String(x + 2),
        'aria-label': source.indexAt(this.k, y, x),
        'aria-selected': String(selected),
        'data-row': String(y),
        'data-col': String(x),
      },
      [source.valueAt(this.k, y, x)],
    );
    cell.style.left = `${(x + 1) * this.colWidth}px`;
    cell.style.width = `${this.colWidth}px`;
    const colour = values && source.channels === 1 ? this.shade!(values[y * source.width + x]) : undefined;
    if (colour) {
      cell.style.background = colour;
      cell.classList.add(contrastOf(colour));
    }
    return cell;
  }

  private cellOf(target: EventTarget | null): Cell | undefined {
    const cell = (target as HTMLElement | null)?.closest?.('.grid-cell') as HTMLElement | null;
    return cell ? { row: Number(cell.dataset.row), col: Number(cell.dataset.col) } : undefined;
  }

  private key(e: KeyboardEvent): void {
    const source = this.source;
    if (!source) return;
    const page = Math.max(1, Math.floor(this.element.clientHeight / ROW_HEIGHT) - 1);
    const { row, col } = this.active;
    const moves: Record<string, Cell> = {
      ArrowUp: { row: row - 1, col },
      ArrowDown: { row: row + 1, col },
      ArrowLeft: { row, col: col - 1 },
      ArrowRight: { row, col: col + 1 },
      PageUp: { row: row - page, col },
      PageDown: { row: row + page, col },
      Home: e.ctrlKey || e.metaKey ? { row: 0, col: 0 } : { row, col: 0 },
      End: e.ctrlKey || e.metaKey ? { row: source.height - 1, col: source.width - 1 } : { row, col: source.width - 1 },
    };
    const to = moves[e.key];
    if (!to) return;
    e.preventDefault();
    e.stopPropagation();
    this.moveTo(to, e.shiftKey);
  }

  private moveTo(to: Cell, extend: boolean): void {
    const source = this.source!;
    this.active = {
      row: Math.max(0, Math.min(source.height - 1, to.row)),
      col: Math.max(0, Math.min(source.width - 1, to.col)),
    };
    if (!extend) this.anchor = this.active;
    this.dirty = true;
    this.reveal(this.active);
    this.schedule();
  }

  /** Scrolls so that a cell is in view (below the header row, right of the header column). */
  private reveal(cell: Cell): void {
    const w = this.colWidth;
    const top = (cell.row + 1) * ROW_HEIGHT;
    const left = (cell.col + 1) * w;
    const view = this.element;
    if (top - ROW_HEIGHT < view.scrollTop) view.scrollTop = top - ROW_HEIGHT;
    else if (top + ROW_HEIGHT > view.scrollTop + view.clientHeight)
      view.scrollTop = top + ROW_HEIGHT - view.clientHeight;
    if (left - w < view.scrollLeft) view.scrollLeft = left - w;
    else if (left + w > view.scrollLeft + view.clientWidth) view.scrollLeft = left + w - view.clientWidth;
  }
}

/** Keeps `shown` to the keys in [from, to): the others are dropped with their nodes, the missing ones made. */
function keepRange<T>(
  shown: Map<number, T>,
  from: number,
  to: number,
  node: (t: T) => Element,
  make: (i: number) => T,
): void {
  for (const [i, t] of shown) {
    if (i < from || i >= to) {
      node(t).remove();
      shown.delete(i);
    }
  }
  for (let i = from; i < to; i++) if (!shown.has(i)) shown.set(i, make(i));
}

/** Dark text on light shades, light on dark: `rgb(r, g, b)` by its luminance. */
function contrastOf(colour: string): 'on-light' | 'on-dark' {
  const [r, g, b] = colour.match(/\d+/g)!.map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 ? 'on-light' : 'on-dark';
}
