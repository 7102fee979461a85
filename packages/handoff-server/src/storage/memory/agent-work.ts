import { HandoffServerError } from '../../internal/errors';
import { nowIso } from '../shared';
import { type AgentWorkOps, frontOf, type StaffSessionRecord } from '../staff-sessions';
import { applyTransition, type MemoryState } from './state';

const copy = (s: StaffSessionRecord): StaffSessionRecord => ({
  ...s,
  roles: [...s.roles],
  queues: [...s.queues],
});

/** Grace requeue and staff sessions; each call runs to completion, so it is atomic. */
export function memoryAgentWork(state: MemoryState): AgentWorkOps {
  const sessions = new Map<string, StaffSessionRecord>();
  return {
    async requeueAtFront(conversationId, agentId) {
      const current = state.conversations.get(conversationId);
      if (!current) return { ok: false, reason: 'not_found', current: null };
      if (current.state !== 'assigned')
        return { ok: false, reason: 'state_mismatch', current: { ...current } };
      if (current.assignedAgentId !== agentId)
        return { ok: false, reason: 'not_assignee', current: { ...current } };
      const queue = current.queue ?? 'general';
      let oldest: string | null = null;
      for (const entry of state.queue.values())
        if (entry.queue === queue && entry.priority === current.priority)
          if (oldest === null || entry.enqueuedAt < oldest) oldest = entry.enqueuedAt;
      const conversation = applyTransition(state, current, {
        next: 'queued',
        queue,
        assignedAgentId: null,
      });
      state.queue.set(conversationId, {
        conversationId,
        queue,
        priority: conversation.priority,
        enqueuedAt: frontOf(oldest, nowIso()),
      });
      return { ok: true, conversation };
    },

    async createStaffSession(input) {
      if (sessions.has(input.id)) throw new HandoffServerError('conflict');
      const now = nowIso();
      const record = { ...copy({ ...input, createdAt: now, lastActiveAt: now, endedAt: null }) };
      sessions.set(record.id, record);
      return copy(record);
    },

    async getStaffSession(id) {
      const found = sessions.get(id);
      return found ? copy(found) : null;
    },

    async touchStaffSession(id) {
      const found = sessions.get(id);
      if (!found || found.endedAt !== null) return null;
      found.lastActiveAt = nowIso();
      return copy(found);
    },

    async endStaffSession(id) {
      const found = sessions.get(id);
      if (!found) return null;
      found.endedAt ??= nowIso();
      return copy(found);
    },

    async endStaffSessionsOf(staffId) {
      let ended = 0;
      const now = nowIso();
      for (const session of sessions.values()) {
        if (session.staffId !== staffId || session.endedAt !== null) continue;
        session.endedAt = now;
        ended += 1;
      }
      return ended;
    },
  };
}
