import { HandoffServerError } from '../../internal/errors';
import {
  CONSULT_THREAD_LIMIT,
  type ConsultMessageRecord,
  type ConsultThreadOps,
} from '../consult-threads';
import { nowIso } from '../shared';
import type { MemoryState } from './state';

/** Consultation threads in a list; rows of deleted conversations are not seen. */
export function memoryConsultThreads(state: MemoryState): ConsultThreadOps {
  const rows: ConsultMessageRecord[] = [];
  const live = (r: ConsultMessageRecord) => state.conversations.has(r.conversationId);
  return {
    async appendConsultMessage(message) {
      if (!state.conversations.has(message.conversationId))
        throw new HandoffServerError('not_found', 'conversation not found');
      const existing = rows.find(
        (r) =>
          r.conversationId === message.conversationId &&
          r.consultantId === message.consultantId &&
          r.clientMessageId === message.clientMessageId,
      );
      if (existing) return { message: { ...existing }, created: false };
      const record = { ...message, createdAt: nowIso() };
      rows.push(record);
      return { message: { ...record }, created: true };
    },
    async listConsultMessages(conversationId, consultantId) {
      return rows
        .filter(
          (r) =>
            live(r) &&
            r.conversationId === conversationId &&
            (consultantId === undefined || r.consultantId === consultantId),
        )
        .slice(0, CONSULT_THREAD_LIMIT)
        .map((r) => ({ ...r }));
    },
  };
}
