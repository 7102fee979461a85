/** The staff member's theme: a display preference kept in this browser (no patient data). */
export type ConsoleTheme = 'system' | 'light' | 'dark';

const THEME_KEY = 'baton.console.theme';

export function readTheme(): ConsoleTheme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function writeTheme(theme: ConsoleTheme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage blocked: the choice lasts for this page.
  }
}

/** Sets `data-theme` on the console root (`system`: none, the media query decides). */
export function applyTheme(root: HTMLElement, theme: ConsoleTheme): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
