import type { ChatWidgetHandle, ChatWidgetOptions } from './types';
import { createChatWidget } from './widget';

/**
 * Entry of `dist/chunks/baton-widget.js`, the chunk the script-tag loader imports when the
 * chat opens. It takes over the loader's host element (the launcher is re-rendered in place).
 */
export function boot(host: HTMLElement, options: ChatWidgetOptions): ChatWidgetHandle {
  return createChatWidget(options, { host });
}
