type Child = Node | string;

/** Creates an element with attributes and children. */
export function el<K extends string>(
  tag: K,
  attrs: Record<string, string> = {},
  children: Child[] = [],
): K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node as never;
}

/** A toolkit button with a tooltip that names its key. */
export function button(label: string, title: string, onClick: () => void): HTMLElement {
  const b = el('vscode-button', { secondary: '', title, 'aria-label': title.replace(/ \(.*\)$/, '') }, [label]);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Sizes a canvas's pixels to its displayed size times the device pixel ratio (sharp on any
 * screen) and clears it; returns its 2-D context, its size in device pixels and the ratio.
 */
export function clearedCanvas(canvas: HTMLCanvasElement): {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
} {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const height = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height, dpr };
}
