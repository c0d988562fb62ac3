import { COLOUR_MAPS, ColourMapName, colourMapLabel, isColourMap } from '../src/shared/colourMaps';
import { ExportFormat } from '../src/shared/protocol';
import { formatWidth } from '../src/shared/format';
import {
  COLOUR_SCALES,
  ColourScale,
  WINDOW_PRESETS,
  WindowPreset,
  fromWidthLevel,
  widthLevel,
} from '../src/shared/windowing';
import { el } from './dom';
import { PlaneViewer, ZOOM_STEP } from './planeViewer';
import { ToolbarOverflow } from './toolbarOverflow';
import { ViewportGroup } from './viewportGroup';

/** Said in the tooltips of the contrast controls: the gesture nobody finds by themselves. */
const DRAG = 'right-drag on the image: window/level';

/** A toolbar button whose accessible name is `name` and whose tooltip adds the key and gesture. */
export function tool(
  label: string,
  name: string,
  keys: string,
  onClick: () => void,
  toggle = false,
): HTMLButtonElement {
  const b = el(
    'button',
    { type: 'button', class: 'tool', title: keys ? `${name} (${keys})` : name, 'aria-label': name },
    [label],
  );
  if (toggle) b.setAttribute('aria-pressed', 'false');
  b.addEventListener('click', onClick);
  return b;
}

/**
 * The one toolbar of a panel, acting on its active viewport: contrast presets, window and
 * level as numbers, invert, colour map, zoom, reset, cine, link, annotations, histogram and
 * export. It never wraps: the groups that do not fit go into its "More tools" panel (…), and
 * its numbers have fixed widths, so the images below never move while values change.
 */
export class ViewerToolbar {
  readonly element: HTMLElement;
  private readonly presets = new Map<WindowPreset, HTMLButtonElement>();
  private readonly width: HTMLInputElement;
  private readonly level: HTMLInputElement;
  private readonly invert: HTMLButtonElement;
  private readonly colourMap: HTMLSelectElement;
  private readonly scale: HTMLSelectElement;
  private readonly play: HTMLButtonElement;
  private readonly fps: HTMLInputElement;
  private readonly cineGroup: HTMLElement;
  private readonly link: HTMLButtonElement;
  private readonly annotations: HTMLButtonElement;
  private readonly histogram: HTMLButtonElement;
  private readonly contrastControls: HTMLElement[];
  private readonly overflow: ToolbarOverflow;
  /** Which of the row's parts are hidden now: the row is laid out again when that changes. */
  private shownParts = '';

  /**
   * @param extra controls of the panel's own (the case viewer's layouts), before the export buttons
   * @param onAction an export or "Add overlay…" button was pressed, for the active viewport
   */
  constructor(
    private readonly group: ViewportGroup,
    extra: HTMLElement[],
    onAction: (action: ExportFormat | 'addOverlay', viewer: PlaneViewer) => void,
  ) {
    const act = (f: (v: PlaneViewer) => void) => () => {
      const v = group.active;
      if (v) f(v);
    };
    for (const preset of WINDOW_PRESETS) {
      const [label, name, key] = PRESET_TOOLS[preset];
      this.presets.set(
        preset,
        tool(
          label,
          name,
          `${key}; ${DRAG}`,
          act((v) => v.setPreset(preset)),
          true,
        ),
      );
    }
    this.width = numberInput('Window width', `Window width (${DRAG}, left/right)`);
    this.level = numberInput('Window level', `Window level (${DRAG}, up/down)`);
    for (const input of [this.width, this.level])
      input.addEventListener(
        'change',
        act((v) => this.typedWindow(v)),
      );
    this.invert = tool(
      'Invert',
      'Invert',
      'i',
      act((v) => v.setInvert(!v.getState().invert)),
      true,
    );
    this.colourMap = colourMapSelect((name) => act((v) => v.setColourMap(name))());
    this.scale = colourScaleSelect((scale) => act((v) => v.setScale(scale))());
    this.play = tool(
      'Play',
      'Play or pause cine',
      'c',
      act((v) => v.toggleCine()),
      true,
    );
    this.fps = fpsInput();
    this.fps.addEventListener(
      'change',
      act((v) => v.setFps(Number(this.fps.value))),
    );
    this.cineGroup = group_('Cine', [this.play, this.fps, el('span', { class: 'unit' }, ['fps'])]);
    const linkName = 'Link contrast, zoom and colour map across planes';
    this.link = tool('Link', linkName, 'l', () => this.group.setLinked(!this.group.linked), true);
    const annotationsName = 'Show annotations on the images';
    this.annotations = tool('Annotations', annotationsName, 'a', () => group.setAnnotations(!group.annotations), true);
    this.histogram = tool(
      'Histogram',
      'Show the histogram',
      'h',
      act((v) => v.showHistogram(!v.getState().histogram)),
      true,
    );
    const presets = [...this.presets.values()];
    this.contrastControls = [
      ...presets,
      this.width,
      this.level,
      this.invert,
      this.colourMap,
      this.scale,
      this.histogram,
    ];
    const row = el('div', { class: 'toolbar' });
    this.overflow = new ToolbarOverflow(row, this.groups(presets, extra, act, onAction));
    this.element = el('div', { class: 'toolbar-box', role: 'toolbar', 'aria-label': 'Viewer' }, [
      row,
      this.overflow.panel,
    ]);
    group.onUpdate = () => this.refresh();
  }

  /** The row's groups, in the order they give way to "More tools". */
  private groups(
    presets: HTMLButtonElement[],
    extra: HTMLElement[],
    act: Act,
    onAction: (action: ExportFormat | 'addOverlay', viewer: PlaneViewer) => void,
  ): HTMLElement[] {
    return [
      group_('Contrast', [...presets, labelled('W', this.width), labelled('L', this.level), this.invert]),
      group_('Colour', [this.colourMap, this.scale]),
      zoomGroup(act),
      this.cineGroup,
      group_('View', [this.link, this.annotations, this.histogram]),
      actionGroup('Overlays', [['Overlay…', 'Add overlay…', OVERLAY_KEYS, 'addOverlay']], act, onAction),
      ...extra,
      actionGroup(
        'Export',
        [
          ['PNG…', 'Save slice as PNG…', '', 'png'],
          ['.npy…', 'Save slice as .npy…', '', 'npy'],
          ['NumPy', 'Copy NumPy expression', '', 'expression'],
        ],
        act,
        onAction,
      ),
    ];
  }

  /** W and L typed (Enter applies them): a valid pair sets the window, anything else shows the window again. */
  private typedWindow(viewer: PlaneViewer): void {
    const w = Number(this.width.value);
    const l = Number(this.level.value);
    if (this.width.value !== '' && this.level.value !== '' && Number.isFinite(w) && Number.isFinite(l) && w > 0)
      viewer.setWindow(fromWidthLevel(w, l));
    else this.refresh();
  }

  /** Shows the active viewport's values and states. */
  refresh(): void {
    const viewer = this.group.active;
    const shown = viewer?.shown;
    const state = viewer?.getState();
    this.element.toggleAttribute('data-empty', !shown);
    this.link.hidden = this.group.viewers.length < 2;
    pressed(this.link, this.group.linked);
    pressed(this.annotations, this.group.annotations);
    if (!viewer || !shown || !state) return;
    const grey = shown.channels === 1;
    for (const c of this.contrastControls) c.toggleAttribute('disabled', !grey);
    for (const [preset, b] of this.presets) pressed(b, preset === state.preset);
    pressed(this.invert, state.invert);
    pressed(this.histogram, state.histogram && grey);
    pressed(this.play, shown.playing);
    this.play.textContent = shown.playing ? 'Pause' : 'Play';
    this.cineGroup.hidden = shown.depth <= 1;
    if (this.colourMap.value !== state.colourMap) this.colourMap.value = state.colourMap;
    if (this.scale.value !== (state.scale ?? 'linear')) this.scale.value = state.scale ?? 'linear';
    const { width, level } = widthLevel(shown.window);
    setNumber(this.width, grey ? width : NaN, grey ? formatWidth(shown.window.low, shown.window.high) : '');
    setNumber(this.level, grey ? level : NaN);
    setNumber(this.fps, state.fps);
    const parts = `${this.cineGroup.hidden} ${this.link.hidden}`;
    if (parts !== this.shownParts) {
      this.shownParts = parts;
      this.overflow.layout();
    }
  }
}

function group_(name: string, children: HTMLElement[]): HTMLElement {
  return el('span', { class: 'group', role: 'group', 'aria-label': name }, children);
}

function labelled(text: string, input: HTMLElement): HTMLElement {
  return el('label', { class: 'number' }, [text, input]);
}

function numberInput(name: string, title: string): HTMLInputElement {
  return el('input', { type: 'number', step: 'any', class: 'window-number', 'aria-label': name, title });
}

function pressed(b: HTMLElement, on: boolean): void {
  const value = String(on);
  if (b.getAttribute('aria-pressed') !== value) b.setAttribute('aria-pressed', value);
}

/**
 * Sets a number field, except while the user is typing in it. A number beyond the float64
 * range (the width of a window over [-max, max]) cannot be a field's value: `beyond`, its
 * text, is shown as the placeholder instead.
 */
function setNumber(input: HTMLInputElement, value: number, beyond = ''): void {
  if (document.activeElement === input) return;
  const text = Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '';
  if (input.value !== text) input.value = text;
  const placeholder = text === '' ? beyond : '';
  if (input.placeholder !== placeholder) input.placeholder = placeholder;
}

/** The contrast presets' buttons: label, accessible name, key. */
const PRESET_TOOLS: Record<WindowPreset, [string, string, string]> = {
  auto: ['Auto', 'Contrast: auto', '1'],
  full: ['Full', 'Contrast: full range', '2'],
  slice: ['Slice', 'Contrast: per-slice', '3'],
};

const OVERLAY_KEYS = 'a heatmap, mask or per-slice scores from any .npy or .npz; v shows or hides every overlay';

type Act = (f: (v: PlaneViewer) => void) => () => void;

function zoomGroup(act: Act): HTMLElement {
  return group_('Zoom', [
    tool(
      'Fit',
      'Fit to view',
      'f',
      act((v) => v.setZoom(undefined)),
    ),
    tool(
      '1:1',
      'One array pixel per screen pixel',
      'o',
      act((v) => v.setZoom(1)),
    ),
    tool(
      '−',
      'Zoom out',
      '-; Ctrl+wheel',
      act((v) => v.zoomBy(1 / ZOOM_STEP)),
    ),
    tool(
      '+',
      'Zoom in',
      '+; Ctrl+wheel',
      act((v) => v.zoomBy(ZOOM_STEP)),
    ),
    tool(
      'Reset',
      'Reset contrast and view',
      'r; double-click',
      act((v) => v.reset()),
    ),
  ]);
}

/** Buttons the panel acts on for the active viewport (overlays, exports): label, name, keys, action. */
function actionGroup(
  name: string,
  buttons: [string, string, string, ExportFormat | 'addOverlay'][],
  act: Act,
  onAction: (action: ExportFormat | 'addOverlay', viewer: PlaneViewer) => void,
): HTMLElement {
  const group = group_(
    name,
    buttons.map(([label, title, keys, action]) =>
      tool(
        label,
        title,
        keys,
        act((v) => onAction(action, v)),
      ),
    ),
  );
  // What the extension does for the panel (files, dialogs): a notebook output's page has no extension behind it.
  group.dataset.needsExtension = '';
  return group;
}

function colourMapSelect(onChange: (name: ColourMapName) => void): HTMLSelectElement {
  const select = el(
    'select',
    { class: 'colour-map', 'aria-label': 'Colour map', title: 'Colour map (m: next, Shift+M: previous)' },
    COLOUR_MAPS.map((name) => el('option', { value: name }, [colourMapLabel(name)])),
  );
  select.addEventListener('change', () => {
    if (isColourMap(select.value)) onChange(select.value);
  });
  return select;
}

const SCALE_NAMES: Record<ColourScale, string> = { linear: 'Linear', log: 'Log', symlog: 'Symlog' };

function colourScaleSelect(onChange: (scale: ColourScale) => void): HTMLSelectElement {
  const select = el(
    'select',
    {
      class: 'colour-scale',
      'aria-label': 'Colour scale',
      title:
        'Colour scale: linear, logarithmic, or symmetric logarithmic (linear within a thousandth of the window around 0)',
    },
    COLOUR_SCALES.map((name) => el('option', { value: name }, [SCALE_NAMES[name]])),
  );
  select.addEventListener('change', () => onChange(select.value as ColourScale));
  return select;
}

function fpsInput(): HTMLInputElement {
  return el('input', {
    type: 'number',
    min: '1',
    max: '60',
    step: '1',
    class: 'fps',
    'aria-label': 'Cine rate (frames per second)',
    title: 'Cine rate (frames per second)',
  });
}
