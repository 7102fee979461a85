import type { ChatWidgetOptions } from './types';
import { THEME_PROPERTIES } from './widget-options';

/** The host's mode, position, colour scheme and theme, set on the widget's element. */
export function themeHost(host: HTMLElement, options: ChatWidgetOptions, mode: string): void {
  host.dataset.mode = mode;
  host.dataset.position = options.position ?? 'end';
  host.dataset.scheme = options.theme?.colorScheme ?? 'auto';
  for (const [key, property] of Object.entries(THEME_PROPERTIES)) {
    const value = options.theme?.[key as keyof typeof THEME_PROPERTIES];
    if (typeof value === 'string') host.style.setProperty(property, value);
  }
}
