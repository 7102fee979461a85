import type { EarlySessionRequest } from './directline/session';
import type { ChatWidgetHandle, ChatWidgetOptions } from './types';
import { createChatWidget } from './widget';

/**
 * Entry of `dist/chunks/baton-widget.js`, the chunk the script-tag loader imports when the
 * chat opens. It takes over the loader's host element (the launcher is re-rendered in place)
 * and the session request the loader already sent, if any.
 */
export function boot(
  host: HTMLElement,
  options: ChatWidgetOptions,
  early?: EarlySessionRequest,
): ChatWidgetHandle {
  return createChatWidget(options, { host, ...(early ? { early } : {}) });
}
