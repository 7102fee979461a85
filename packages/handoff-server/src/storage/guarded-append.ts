import type { ConversationStore } from './contract';
import type { ConversationRecord, GuardedAppendResult, NewMessage } from './records';

/**
 * `appendIfAllowed` for a store without a transaction spanning both steps here (memory:
 * nothing runs in between; PostgreSQL: the engine's per-conversation lock orders this node's
 * writers, and the append itself takes the seq by compare-and-set): the read, then the append.
 */
export async function appendIfAllowedByReading(
  store: Pick<ConversationStore, 'getConversation' | 'appendMessage'>,
  conversationId: string,
  message: NewMessage,
  allow: (conversation: ConversationRecord) => boolean,
): Promise<GuardedAppendResult> {
  const conversation = await store.getConversation(conversationId);
  if (!conversation || !allow(conversation)) return { ok: false, conversation };
  return { ok: true, conversation, appended: await store.appendMessage(conversationId, message) };
}
