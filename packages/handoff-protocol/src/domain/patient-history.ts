import * as z from 'zod/mini';
import { ConversationState } from './conversation';
import { Id, Priority, Timestamp } from './primitives';

/** At most this many earlier conversations are listed (the newest first). */
export const PATIENT_HISTORY_LIMIT = 20;

/** One of the patient's earlier conversations with Baton, as staff list it (no content). */
export const PastConversation = z.object({
  conversationId: Id,
  state: ConversationState,
  priority: Priority,
  createdAt: Timestamp,
  endedAt: z.optional(Timestamp),
});
export type PastConversation = z.infer<typeof PastConversation>;
