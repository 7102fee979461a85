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

/** The language the patient picked in the header's menu, for the rest of the tab's visit. */
const PICKED_LOCALE_KEY = 'baton:locale';

export function rememberPickedLocale(storage: Storage | null, locale: string): void {
  try {
    storage?.setItem(PICKED_LOCALE_KEY, locale);
  } catch {
    // blocked storage: the next page starts from the page's language again
  }
}

export function pickedLocale(storage: Storage | null): string | undefined {
  try {
    return storage?.getItem(PICKED_LOCALE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function panelWasOpen(storage: Storage | null): boolean {
  try {
    return storage?.getItem(PANEL_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}
