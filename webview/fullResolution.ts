import { PlaneSource } from '../src/shared/npy/planeSource';
import { REGION_PIXELS, Region } from '../src/shared/npy/overview';
import { ColourScale, Window, paintColour, paintMapped } from '../src/shared/windowing';

/** How long the view must stay still before the region on screen is asked for (a drag asks once, at its end). */
const SETTLE_MS = 120;
/** The region asked for reaches this far beyond the screen on each side, so that a small pan needs nothing new. */
const MARGIN = 0.25;

/** Where the (overview) image lies on the canvas: device pixels per overview pixel, top-left corner. */
interface Placement {
  scale: number;
  x: number;
  y: number;
}

/** The image a plane shows from an overview: its full size, the overview's step, and how to ask for a region. */
export interface OverviewImage {
  step: number;
  height: number;
  width: number;
  /** Asks the host for a region at full resolution (it comes back through `show`). */
  want: (region: Region, id: number) => void;
}

/**
 * Full resolution where a plane shown from an overview is zoomed in: once the region on screen
 * is at most REGION_PIXELS of the image and the view is still, it is asked for; when it
 * arrives it is painted in the plane's window and colours and drawn over the overview, and
 * the readout reads its values. Until then the overview stands (each of its pixels the
 * element at its top-left corner) and `pending` says a region is on its way.
 */
export class FullResolution {
  private shown?: { region: Region; source: PlaneSource; canvas: HTMLCanvasElement };
  /** The region asked for and the request's id, which its reply names. */
  private asked?: { region: Region; id: number };
  private lastId = 0;
  private timer?: number;
  private look?: { window: Window; colours: Uint32Array; invert: boolean; scale?: ColourScale };

  constructor(
    private readonly image: OverviewImage,
    private readonly onChange: () => void,
  ) {}

  /** Whether a region asked for has not arrived. */
  get pending(): boolean {
    return this.asked !== undefined;
  }

  /** The region at full resolution on screen, for tests: "y0,x0,height,width". */
  get shownRegion(): string | undefined {
    const r = this.shown?.region;
    return r && `${r.y0},${r.x0},${r.height},${r.width}`;
  }

  /** A region arrived (as a one-slice source of its own pixels, indexed in the whole image). */
  show(region: Region, source: PlaneSource, request?: number): void {
    if (this.asked?.id === request) this.asked = undefined;
    const canvas = document.createElement('canvas');
    canvas.width = region.width;
    canvas.height = region.height;
    this.shown = { region, source, canvas };
    this.paintRegion();
    this.onChange();
  }

  /** A region asked for cannot be read: the overview stands, and nothing more is asked for that view. */
  failed(request?: number): void {
    if (this.asked?.id === request) this.asked = undefined;
    this.onChange();
  }

  /** The plane's window or colours changed: the region is painted in them too. */
  paint(look: { window: Window; colours: Uint32Array; invert: boolean; scale?: ColourScale }): void {
    this.look = look;
    this.paintRegion();
  }

  /** Draws the region over the overview, and asks for the region on screen once the view is still. */
  draw(ctx: CanvasRenderingContext2D, at: Placement, canvas: { width: number; height: number }): void {
    const { step } = this.image;
    if (this.shown) {
      const { region, canvas: painted } = this.shown;
      ctx.drawImage(
        painted,
        at.x + (region.x0 / step) * at.scale,
        at.y + (region.y0 / step) * at.scale,
        (region.width / step) * at.scale,
        (region.height / step) * at.scale,
      );
    }
    window.clearTimeout(this.timer);
    const wanted = this.wanted(at, canvas);
    if (wanted) this.timer = window.setTimeout(() => this.ask(wanted), SETTLE_MS);
  }

  /**
   * The readout at canvas point (cx, cy): the element there at full resolution when it has
   * arrived, else the overview's element standing for it; undefined outside the image.
   */
  readout(cx: number, cy: number, at: Placement, overview: PlaneSource): string | undefined {
    const { step, height, width } = this.image;
    const fx = Math.floor(((cx - at.x) / at.scale) * step);
    const fy = Math.floor(((cy - at.y) / at.scale) * step);
    if (fx < 0 || fy < 0 || fx >= width || fy >= height) return undefined;
    const r = this.shown?.region;
    if (r && fy >= r.y0 && fx >= r.x0 && fy < r.y0 + r.height && fx < r.x0 + r.width) {
      const source = this.shown!.source;
      return `x ${fx}  y ${fy}\nvalue ${source.valueAt(0, fy - r.y0, fx - r.x0)}\nat ${source.indexAt(0, fy - r.y0, fx - r.x0)}`;
    }
    const [ox, oy] = [Math.floor(fx / step), Math.floor(fy / step)];
    return `x ${ox * step}  y ${oy * step} (overview: one pixel in ${step} each way)\nvalue ${overview.valueAt(0, oy, ox)}\nat ${overview.indexAt(0, oy, ox)}`;
  }

  dispose(): void {
    window.clearTimeout(this.timer);
  }

  /** The region of the image to read for this view, if one is needed and not already shown or asked for. */
  private wanted(at: Placement, canvas: { width: number; height: number }): Region | undefined {
    const { step, height, width } = this.image;
    // Full resolution adds nothing while an overview pixel covers at most one device pixel.
    if (at.scale <= 1 || step === 1) return undefined;
    const toImage = (c: number, origin: number) => ((c - origin) / at.scale) * step;
    const [left, right] = [toImage(0, at.x), toImage(canvas.width, at.x)];
    const [top, bottom] = [toImage(0, at.y), toImage(canvas.height, at.y)];
    const pad = (a: number, b: number, n: number) => {
      const margin = (b - a) * MARGIN;
      return [Math.max(0, Math.floor(a - margin)), Math.min(n, Math.ceil(b + margin))];
    };
    let [x0, x1] = pad(left, right, width);
    let [y0, y1] = pad(top, bottom, height);
    if (x1 <= x0 || y1 <= y0) return undefined;
    if ((x1 - x0) * (y1 - y0) > REGION_PIXELS) {
      // Too much for one region even without the margin: the overview stands.
      [x0, x1] = [Math.max(0, Math.floor(left)), Math.min(width, Math.ceil(right))];
      [y0, y1] = [Math.max(0, Math.floor(top)), Math.min(height, Math.ceil(bottom))];
      if ((x1 - x0) * (y1 - y0) > REGION_PIXELS) return undefined;
    }
    const region = { y0, x0, height: y1 - y0, width: x1 - x0 };
    const visible = {
      y0: Math.max(0, Math.floor(top)),
      x0: Math.max(0, Math.floor(left)),
      y1: Math.min(height, Math.ceil(bottom)),
      x1: Math.min(width, Math.ceil(right)),
    };
    const covers = (r?: Region) =>
      r !== undefined &&
      r.y0 <= visible.y0 &&
      r.x0 <= visible.x0 &&
      r.y0 + r.height >= visible.y1 &&
      r.x0 + r.width >= visible.x1;
    return covers(this.shown?.region) || covers(this.asked?.region) ? undefined : region;
  }

  private ask(region: Region): void {
    this.asked = { region, id: ++this.lastId };
    this.image.want(region, this.asked.id);
    this.onChange();
  }

  private paintRegion(): void {
    const shown = this.shown;
    const look = this.look;
    if (!shown || !look) return;
    const { region, source, canvas } = shown;
    const pixels = new ImageData(region.width, region.height);
    const out = new Uint32Array(pixels.data.buffer);
    if (source.channels === 1) paintMapped(source.slice(0), look.window, look.colours, out, look.scale);
    else paintColour(source.slice(0), source.channels, look.invert, out);
    canvas.getContext('2d')!.putImageData(pixels, 0, 0);
  }
}
