import type { ConversationOps, QueueOps } from '../composed';
import { compareText, DEFAULT_ENQUEUE_FROM, nowIso, PRIORITY_RANK } from '../shared';
import { applyTransition, type MemoryState } from './state';

/** Queue entries and transfers; each call runs to completion, so it is atomic. */
export function memoryQueues(
  state: MemoryState,
  conversations: Pick<ConversationOps, 'updateState'>,
): QueueOps {
  return {
    async enqueue(conversationId, entry) {
      const change = await conversations.updateState(conversationId, {
        expected: entry.expected ?? DEFAULT_ENQUEUE_FROM,
        next: 'queued',
        queue: entry.queue,
        priority: entry.priority,
        assignedAgentId: null,
      });
      if (change.ok) {
        const previous = state.queue.get(conversationId);
        state.queue.set(conversationId, {
          conversationId,
          queue: entry.queue,
          priority: entry.priority,
          enqueuedAt: previous?.enqueuedAt ?? nowIso(),
        });
      }
      return change;
    },

    async listQueue(queue, limit) {
      return [...state.queue.values()]
        .filter((e) => e.queue === queue)
        .sort(
          (a, b) =>
            PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
            compareText(a.enqueuedAt, b.enqueuedAt) ||
            compareText(a.conversationId, b.conversationId),
        )
        .slice(0, limit)
        .map((e) => ({ ...e }));
    },

    async transferConversation(conversationId, fromAgentId, to) {
      const current = state.conversations.get(conversationId);
      if (!current) return { ok: false, reason: 'not_found', current: null };
      if (current.state !== 'assigned') {
        return { ok: false, reason: 'state_mismatch', current: { ...current } };
      }
      if (current.assignedAgentId !== fromAgentId) {
        return { ok: false, reason: 'not_assignee', current: { ...current } };
      }
      if ('agentId' in to) {
        return {
          ok: true,
          conversation: applyTransition(state, current, {
            next: 'assigned',
            assignedAgentId: to.agentId,
          }),
        };
      }
      const conversation = applyTransition(state, current, {
        next: 'queued',
        queue: to.queue,
        assignedAgentId: null,
      });
      state.queue.set(conversationId, {
        conversationId,
        queue: to.queue,
        priority: conversation.priority,
        enqueuedAt: nowIso(),
      });
      return { ok: true, conversation };
    },
  };
}
