import * as assert from 'node:assert/strict';
import { dump } from 'npyjs';
import { Page } from 'playwright-core';
import { COLOUR_MAPS, colourMapTable } from '../../src/shared/colourMaps';
import { paintMapped } from '../../src/shared/windowing';
import { CasePlane, HostMessage, ViewDefaults } from '../../src/shared/protocol';
import { pixelOf, planeCanvas } from '../support/canvas';
import { makeNpy } from '../unit/fixtures';
import { arrayContent, posted, storedState, useWebviewHarness } from './harness';
import { post } from '../../scripts/support/webviewHarness';
import { toolbarControl } from '../support/toolbar';

/** A (slices, 64, 64) uint8 volume whose value at [k, y, x] is (k + y + x) mod 256. */
function volume(slices: number): Uint8Array {
  const data = new Uint8Array(slices * 64 * 64);
  for (let i = 0; i < data.length; i++) data[i] = (Math.floor(i / 4096) + ((i >> 6) & 63) + (i & 63)) & 255;
  return new Uint8Array(dump(data, [slices, 64, 64]));
}
/** A (10, 64, 64) uint8 volume whose value at [k, y, x] is 4x (0..252, a ramp along x). */
function ramp(): Uint8Array {
  return new Uint8Array(
    dump(
      Uint8Array.from({ length: 10 * 64 * 64 }, (_, i) => (i & 63) * 4),
      [10, 64, 64],
    ),
  );
}
const SLICES: Record<string, number> = { coronal: 36, sagittal: 38, axial: 44 };

function caseMessage(defaults?: ViewDefaults): HostMessage {
  const planes: CasePlane[] = ['coronal', 'sagittal', 'axial'].map((plane) => ({
    plane,
    array: arrayContent('0007.npy', volume(SLICES[plane])),
  }));
  const labels = [
    { task: 'acl', name: 'ACL', value: 1 as const },
    { task: 'meniscus', name: 'Meniscus', value: 0 as const },
  ];
  return {
    type: 'showCase',
    caseInfo: { id: '0007', split: 'train', dataset: 'MRNet-v1.0', labels },
    planes,
    caseIds: ['0007'],
    defaults,
  };
}

describe('the viewport as radiologists know it (headless Chromium)', function () {
  const harness = useWebviewHarness();
  let page: Page;

  const region = (name: string) => page.getByRole('region', { name, exact: true });
  const corner = (name: string, role: string) => region(name).locator(`[data-role="${role}"]`);
  const text = (name: string, role: string) => corner(name, role).textContent();
  const toolbar = () => page.getByRole('toolbar', { name: 'Viewer' });
  // Hidden ones too: a control under "More tools" keeps its state while its panel is closed.
  const tool = (name: string) => toolbar().getByRole('button', { name, exact: true, includeHidden: true });
  const colourMap = () => toolbar().getByRole('combobox', { name: 'Colour map' });
  /** Presses a toolbar button, from its "More tools" panel where it does not fit. */
  const press = async (name: string) => (await toolbarControl(page, 'button', name)).click();
  const slider = (name: string) => page.getByRole('slider', { name, exact: true });

  async function openCase(
    size?: { width: number; height: number },
    defaults?: ViewDefaults,
    state?: unknown,
  ): Promise<void> {
    page = await harness.open('case', state, size);
    await post(page, caseMessage(defaults));
    await slider('Axial slice').waitFor();
  }

  async function openArray(bytes: Uint8Array, defaults?: ViewDefaults): Promise<void> {
    page = await harness.open('npy');
    await post(page, { type: 'showArray', array: arrayContent('a.npy', bytes), defaults });
    await planeCanvas(page, 'Slices').waitFor();
  }

  /** Puts the page in a theme as VS Code does: a class on the body and its colour variables. */
  function theme(kind: string, variables: Record<string, string>): Promise<void> {
    return page.evaluate(
      ({ kind, variables }) => {
        document.body.classList.add(kind);
        for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
      },
      { kind, variables },
    );
  }

  /** Right-drags from the centre of a plane's image by (dx, dy). */
  async function rightDrag(name: string, dx: number, dy: number): Promise<void> {
    const box = (await planeCanvas(page, name).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(x + dx, y + dy);
    await page.mouse.up({ button: 'right' });
  }

  it('each viewport carries its plane and slice, window, zoom, colour map and case in its corners', async () => {
    await openCase();
    for (const [plane, n] of [
      ['Coronal', 36],
      ['Sagittal', 38],
      ['Axial', 44],
    ] as const) {
      const name = `${plane} plane`;
      assert.equal(await text(name, 'slice-label'), `${plane} ${Math.floor((n - 1) / 2)} / ${n}`);
      assert.equal(await text(name, 'case'), 'Case 0007');
      assert.match((await text(name, 'window'))!, /^W \d+(\.\d+)? L \d+(\.\d+)?$/);
      assert.match((await text(name, 'zoom'))!, /^Zoom \d+\.\d\d×$/);
      assert.equal(await text(name, 'colour-map'), 'Grey');
    }
    assert.equal(await text('Sagittal plane', 'slice-label'), 'Sagittal 18 / 38');
    await slider('Sagittal slice').fill('37');
    assert.equal(await text('Sagittal plane', 'slice-label'), 'Sagittal 37 / 38');
    // The readout shows only while the pointer is over the image.
    assert.equal(await corner('Axial plane', 'readout').isVisible(), false);
    const { position } = await pixelOf(page, 'Axial plane', 5, 6, { width: 64, height: 64 });
    await planeCanvas(page, 'Axial plane').hover({ position });
    assert.equal(await text('Axial plane', 'readout'), `x 5  y 6\nvalue ${21 + 6 + 5}\nat [21, 6, 5]`);
  });

  it('the surround is dark in a light theme too; the text stays legible, scales with the editor font and hides with one key', async () => {
    await openCase();
    await theme('vscode-light', {
      '--vscode-editor-background': '#ffffff',
      '--vscode-foreground': '#333333',
      '--vscode-editor-font-size': '19px',
    });
    const style = await corner('Sagittal plane', 'slice-label').evaluate((e) => {
      const s = getComputedStyle(e);
      const viewport = getComputedStyle(e.closest('.viewport')!);
      return {
        color: s.color,
        shadow: s.textShadow,
        size: s.fontSize,
        backing: s.backgroundColor,
        surround: viewport.backgroundColor,
      };
    });
    assert.equal(style.surround, 'rgb(0, 0, 0)');
    assert.equal(style.color, 'rgb(255, 255, 255)');
    assert.notEqual(style.shadow, 'none');
    assert.match(style.backing, /^rgba\(0, 0, 0, 0\.\d+\)$/);
    assert.equal(style.size, '19px');
    const label = corner('Sagittal plane', 'slice-label');
    assert.equal(await tool('Show annotations on the images').getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('a');
    await label.waitFor({ state: 'hidden' });
    assert.equal(await tool('Show annotations on the images').getAttribute('aria-pressed'), 'false');
    assert.equal((await storedState<{ annotations: boolean }>(page)).annotations, false);
    await press('Show annotations on the images');
    await label.waitFor();
  });

  it('the active viewport has a border, follows the pointer and clicks, and takes the keys', async () => {
    await openCase();
    const border = (name: string) =>
      region(name)
        .locator('.viewport')
        .evaluate((e) => getComputedStyle(e).borderTopColor);
    await planeCanvas(page, 'Sagittal plane').hover();
    await page.waitForFunction(() =>
      document.querySelector('[aria-label="Sagittal plane"]')!.hasAttribute('data-active'),
    );
    assert.notEqual(await border('Sagittal plane'), await border('Axial plane'));
    await page.keyboard.press('ArrowUp');
    assert.equal(await slider('Sagittal slice').inputValue(), '19');
    await planeCanvas(page, 'Axial plane').click();
    assert.equal(await region('Axial plane').getAttribute('data-active'), '');
    assert.equal(await region('Sagittal plane').getAttribute('data-active'), null);
    await page.mouse.move(0, 0); // the last one the pointer was over stays active
    await page.keyboard.press('ArrowUp');
    assert.equal(await slider('Axial slice').inputValue(), '22');
    assert.equal(await slider('Sagittal slice').inputValue(), '19');
  });

  it('one toolbar acts on the active viewport: pressed looks pressed (not focused), tooltips name keys and right-drag', async () => {
    await openCase();
    assert.equal(await page.getByRole('toolbar').count(), 1);
    assert.equal(await region('Axial plane').getByRole('button').count(), 0, 'no buttons repeated in the panes');
    await planeCanvas(page, 'Axial plane').click();
    await tool('Contrast: full range').click();
    await tool('Invert').click();
    assert.equal(await tool('Contrast: full range').getAttribute('aria-pressed'), 'true');
    assert.equal(await tool('Contrast: auto').getAttribute('aria-pressed'), 'false');
    await planeCanvas(page, 'Coronal plane').click();
    assert.equal(
      await tool('Contrast: full range').getAttribute('aria-pressed'),
      'false',
      'the toolbar shows the coronal plane now',
    );
    assert.equal(await tool('Invert').getAttribute('aria-pressed'), 'false');
    // Pressed: a background and border of its own; focus: an outline, and no background.
    await tool('Contrast: auto').focus();
    const look = (name: string) =>
      tool(name).evaluate((e) => ({
        background: getComputedStyle(e).backgroundColor,
        outline: getComputedStyle(e).outlineStyle,
      }));
    const [pressed, focused, plain] = [
      await look('Contrast: auto'),
      await look('Contrast: per-slice'),
      await look('Invert'),
    ];
    assert.notEqual(pressed.background, plain.background);
    assert.equal(focused.background, plain.background);
    assert.match(
      (await tool('Contrast: auto').getAttribute('title'))!,
      /\(1; right-drag on the image: window\/level\)/,
    );
    assert.match(
      (await toolbar().getByRole('spinbutton', { name: 'Window width' }).getAttribute('title'))!,
      /right-drag/,
    );
    assert.match((await tool('Zoom in').getAttribute('title'))!, /Ctrl\+wheel/);
    assert.match((await colourMap().getAttribute('title'))!, /\bm\b/);
    assert.match((await tool('Reset contrast and view').getAttribute('title'))!, /double-click/);
  });

  it('the toolbar never wraps, and nothing moves while the contrast is dragged', async () => {
    await openCase({ width: 560, height: 900 });
    // One row: every control shown overlaps every other vertically.
    const rows = () =>
      toolbar().evaluate((bar) => {
        const boxes = [...bar.querySelectorAll('button, input, select')]
          .filter((e) => (e as HTMLElement).offsetParent)
          .map((e) => e.getBoundingClientRect());
        return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom)) ? 1 : 2;
      });
    assert.equal(await rows(), 1);
    const boxes = async () =>
      JSON.stringify(
        await Promise.all(
          [
            toolbar(),
            region('Coronal plane'),
            region('Axial plane'),
            toolbar().getByRole('spinbutton', { name: 'Window width' }),
          ].map((l) => l.boundingBox()),
        ),
      );
    const before = await boxes();
    await planeCanvas(page, 'Coronal plane').hover();
    await rightDrag('Coronal plane', -90, 40);
    assert.equal(await boxes(), before);
    assert.equal(await rows(), 1);
  });

  it('a toolbar too wide for its panel puts the groups that do not fit under "More tools" (…): no control is cut or out of reach, at any width', async () => {
    const names = async () =>
      toolbar().evaluate((bar) =>
        [...bar.querySelectorAll('button, input, select')]
          .map((e) => e.getAttribute('aria-label'))
          .filter((n) => n && n !== 'More tools'),
      );
    for (const width of [2400, 1400, 1000, 700, 420]) {
      await openCase({ width, height: 800 });
      const more = tool('More tools');
      const all = await names();
      // Every control in the row lies wholly inside the toolbar's box: nothing is cut.
      const cut = await toolbar().evaluate((bar) => {
        const row = bar.querySelector('.toolbar')!.getBoundingClientRect();
        return [...bar.querySelectorAll('.toolbar button, .toolbar input, .toolbar select')]
          .filter((e) => (e as HTMLElement).offsetParent)
          .filter((e) => {
            const b = e.getBoundingClientRect();
            return b.left < row.left - 0.5 || b.right > row.right + 0.5;
          })
          .map((e) => e.getAttribute('aria-label'));
      });
      assert.deepEqual(cut, [], `${width} px: cut`);
      const inRow = await toolbar().evaluate(
        (bar) =>
          [...bar.querySelectorAll('.toolbar button, .toolbar input, .toolbar select')].filter(
            (e) => (e as HTMLElement).offsetParent,
          ).length,
      );
      if (width === 2400) {
        assert.equal(await more.isVisible(), false, 'everything fits: no "More tools"');
        continue;
      }
      assert.equal(await more.isVisible(), true, `${width} px: "More tools" is offered`);
      assert.equal(await more.getAttribute('aria-expanded'), 'false');
      await more.click();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const panel = page.getByRole('group', { name: 'More tools' });
      const inPanel = await panel.evaluate(
        (p) => [...p.querySelectorAll('button, input, select')].filter((e) => (e as HTMLElement).offsetParent).length,
      );
      const hiddenByState = await toolbar().evaluate(
        (bar) =>
          [...bar.querySelectorAll('button, input, select')].filter(
            (e) => !(e as HTMLElement).offsetParent && e.getAttribute('aria-label') !== 'More tools',
          ).length,
      );
      assert.equal(
        inRow + inPanel + hiddenByState,
        all.length + 1,
        `${width} px: every control is in the row or under "More tools"`,
      );
      // A control from the panel works, and Escape closes it.
      await panel.getByRole('button', { name: 'Save slice as PNG…' }).waitFor();
      await page.keyboard.press('Escape');
      assert.equal(await more.getAttribute('aria-expanded'), 'false');
    }
  });

  it('window and level are numbers to type as well as to drag', async () => {
    await openCase();
    await planeCanvas(page, 'Sagittal plane').click();
    const width = toolbar().getByRole('spinbutton', { name: 'Window width' });
    const level = toolbar().getByRole('spinbutton', { name: 'Window level' });
    await width.fill('100');
    await level.fill('50');
    await level.press('Enter');
    assert.equal(await text('Sagittal plane', 'window'), 'W 100 L 50');
    assert.equal(await tool('Contrast: auto').getAttribute('aria-pressed'), 'false');
    await rightDrag('Sagittal plane', 40, 0);
    assert.notEqual(await width.inputValue(), '100', 'the dragged width shows in the field');
    const [, w, l] = /^W (\S+) L (\S+)$/.exec((await text('Sagittal plane', 'window'))!)!;
    assert.ok(
      Math.abs(Number(w) - Number(await width.inputValue())) < 0.1 && Number(l) === Number(await level.inputValue()),
      'the annotation and the fields agree',
    );
  });

  it('link applies contrast, zoom and colour map to all three planes', async () => {
    await openCase();
    await planeCanvas(page, 'Axial plane').click();
    await colourMap().selectOption('viridis');
    assert.deepEqual(
      [await text('Coronal plane', 'colour-map'), await text('Axial plane', 'colour-map')],
      ['Grey', 'viridis'],
      'unlinked: the active plane only',
    );
    await press('Link contrast, zoom and colour map across planes');
    assert.equal(await tool('Link contrast, zoom and colour map across planes').getAttribute('aria-pressed'), 'true');
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      assert.equal(await text(`${plane} plane`, 'colour-map'), 'viridis', plane);
    await press('One array pixel per screen pixel');
    for (const plane of ['Coronal', 'Sagittal', 'Axial'])
      assert.equal(await text(`${plane} plane`, 'zoom'), 'Zoom 1.00×', plane);
    await rightDrag('Axial plane', -50, 20);
    const axial = await text('Axial plane', 'window');
    for (const plane of ['Coronal', 'Sagittal']) assert.equal(await text(`${plane} plane`, 'window'), axial, plane);
    await page.keyboard.press('l');
    await planeCanvas(page, 'Coronal plane').hover();
    await page.keyboard.press('i');
    assert.deepEqual(
      [await text('Coronal plane', 'colour-map'), await text('Axial plane', 'colour-map')],
      ['viridis (inverted)', 'viridis'],
      'unlinked again',
    );
  });

  it('colour scales: log and symlog paint as their transforms place each value, and the colour bar says where its middle is', async () => {
    // A (64, 256) float64 image whose column x holds 10^(x / 32): eight decades.
    const values = Float64Array.from({ length: 64 * 256 }, (_, i) => 10 ** ((i % 256) / 32));
    await openArray(new Uint8Array(dump(values, [64, 256])));
    await tool('Contrast: full range').click();
    const scale = toolbar().getByRole('combobox', { name: 'Colour scale' });
    assert.deepEqual(await scale.locator('option').evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value)), [
      'linear',
      'log',
      'symlog',
    ]);
    for (const name of ['log', 'symlog'] as const) {
      await scale.selectOption(name);
      const w = { low: 1, high: 10 ** (255 / 32) };
      for (const x of [0, 40, 128, 200]) {
        const painted = new Uint32Array(1);
        paintMapped(Float64Array.of(values[x]), w, colourMapTable('grey', false), painted, name);
        const c = painted[0];
        const shown = await pixelOf(page, 'Slices', x, 32, { width: 256, height: 64 });
        assert.deepEqual(shown.rgba, [c & 255, (c >>> 8) & 255, (c >>> 16) & 255, 255], `${name} at x ${x}`);
      }
      assert.match(
        (await region('Slices')
          .getByRole('img', { name: /^Colour bar/ })
          .getAttribute('aria-label'))!,
        name === 'log' ? /, 1 to 93060000, log scale, 9647 at the middle$/ : /symmetric log scale, .* at the middle$/,
      );
    }
    await scale.selectOption('linear');
    assert.equal(await text('Slices', 'bar-mid'), '');
  });

  it('colour maps: the select and m cycle through all twelve, painted as matplotlib; the colour bar shows the window', async () => {
    await openArray(ramp());
    assert.deepEqual(
      await colourMap()
        .locator('option')
        .evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value)),
      [...COLOUR_MAPS],
    );
    await tool('Contrast: full range').click(); // 0..252
    assert.deepEqual([await text('Slices', 'bar-low'), await text('Slices', 'bar-high')], ['0', '252']);
    await colourMap().selectOption('viridis');
    const expected = (map: (typeof COLOUR_MAPS)[number], v: number, invert = false) => {
      const c = colourMapTable(map, invert)[Math.min(255, Math.floor((v / 252) * 256))];
      return [c & 255, (c >>> 8) & 255, (c >>> 16) & 255, 255];
    };
    for (const x of [0, 20, 40, 63])
      assert.deepEqual(
        (await pixelOf(page, 'Slices', x, 3, { width: 64, height: 64 })).rgba,
        expected('viridis', x * 4),
        `x ${x}`,
      );
    assert.equal(await page.getByRole('img', { name: /^Colour bar: viridis, 0 to 252$/ }).count(), 1);
    await planeCanvas(page, 'Slices').hover();
    await page.keyboard.press('m');
    assert.equal(await colourMap().inputValue(), 'magma');
    await page.keyboard.press('Shift+M');
    await page.keyboard.press('Shift+M');
    assert.equal(await colourMap().inputValue(), 'inverted-grey');
    assert.deepEqual(
      (await pixelOf(page, 'Slices', 0, 3, { width: 64, height: 64 })).rgba.slice(0, 3),
      [255, 255, 255],
    );
    await colourMap().selectOption('jet');
    await page.keyboard.press('i');
    assert.deepEqual((await pixelOf(page, 'Slices', 10, 3, { width: 64, height: 64 })).rgba, expected('jet', 40, true));
    assert.equal(await text('Slices', 'colour-map'), 'jet (inverted)');
  });

  it('coolwarm is centred on 0 when the data spans 0', async () => {
    await openArray(
      makeNpy(
        '<f4',
        [2, 8, 8],
        Float32Array.from({ length: 128 }, (_, i) => -1 + (4 * i) / 127),
      ),
      { colourMap: 'coolwarm', preset: 'full' },
    );
    assert.equal(await colourMap().inputValue(), 'coolwarm');
    assert.deepEqual([await text('Slices', 'bar-low'), await text('Slices', 'bar-high')], ['-3', '3']);
    assert.match((await text('Slices', 'window'))!, /^W 6 L 0$/);
  });

  it('new views start with the colour map of the setting and the preset last chosen; a changed setting reaches views on the old default', async () => {
    await openArray(ramp(), { colourMap: 'magma', preset: 'slice' });
    assert.equal(await colourMap().inputValue(), 'magma');
    assert.equal(await tool('Contrast: per-slice').getAttribute('aria-pressed'), 'true');
    await post(page, { type: 'viewDefaults', defaults: { colourMap: 'hot', preset: 'slice' } });
    await page.waitForFunction(
      () => (document.querySelector('select[aria-label="Colour map"]') as HTMLSelectElement).value === 'hot',
    );
    await colourMap().selectOption('bone');
    await post(page, { type: 'viewDefaults', defaults: { colourMap: 'plasma', preset: 'slice' } });
    await tool('Contrast: full range').click();
    assert.equal(await colourMap().inputValue(), 'bone', 'a map the user chose stays');
    assert.deepEqual(
      (await posted(page)).filter((m) => (m as { type: string }).type === 'rememberPreset'),
      [{ type: 'rememberPreset', preset: 'full' }],
    );
    await page.keyboard.press('1');
    assert.deepEqual((await posted(page)).pop(), { type: 'rememberPreset', preset: 'auto' });
  });

  it('a single 2-D image, grey or colour, shows no slice slider, no cine and no slice text', async () => {
    for (const bytes of [
      makeNpy(
        '|u1',
        [16, 16],
        new Uint8Array(256).map((_, i) => i),
      ),
      makeNpy('|u1', [4, 4, 3], new Uint8Array(48).fill(90)),
    ]) {
      await openArray(bytes);
      assert.equal(await slider('Slice').count(), 0);
      assert.equal(await toolbar().getByRole('button', { name: 'Play or pause cine' }).count(), 0);
      assert.equal(await corner('Slices', 'slice-label').isVisible(), false);
      assert.match((await text('Slices', 'zoom'))!, /^Zoom /);
    }
    assert.equal(await text('Slices', 'colour-map'), 'RGB');
    assert.equal(await colourMap().isDisabled(), true, 'a colour image has its own colours');
  });

  it("the wheel: a trackpad's small deltas add up to one slice per notch; Ctrl+wheel zooms toward the pointer", async () => {
    await openCase();
    const sagittal = planeCanvas(page, 'Sagittal plane');
    await sagittal.hover();
    for (let i = 0; i < 24; i++) await page.mouse.wheel(0, 4);
    assert.equal(await slider('Sagittal slice').inputValue(), '18', '96 pixels: not yet a notch');
    await page.mouse.wheel(0, 4);
    assert.equal(await slider('Sagittal slice').inputValue(), '19', '100 pixels: one slice');
    await page.mouse.wheel(0, 100);
    assert.equal(await slider('Sagittal slice').inputValue(), '20', 'one notch, one slice');

    // Ctrl+wheel: the array pixel under the pointer stays under it; one far from it moves.
    await press('One array pixel per screen pixel');
    const box = (await sagittal.boundingBox())!;
    const at = { x: box.width / 2 + 20, y: box.height / 2 - 15 };
    const colourAt = (p: { x: number; y: number }) =>
      sagittal.evaluate(
        (c: HTMLCanvasElement, p) =>
          Array.from(
            c
              .getContext('2d')!
              .getImageData(Math.floor(p.x * devicePixelRatio), Math.floor(p.y * devicePixelRatio), 1, 1).data,
          ),
        p,
      );
    const far = { x: at.x - 25, y: at.y - 25 };
    const [under, away] = [await colourAt(at), await colourAt(far)];
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    assert.equal(await text('Sagittal plane', 'zoom'), 'Zoom 1.56×');
    assert.deepEqual(await colourAt(at), under);
    assert.notDeepEqual(await colourAt(far), away);
    assert.equal(await slider('Sagittal slice').inputValue(), '20');
  });

  it('layouts: 1×3 when wide, 3×1 when narrow, one large beside two small; b makes the active plane large, g cycles', async () => {
    const boxes = () =>
      Promise.all(
        ['Coronal', 'Sagittal', 'Axial'].map((p) =>
          region(`${p} plane`)
            .boundingBox()
            .then((b) => b!),
        ),
      );
    await openCase({ width: 1200, height: 700 });
    assert.equal(await tool('Layout: side by side (1×3)').getAttribute('aria-pressed'), 'true');
    let [c, s, a] = await boxes();
    assert.ok(c.x < s.x && s.x < a.x && c.y === a.y);
    await page.setViewportSize({ width: 600, height: 900 });
    await page.waitForFunction(() => document.querySelector('.planes')!.getAttribute('data-layout') === 'column');
    [c, s, a] = await boxes();
    assert.ok(c.y < s.y && s.y < a.y && c.x === a.x);
    await page.setViewportSize({ width: 1200, height: 700 });
    await planeCanvas(page, 'Sagittal plane').hover();
    await page.keyboard.press('b');
    assert.equal(await region('Sagittal plane').getAttribute('data-large'), '');
    [c, s, a] = await boxes();
    assert.ok(s.width > 1.5 * c.width && s.x < c.x && c.x === a.x && c.y < a.y, JSON.stringify([c, s, a]));
    assert.equal(await tool('Layout: one large plane, two small').getAttribute('aria-pressed'), 'true');
    await planeCanvas(page, 'Axial plane').click();
    await press('Make the active plane the large one');
    assert.equal(await region('Axial plane').getAttribute('data-large'), '');
    await page.keyboard.press('g');
    assert.equal(await page.locator('.planes').getAttribute('data-layout'), 'row');
    await page.keyboard.press('g');
    assert.equal(await page.locator('.planes').getAttribute('data-layout'), 'column');
    const state = await storedState(page);
    await openCase({ width: 1200, height: 700 }, undefined, state);
    assert.equal(await page.locator('.planes').getAttribute('data-layout'), 'column', 'a chosen layout is kept');
  });

  it('high contrast: positive and negative label badges differ by more than their glyph', async () => {
    await openCase();
    await theme('vscode-high-contrast', {
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
    });
    const look = (value: string) =>
      page
        .locator(`.badge[data-value="${value}"]`)
        .first()
        .evaluate((e) => {
          const s = getComputedStyle(e);
          return { border: `${s.borderTopStyle} ${s.borderTopWidth}`, weight: s.fontWeight };
        });
    const [positive, negative] = [await look('1'), await look('0')];
    assert.notEqual(positive.border, negative.border);
    assert.notEqual(positive.weight, negative.weight);
  });

  it("histogram: the volume's, with the window on it; log counts; dragging an edge or the centre changes the window live; NaN and inf counted apart", async () => {
    const values = Float32Array.from({ length: 4 * 16 * 16 }, (_, i) => i % 200);
    values.set([NaN, NaN, Infinity, -Infinity], 0);
    await openArray(makeNpy('<f4', [4, 16, 16], values));
    const histogram = page.getByRole('group', { name: 'Histogram' });
    await histogram.waitFor();
    assert.equal(await histogram.locator('[data-role="histogram-specials"]').textContent(), 'NaN 2 · +inf 1 · −inf 1');
    await tool('Contrast: full range').click();
    const low = histogram.getByRole('slider', { name: 'Window low' });
    const high = histogram.getByRole('slider', { name: 'Window high' });
    assert.deepEqual([await low.getAttribute('aria-valuenow'), await high.getAttribute('aria-valuenow')], ['0', '199']);
    const canvas = histogram.getByRole('img', { name: 'Histogram of the volume' });
    const pixels = () =>
      canvas.evaluate((c: HTMLCanvasElement) =>
        Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join(),
      );
    const linear = await pixels();
    await histogram.getByRole('checkbox', { name: 'Log counts' }).check();
    assert.notEqual(await pixels(), linear, 'log counts redraw the bars');

    // Drag the high edge left to about the middle: the window narrows, live.
    const box = (await canvas.boundingBox())!;
    const edge = (await high.boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const during = await text('Slices', 'window');
    await page.mouse.up();
    const highNow = Number(await high.getAttribute('aria-valuenow'));
    assert.ok(Math.abs(highNow - 99.5) < 3, `high ${highNow}`);
    assert.equal(await text('Slices', 'window'), during, 'the image followed the drag');
    assert.equal(await tool('Contrast: full range').getAttribute('aria-pressed'), 'false');
    // Dragging inside moves the whole window: same width, another level.
    const [w0] = /W [\d.]+/.exec((await text('Slices', 'window'))!)!;
    await page.mouse.move(box.x + box.width / 4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 4 + 30, box.y + box.height / 2, { steps: 3 });
    await page.mouse.up();
    assert.equal(/W [\d.]+/.exec((await text('Slices', 'window'))!)![0], w0);
    assert.ok(Number(await low.getAttribute('aria-valuenow')) > 5);
    // Each edge is a slider for the keyboard too.
    const before = Number(await low.getAttribute('aria-valuenow'));
    await low.focus();
    await page.keyboard.press('ArrowRight');
    assert.ok(Number(await low.getAttribute('aria-valuenow')) > before);
    assert.equal(await slider('Slice').inputValue(), '1', 'the arrow moved the edge, not the slice');
  });

  it('in the case viewer each plane shows its histogram on demand (h)', async () => {
    await openCase();
    assert.equal(await page.getByRole('group', { name: 'Histogram' }).count(), 0);
    await planeCanvas(page, 'Coronal plane').hover();
    await page.keyboard.press('h');
    await region('Coronal plane').getByRole('group', { name: 'Histogram' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Histogram' }).count(), 1);
    assert.equal(await tool('Show the histogram').getAttribute('aria-pressed'), 'true');
  });
});
