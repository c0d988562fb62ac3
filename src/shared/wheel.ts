/** Pixels one notch of a mouse wheel scrolls in Chromium: one slice, or one zoom step. */
export const WHEEL_NOTCH = 100;

/** A wheel event's vertical movement in pixels, whatever unit it came in (Shift+wheel arrives as horizontal). */
export function wheelPixels(e: { deltaX: number; deltaY: number; deltaMode: number }, pageHeight: number): number {
  const delta = e.deltaY || e.deltaX;
  return e.deltaMode === 1 ? delta * 40 : e.deltaMode === 2 ? delta * pageHeight : delta;
}

/**
 * Turns wheel movement into whole slices: a notch-sized event moves one slice (two notches
 * that arrive as one event, two), and a trackpad's many small events add up, one slice per
 * notch's worth of pixels. A change of direction starts afresh.
 */
export class WheelSteps {
  private rest = 0;

  steps(pixels: number): number {
    if (pixels === 0) return 0;
    if (Math.abs(pixels) >= WHEEL_NOTCH / 2) {
      this.rest = 0;
      return Math.sign(pixels) * Math.max(1, Math.round(Math.abs(pixels) / WHEEL_NOTCH));
    }
    this.rest = Math.sign(this.rest) === -Math.sign(pixels) ? pixels : this.rest + pixels;
    const steps = Math.trunc(this.rest / WHEEL_NOTCH) || 0; // never -0
    this.rest -= steps * WHEEL_NOTCH;
    return steps;
  }
}

/** The zoom factor for a Ctrl+wheel movement: one notch zooms by `step`, a pinch's small events smoothly. */
export function wheelZoom(pixels: number, step: number): number {
  return Math.pow(step, -pixels / WHEEL_NOTCH);
}
