import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';

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
