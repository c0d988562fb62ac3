import { Frame, Locator, Page } from 'playwright-core';

/**
 * A control of the viewer's toolbar by role and name, opening its "More tools" panel (…) first
 * when the control is not in the row: what a user does at a width where it does not fit.
 */
export async function toolbarControl(
  scope: Page | Frame,
  role: 'button' | 'combobox' | 'spinbutton',
  name: string,
): Promise<Locator> {
  const toolbar = scope.getByRole('toolbar', { name: 'Viewer' });
  const control = toolbar.getByRole(role, { name });
  if (!(await control.isVisible())) {
    const more = toolbar.getByRole('button', { name: 'More tools' });
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
    await control.waitFor();
  }
  return control;
}
