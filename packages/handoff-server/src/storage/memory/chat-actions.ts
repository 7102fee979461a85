import { HandoffServerError } from '../../internal/errors';
import {
  type ChatActionOps,
  type ConsultationRecord,
  type DispositionCount,
  sortCounts,
  type WrapUpRecord,
} from '../chat-actions';
import { nowIso } from '../shared';
import type { MemoryState } from './state';

/** Wrap-ups and consultations in maps; rows of deleted conversations are not seen. */
export function memoryChatActions(state: MemoryState): ChatActionOps {
  const wrapUps = new Map<string, WrapUpRecord>();
  const consultations = new Map<string, ConsultationRecord>();
  const live = (conversationId: string) => state.conversations.has(conversationId);
  const requireLive = (conversationId: string) => {
    if (!live(conversationId)) throw new HandoffServerError('not_found', 'conversation not found');
  };
  return {
    async saveWrapUp(wrapUp) {
      requireLive(wrapUp.conversationId);
      const record = { ...wrapUp, wrappedAt: nowIso() };
      wrapUps.set(wrapUp.conversationId, record);
      return { ...record };
    },
    async getWrapUp(conversationId) {
      const record = wrapUps.get(conversationId);
      return record && live(conversationId) ? { ...record } : null;
    },
    async dispositionCounts(filter) {
      const from = Date.parse(filter.from);
      const to = Date.parse(filter.to);
      const counts = new Map<string, DispositionCount>();
      for (const w of wrapUps.values()) {
        const at = Date.parse(w.wrappedAt);
        if (!live(w.conversationId) || at < from || at > to) continue;
        if (filter.queue !== undefined && w.queue !== filter.queue) continue;
        if (filter.agentId !== undefined && w.agentId !== filter.agentId) continue;
        const key = JSON.stringify([w.disposition, w.queue, w.agentId]);
        const entry = counts.get(key) ?? {
          disposition: w.disposition,
          queue: w.queue,
          agentId: w.agentId,
          count: 0,
        };
        entry.count += 1;
        counts.set(key, entry);
      }
      return sortCounts([...counts.values()]);
    },
    async grantConsultation(grant) {
      requireLive(grant.conversationId);
      const key = `${grant.conversationId}\u0000${grant.consultantId}`;
      const existing = consultations.get(key);
      if (existing) return { ...existing };
      const record = { ...grant, createdAt: nowIso() };
      consultations.set(key, record);
      return { ...record };
    },
    async getConsultation(conversationId, consultantId) {
      const record = consultations.get(`${conversationId}\u0000${consultantId}`);
      return record && live(conversationId) ? { ...record } : null;
    },
  };
}
