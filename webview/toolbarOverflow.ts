import { el } from './dom';

/** Panels made so far in this page, for their ids. */
let panels = 0;

/**
 * Keeps a toolbar's groups within its width, as VS Code's own toolbars do: the groups that do
 * not fit move, in order, into a panel that the "More tools" button (…) opens below it. The
 * controls are moved, never copied, so every control keeps its name, state and handlers, and
 * none is ever out of reach. The row is laid out again whenever its width changes.
 */
export class ToolbarOverflow {
  /** The "…" button, the row's last item, shown only when some group does not fit. */
  readonly button: HTMLButtonElement;
  /** The panel the groups that do not fit are in. */
  readonly panel: HTMLElement;
  private readonly groups: HTMLElement[];

  constructor(
    private readonly row: HTMLElement,
    groups: HTMLElement[],
  ) {
    this.groups = groups;
    row.append(...groups);
    this.panel = el('div', {
      class: 'toolbar-overflow',
      role: 'group',
      'aria-label': 'More tools',
      id: `more-tools-${++panels}`,
      hidden: '',
    });
    this.button = el(
      'button',
      {
        type: 'button',
        class: 'tool more-tools',
        'aria-label': 'More tools',
        title: 'More tools',
        'aria-haspopup': 'true',
        'aria-expanded': 'false',
        'aria-controls': this.panel.id,
        hidden: '',
      },
      ['…'],
    );
    this.button.addEventListener('click', () => this.setOpen(this.panel.hidden === true));
    // Escape in the panel or on its button closes it, leaving the focus on the button.
    for (const target of [this.panel, this.button]) {
      target.addEventListener('keydown', (e) => {
        if (e.key !== 'Escape' || this.panel.hidden === true) return;
        e.stopPropagation();
        this.setOpen(false);
        this.button.focus();
      });
    }
    // A press outside the panel and its button closes it.
    document.addEventListener('pointerdown', (e) => {
      if (
        this.panel.hidden !== true &&
        !this.panel.contains(e.target as Node) &&
        !this.button.contains(e.target as Node)
      )
        this.setOpen(false);
    });
    row.append(this.button);
    new ResizeObserver(() => this.layout()).observe(row);
  }

  /** Puts back every group, then moves the last ones into the panel until the row fits. */
  layout(): void {
    if (this.row.clientWidth === 0) return; // hidden: laid out when shown
    for (const group of this.groups) this.row.insertBefore(group, this.button);
    this.button.hidden = true;
    if (!this.overflows()) {
      this.setOpen(false);
      return;
    }
    this.button.hidden = false;
    // The last groups leave the row, one at a time, while it is still too wide (all of them in a very narrow panel).
    for (let i = this.groups.length - 1; i >= 0 && this.overflows(); i--) this.panel.prepend(this.groups[i]);
  }

  private overflows(): boolean {
    return this.row.scrollWidth > this.row.clientWidth + 1;
  }

  private setOpen(open: boolean): void {
    if ((this.panel.hidden === true) === !open) return;
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
  }
}
