/**
 * Whether the patient left the floating panel open, so a reload (or the next page of the
 * portal, same tab) shows it open again. Only this flag is stored: no text, no token.
 */
export const PANEL_OPEN_KEY = 'baton:open';

export function rememberPanelOpen(storage: Storage | null, open: boolean): void {
  try {
    if (open) storage?.setItem(PANEL_OPEN_KEY, '1');
    else storage?.removeItem(PANEL_OPEN_KEY);
  } catch {
    // blocked storage: the panel simply comes back closed
  }
}

export function panelWasOpen(storage: Storage | null): boolean {
  try {
    return storage?.getItem(PANEL_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}
