import * as assert from 'node:assert/strict';
import { Frame } from 'playwright-core';
import { pixelOf, planeCanvas } from './canvas';

/** Whether a case page shows case `id` with its planes (a probe, for polling). */
export const showsCase = (id: string) => async (f: Frame) =>
  (await f.locator(`[data-case-id="${id}"]`).count()) > 0 &&
  (await f.getByRole('region', { name: 'Axial plane' }).isVisible());

/** Every plane settled (each slice arrived) at its middle slice, with its count of slices (`{Axial: 5, …}`). */
export async function planesSettled(frame: Frame, slices: Record<string, number>): Promise<void> {
  for (const [plane, n] of Object.entries(slices)) {
    await frame.locator(`[aria-label="${plane} plane"][aria-busy="false"]`).waitFor();
    const slider = frame.getByRole('slider', { name: `${plane} slice` });
    assert.equal(await slider.getAttribute('max'), String(n - 1), plane);
    assert.equal(await slider.inputValue(), String(Math.floor((n - 1) / 2)), plane);
  }
}

/** The readout of a `size` × `size` plane's pixel (x, y), hovered. */
export async function readoutAt(frame: Frame, region: string, x: number, y: number, size = 64): Promise<string | null> {
  const { position } = await pixelOf(frame, region, x, y, { width: size, height: size });
  await planeCanvas(frame, region).hover({ position });
  return frame.getByRole('region', { name: region }).locator('[data-role="readout"]').textContent();
}
