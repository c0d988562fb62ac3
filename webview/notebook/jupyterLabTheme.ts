/**
 * JupyterLab's theme in the viewers' terms: the viewers' stylesheet uses VS Code's colour
 * variables, which a JupyterLab page has not; each is taken from its JupyterLab counterpart.
 */
const FROM_JUPYTERLAB: readonly (readonly [vscode: string, jupyterLab: string])[] = [
  ['foreground', 'ui-font-color1'],
  ['descriptionForeground', 'ui-font-color2'],
  ['editor-background', 'layout-color0'],
  ['editorWidget-background', 'layout-color1'],
  ['panel-border', 'border-color1'],
  ['widget-border', 'border-color1'],
  ['contrastBorder', 'border-color2'],
  ['focusBorder', 'brand-color1'],
  ['errorForeground', 'error-color1'],
  ['editorWarning-foreground', 'warn-color1'],
  ['inputValidation-errorBorder', 'error-color1'],
  ['inputValidation-errorBackground', 'error-color3'],
  ['input-background', 'input-background'],
  ['input-foreground', 'ui-font-color1'],
  ['input-border', 'input-border-color'],
  ['dropdown-background', 'input-background'],
  ['dropdown-foreground', 'ui-font-color1'],
  ['dropdown-border', 'input-border-color'],
  ['button-background', 'brand-color1'],
  ['button-foreground', 'ui-inverse-font-color1'],
  ['button-secondaryBackground', 'layout-color2'],
  ['button-secondaryForeground', 'ui-font-color1'],
  ['badge-background', 'brand-color1'],
  ['badge-foreground', 'ui-inverse-font-color1'],
  ['list-hoverBackground', 'layout-color2'],
  ['list-activeSelectionBackground', 'brand-color1'],
  ['list-activeSelectionForeground', 'ui-inverse-font-color1'],
  ['toolbar-hoverBackground', 'layout-color2'],
  ['menu-background', 'layout-color1'],
  ['menu-foreground', 'ui-font-color1'],
  ['menu-border', 'border-color1'],
  ['textLink-foreground', 'content-link-color'],
  ['editor-selectionBackground', 'editor-selected-background'],
  ['font-family', 'ui-font-family'],
  ['font-size', 'ui-font-size1'],
  ['editor-font-family', 'code-font-family'],
  ['editor-font-size', 'code-font-size'],
  ['charts-blue', 'brand-color1'],
  ['charts-red', 'error-color1'],
  ['charts-green', 'success-color1'],
  ['charts-orange', 'warn-color1'],
  ['charts-yellow', 'warn-color2'],
  ['charts-purple', 'accent-color1'],
];

/** Whether `outer` is a JupyterLab page (it names its theme on its body). */
export function isJupyterLab(outer: Document): boolean {
  return outer.body.dataset.jpThemeName !== undefined;
}

/** The CSS text of VS Code's variables, in the colours of the JupyterLab theme of `outer`, and VS Code's theme class. */
export function jupyterLabTheme(outer: Document): { cssText: string; classes: string[] } {
  const style = getComputedStyle(outer.body);
  const cssText = FROM_JUPYTERLAB.map(([vscode, lab]) => [vscode, style.getPropertyValue(`--jp-${lab}`).trim()])
    .filter(([, value]) => value)
    .map(([vscode, value]) => `--vscode-${vscode}: ${value};`)
    .join(' ');
  return { cssText, classes: [outer.body.dataset.jpThemeLight === 'false' ? 'vscode-dark' : 'vscode-light'] };
}
