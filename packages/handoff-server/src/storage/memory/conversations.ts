import { HandoffServerError } from '../../internal/errors';
import type { ConversationOps } from '../composed';
import { appendIfAllowedByReading } from '../guarded-append';
import type { ConversationRecord, MessageRecord } from '../records';
import { clampLimit, compareText, endedAtAfter, expectedStates, nowIso } from '../shared';
import { applyTransition, type MemoryState } from './state';

/** Conversations, messages and transcripts held in maps. */
export function memoryConversations(state: MemoryState): ConversationOps {
  const requireConversation = (id: string) => {
    if (!state.conversations.has(id)) {
      throw new HandoffServerError('not_found', 'conversation not found');
    }
  };

  return {
    async createConversation(input) {
      if (state.conversations.has(input.id)) throw new HandoffServerError('conflict');
      const now = nowIso();
      const initial = input.state ?? 'bot';
      const record: ConversationRecord = {
        id: input.id,
        patientId: input.patientId,
        state: initial,
        queue: input.queue ?? null,
        priority: input.priority ?? 'routine',
        assignedAgentId: null,
        createdAt: now,
        updatedAt: now,
        endedAt: endedAtAfter(initial, null, now),
        version: 1,
      };
      state.conversations.set(record.id, record);
      return { ...record };
    },

    async getConversation(id) {
      const found = state.conversations.get(id);
      return found ? { ...found } : null;
    },

    async listConversations(filter = {}) {
      return [...state.conversations.values()]
        .filter((c) => !filter.states || filter.states.includes(c.state))
        .filter((c) => filter.patientId === undefined || c.patientId === filter.patientId)
        .filter(
          (c) =>
            filter.assignedAgentId === undefined || c.assignedAgentId === filter.assignedAgentId,
        )
        .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
        .map((c) => ({ ...c }));
    },

    async listPatientConversations(patientId, options) {
      return [...state.conversations.values()]
        .filter((c) => c.patientId === patientId && c.id !== options.excludeId)
        .sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id))
        .slice(0, Math.min(100, Math.max(1, Math.floor(options.limit))))
        .map((c) => ({ ...c }));
    },

    async updateState(id, update) {
      const current = state.conversations.get(id);
      if (!current) return { ok: false, reason: 'not_found', current: null };
      if (!expectedStates(update).includes(current.state)) {
        return { ok: false, reason: 'state_mismatch', current: { ...current } };
      }
      return { ok: true, conversation: applyTransition(state, current, update) };
    },

    async appendIfAllowed(conversationId, message, allow) {
      return appendIfAllowedByReading(this, conversationId, message, allow);
    },

    async appendMessage(conversationId, message) {
      requireConversation(conversationId);
      const list = state.messages.get(conversationId) ?? [];
      const existing = list.find((m) => m.clientMessageId === message.clientMessageId);
      if (existing) return { message: { ...existing }, duplicate: true };
      const record: MessageRecord = {
        conversationId,
        seq: list.length + 1,
        clientMessageId: message.clientMessageId,
        from: message.from,
        senderId: message.senderId,
        body: message.body,
        kind: message.kind ?? 'message',
        createdAt: nowIso(),
      };
      list.push(record);
      state.messages.set(conversationId, list);
      return { message: { ...record }, duplicate: false };
    },

    async listMessages(conversationId, options = {}) {
      const after = options.afterSeq ?? 0;
      return (state.messages.get(conversationId) ?? [])
        .filter((m) => m.seq > after)
        .slice(0, clampLimit(options.limit))
        .map((m) => ({ ...m }));
    },

    async getTranscript(conversationId) {
      const found = state.transcripts.get(conversationId);
      return found ? structuredClone(found) : null;
    },
  };
}
