/** Lifecycle notices for logs: ids only, never message text, tokens or stream URLs. */
export type EmulatorEvent =
  | { type: 'conversation.started'; conversationId: string }
  | { type: 'stream.opened'; conversationId: string }
  | { type: 'stream.closed'; conversationId: string; code: number }
  | { type: 'stream.collision'; conversationId: string }
  | { type: 'bot.failed'; conversationId: string; code: string }
  | { type: 'request.failed'; method: string; path: string; status: number; code: string };
