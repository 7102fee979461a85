/**
 * The handoff transport chunk, loaded at escalation time (or after a reload during a
 * handoff): the socket.io session and its state. Its UI is the `ui/index` chunk, loaded
 * beside it. Nothing here is in the chat bundle. `BotSessionReport`: the bot conversation's
 * registration (no content), loaded when the patient first writes to the bot.
 */

// The delivery core the session uses, for the files chunk (one send-until-acked mechanism).
export { Outbox } from '@baton/handoff-protocol';
export { type BotSessionReport, botSessionReport } from './bot-report';
export { HandoffSession, type HandoffSessionOptions } from './session';
export { type HandoffState, TERMINAL_PHASES } from './state';
