import { isJupyterLab, jupyterLabTheme } from './jupyterLabTheme';

/**
 * A viewer's page in a notebook output's frame takes the theme of the notebook around it: VS
 * Code sets its colours as CSS variables on the notebook's <html> and its kind as classes of its
 * <body>, which a frame does not inherit; JupyterLab's are its own variables, named on its body.
 * Copied at start and again whenever the theme changes.
 */
export function followNotebookTheme(): void {
  const outer = window.parent.document;
  const lab = isJupyterLab(outer);
  const copy = () => {
    const theme = lab
      ? jupyterLabTheme(outer)
      : {
          cssText: outer.documentElement.style.cssText,
          classes: [...outer.body.classList].filter((c) => c.startsWith('vscode-')),
        };
    document.documentElement.style.cssText = theme.cssText;
    for (const c of [...document.body.classList]) if (c.startsWith('vscode-')) document.body.classList.remove(c);
    document.body.classList.add(...theme.classes);
  };
  copy();
  const observer = new MutationObserver(copy);
  observer.observe(outer.documentElement, { attributes: true, attributeFilter: ['style'] });
  observer.observe(outer.body, { attributes: true, attributeFilter: ['class', 'data-jp-theme-name'] });
  window.addEventListener('unload', () => observer.disconnect());
}
