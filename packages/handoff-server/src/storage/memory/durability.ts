import { HandoffServerError } from '../../internal/errors';
import type { ConversationOps, DurabilityOps } from '../composed';
import { MAX_SCHEDULE_CLAIM, type ScheduleRecord } from '../durability';
import type { InsightOps } from '../insight-records';
import { compareText, nowIso } from '../shared';
import { memoryPatientZones } from './patient-zones';
import { applyTransition, type MemoryState } from './state';

const scheduleId = (kind: string, key: string) => `${kind}\u0000${key}`;

/** Handoff commits, activity and schedules over the in-memory maps (synchronous: atomic). */
export function memoryDurability(
  state: MemoryState,
  conversations: ConversationOps,
  insights: Pick<InsightOps, 'recordEscalation'>,
): DurabilityOps {
  const activity = new Map<string, string>();
  const schedules = new Map<string, ScheduleRecord>();
  const setRow = (kind: string, key: string, dueAt: string) => {
    const before = schedules.get(scheduleId(kind, key));
    schedules.set(scheduleId(kind, key), {
      kind,
      key,
      dueAt: new Date(dueAt).toISOString(),
      version: (before?.version ?? 0) + 1,
      claimedBy: null,
      claimedUntil: null,
    });
  };

  return {
    async createHandoff(input) {
      const { conversationId: id } = input;
      const current = state.conversations.get(id);
      if (current && current.patientId !== input.patientId)
        throw new HandoffServerError('conflict');
      const log = state.messages.get(id) ?? [];
      const earlier = log.find((m) => m.clientMessageId === input.entry.clientMessageId);
      if (current && earlier) {
        return {
          ok: true,
          conversation: { ...current },
          previous: { ...current },
          message: { ...earlier },
          duplicate: true,
        };
      }
      if (current && !input.reopenFrom.includes(current.state)) {
        return { ok: false, reason: 'state_mismatch', current: { ...current } };
      }
      // Nothing below can fail: the whole request lands at once.
      const conversation = current
        ? applyTransition(state, current, {
            next: 'handoff_requested',
            priority: input.priority,
            assignedAgentId: null,
          })
        : await conversations.createConversation({
            id,
            patientId: input.patientId,
            state: 'handoff_requested',
            priority: input.priority,
          });
      state.transcripts.set(id, structuredClone(input.transcript));
      const { message } = await conversations.appendMessage(id, input.entry);
      activity.set(id, nowIso());
      if (input.patientTimeZone) memoryPatientZones(state).set(id, input.patientTimeZone);
      for (const deadline of input.deadlines ?? []) setRow(deadline.kind, id, deadline.dueAt);
      if (input.escalation)
        await insights.recordEscalation({ conversationId: id, ...input.escalation });
      const previous = current ? { ...current } : null;
      if (!input.enqueue) return { ok: true, conversation, previous, message, duplicate: false };
      const { queue } = input.enqueue;
      const queued = applyTransition(state, conversation, {
        next: 'queued',
        queue,
        priority: input.priority,
      });
      state.queue.set(id, {
        conversationId: id,
        queue,
        priority: input.priority,
        enqueuedAt: state.queue.get(id)?.enqueuedAt ?? nowIso(),
      });
      return {
        ok: true,
        conversation: queued,
        previous,
        message,
        duplicate: false,
        requested: conversation,
      };
    },

    async touchActivity(conversationId, at) {
      if (!state.conversations.has(conversationId)) return;
      const before = activity.get(conversationId);
      if (!before || compareText(before, at) < 0) activity.set(conversationId, at);
    },

    async lastActivity(conversationId) {
      const found = state.conversations.get(conversationId);
      if (!found) return null;
      return activity.get(conversationId) ?? found.updatedAt;
    },

    async setSchedule(kind, key, dueAt) {
      setRow(kind, key, dueAt);
    },

    async ensureSchedule(kind, key, dueAt) {
      if (schedules.has(scheduleId(kind, key))) return false;
      await this.setSchedule(kind, key, dueAt);
      return true;
    },

    async getSchedule(kind, key) {
      const found = schedules.get(scheduleId(kind, key));
      return found ? { ...found } : null;
    },

    async clearSchedules(key, kinds) {
      let removed = 0;
      for (const [id, row] of schedules) {
        if (row.key === key && (!kinds || kinds.includes(row.kind))) {
          schedules.delete(id);
          removed += 1;
        }
      }
      return removed;
    },

    async claimDueSchedules(claim) {
      const now = new Date(claim.now).toISOString();
      const until = new Date(Date.parse(now) + claim.leaseMs).toISOString();
      const due = [...schedules.values()]
        .filter((r) => r.dueAt <= now && (r.claimedUntil === null || r.claimedUntil <= now))
        .sort((a, b) => compareText(a.dueAt, b.dueAt))
        .slice(0, Math.min(claim.limit, MAX_SCHEDULE_CLAIM));
      for (const row of due) {
        row.claimedBy = claim.owner;
        row.claimedUntil = until;
      }
      return due.map((r) => ({ ...r }));
    },

    async completeSchedule(row) {
      const id = scheduleId(row.kind, row.key);
      if (schedules.get(id)?.version !== row.version) return false;
      schedules.delete(id);
      return true;
    },
  };
}
