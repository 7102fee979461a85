import * as z from 'zod/mini';

/**
 * Where a handoff conversation stands. `docs/handoff-protocol.md` and
 * `src/state/machine.ts` give the transitions.
 */
export const ConversationState = z.enum([
  'bot',
  'handoff_requested',
  'queued',
  'assigned',
  'ended',
  'returned_to_bot',
  'abandoned',
  'expired',
  'failed',
]);
export type ConversationState = z.infer<typeof ConversationState>;

/** Who closed a conversation with a human. */
export const EndedBy = z.enum(['agent', 'patient', 'system']);
export type EndedBy = z.infer<typeof EndedBy>;

export const EndReason = z.enum(['resolved', 'patient-left', 'inactivity', 'other']);
export type EndReason = z.infer<typeof EndReason>;

/** Who a live chat message is from. */
export const MessageFrom = z.enum(['patient', 'agent', 'system']);
export type MessageFrom = z.infer<typeof MessageFrom>;

/** Who a chat message seen by staff is from: the bot too (its replies after the handoff). */
export const AgentMessageFrom = z.enum(['patient', 'agent', 'system', 'bot']);
export type AgentMessageFrom = z.infer<typeof AgentMessageFrom>;
