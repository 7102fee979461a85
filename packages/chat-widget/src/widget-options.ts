import { BatonWidgetError } from './errors';
import type { ChatWidgetOptions } from './types';

/** The host's theme options and the CSS custom properties they set on the widget's host. */
export const THEME_PROPERTIES = {
  primary: '--baton-primary',
  onPrimary: '--baton-on-primary',
  background: '--baton-bg',
  text: '--baton-text',
  font: '--baton-font',
  radius: '--baton-radius',
} as const;

/** The one option the widget cannot do without: where its sessions come from. */
export function validate(options: ChatWidgetOptions): void {
  const session = options?.session;
  if (typeof session !== 'function' && (typeof session !== 'string' || !session)) {
    throw new BatonWidgetError('invalid_options', {
      message: '`session` must be a session URL or a getSession() function.',
    });
  }
}
