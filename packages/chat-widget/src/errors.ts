/** Closed set of widget error codes; readable text lives beside the code, never in it. */
export const WIDGET_ERROR_CODES = {
  invalid_options: 'The widget options are invalid.',
  session_failed: 'The portal backend did not return a chat session.',
  connection_failed: 'The chat service could not be reached.',
  conversation_ended: 'The conversation has ended.',
  send_failed: 'The message could not be sent.',
  handoff_unavailable: 'Handing the conversation to a person is not available.',
  destroyed: 'The widget was destroyed.',
} as const;
export type WidgetErrorCode = keyof typeof WIDGET_ERROR_CODES;

/** The one error class of `@baton/chat-widget`, told apart by `name` (the widget may load twice). */
export class BatonWidgetError extends Error {
  override readonly name = 'BatonWidgetError';
  readonly code: WidgetErrorCode;
  constructor(code: WidgetErrorCode, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? WIDGET_ERROR_CODES[code], { cause: options?.cause });
    this.code = code;
  }
}

export function isBatonWidgetError(value: unknown): value is BatonWidgetError {
  return value instanceof Error && value.name === 'BatonWidgetError' && 'code' in value;
}
