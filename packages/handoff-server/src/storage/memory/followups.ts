import { HandoffServerError } from '../../internal/errors';
import type { FollowUpOps } from '../composed';
import { type FollowUpItemRecord, QUEUE_WAIT_LIMIT, SYSTEM_ACTOR_ID } from '../followup-records';
import { followUpLimit, openFollowUp } from '../followup-rules';
import { compareText, nowIso } from '../shared';
import type { MemoryState } from './state';

const copy = (item: FollowUpItemRecord): FollowUpItemRecord => ({
  ...item,
  detail: { ...item.detail },
});

/** The follow-up worklist in memory. */
export function memoryFollowUps(state: MemoryState): FollowUpOps {
  const byKey = (key: string) => [...state.followUps.values()].find((i) => i.key === key);
  return {
    async createFollowUp(input) {
      const existing = byKey(input.key);
      if (existing) return { item: copy(existing), created: false };
      if (!state.conversations.has(input.conversationId))
        throw new HandoffServerError('not_found', 'conversation not found');
      if (state.followUps.has(input.id)) throw new HandoffServerError('conflict');
      const item = openFollowUp(input, nowIso());
      state.followUps.set(item.id, item);
      return { item: copy(item), created: true };
    },
    async getFollowUp(id) {
      const item = state.followUps.get(id);
      return item ? copy(item) : null;
    },
    async listFollowUps(filter) {
      return [...state.followUps.values()]
        .filter((i) => !filter?.statuses || filter.statuses.includes(i.status))
        .filter((i) => !filter?.queues || filter.queues.includes(i.queue))
        .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
        .slice(0, followUpLimit(filter))
        .map(copy);
    },
    async claimFollowUp(id, agentId) {
      const current = state.followUps.get(id);
      if (!current) return { ok: false, reason: 'not_found', current: null };
      if (current.status !== 'open')
        return { ok: false, reason: 'status_mismatch', current: copy(current) };
      const item = {
        ...current,
        status: 'claimed' as const,
        claimedBy: agentId,
        claimedAt: nowIso(),
      };
      state.followUps.set(id, item);
      return { ok: true, item: copy(item) };
    },
    async closeFollowUp(id, agentId, outcomeNote) {
      const current = state.followUps.get(id);
      if (!current) return { ok: false, reason: 'not_found', current: null };
      if (current.status !== 'claimed')
        return { ok: false, reason: 'status_mismatch', current: copy(current) };
      if (current.claimedBy !== agentId)
        return { ok: false, reason: 'not_claimant', current: copy(current) };
      const item = { ...current, status: 'closed' as const, outcomeNote, closedAt: nowIso() };
      state.followUps.set(id, item);
      return { ok: true, item: copy(item) };
    },
    async followUpStats(closedSince) {
      const since = Date.parse(closedSince);
      let open = 0;
      let claimed = 0;
      let closed = 0;
      let oldestOpenAt: string | null = null;
      for (const item of state.followUps.values()) {
        if (item.status === 'closed') {
          const byStaff = item.claimedBy !== SYSTEM_ACTOR_ID;
          if (byStaff && item.closedAt && Date.parse(item.closedAt) >= since) closed += 1;
          continue;
        }
        if (item.status === 'open') open += 1;
        else claimed += 1;
        if (oldestOpenAt === null || item.createdAt < oldestOpenAt) oldestOpenAt = item.createdAt;
      }
      return { open, claimed, oldestOpenAt, closedSince: closed };
    },
    async recordQueueWait(sample) {
      const seen = state.queueWaits.some(
        (w) => w.conversationId === sample.conversationId && w.claimedAt === sample.claimedAt,
      );
      if (!seen)
        state.queueWaits.push({ ...sample, claimedAt: new Date(sample.claimedAt).toISOString() });
      if (state.queueWaits.length > 10_000) state.queueWaits.splice(0, 1000);
    },
    async recentQueueWaits(queue, since, limit) {
      const from = Date.parse(since);
      return state.queueWaits
        .filter((w) => w.queue === queue && Date.parse(w.claimedAt) >= from)
        .sort((a, b) => compareText(b.claimedAt, a.claimedAt))
        .slice(0, Math.max(0, Math.min(QUEUE_WAIT_LIMIT, limit)))
        .map((w) => ({ ...w }));
    },
  };
}
