import type { AuditRetentionOps } from '../composed';
import type { AuditEvent, AuditRecord, PatientDeletionResult } from '../records';
import { auditInstant, clampLimit } from '../shared';
import { forgetCancelledBookings } from './appointment-changes';
import { memoryBotSessionMap } from './bot-sessions';
import type { MemoryState } from './state';

/** The append-only audit log (frozen records) and retention over the maps. */
export function memoryAuditAndRetention(state: MemoryState): AuditRetentionOps {
  const append = (event: AuditEvent): AuditRecord => {
    const record: AuditRecord = {
      id: state.audit.length + 1,
      action: event.action,
      outcome: event.outcome,
      actorId: event.actorId,
      actorRole: event.actorRole,
      conversationId: event.conversationId ?? null,
      patientId: event.patientId ?? null,
      targetId: event.targetId ?? null,
      reason: event.reason ?? null,
      at: auditInstant(event.at, state.trustAuditTimestamps),
    };
    state.audit.push(Object.freeze(record));
    return { ...record };
  };

  const deleteConversation = (id: string): { bookings: number; surveyResponses: number } => {
    let bookings = 0;
    let surveyResponses = 0;
    for (const slot of state.slots.values()) {
      if (slot.booking?.conversationId === id) {
        state.slots.set(slot.id, { ...slot, booking: null });
        bookings += 1;
      }
    }
    for (const r of state.responses.values()) {
      if (r.conversationId === id) {
        state.responses.delete(r.id);
        surveyResponses += 1;
      }
    }
    forgetCancelledBookings(state, { conversationId: id });
    state.conversations.delete(id);
    state.messages.delete(id);
    state.transcripts.delete(id);
    state.readMarks.delete(id);
    state.queue.delete(id);
    for (const item of state.followUps.values())
      if (item.conversationId === id) state.followUps.delete(item.id);
    for (let i = state.queueWaits.length - 1; i >= 0; i -= 1)
      if (state.queueWaits[i]!.conversationId === id) state.queueWaits.splice(i, 1);
    return { bookings, surveyResponses };
  };

  return {
    async appendAudit(event) {
      return append(event);
    },

    async queryAudit(query) {
      const from = query.from ? Date.parse(query.from) : Number.NEGATIVE_INFINITY;
      const to = query.to ? Date.parse(query.to) : Number.POSITIVE_INFINITY;
      return state.audit
        .filter(
          (r) => query.conversationId === undefined || r.conversationId === query.conversationId,
        )
        .filter((r) => query.actorId === undefined || r.actorId === query.actorId)
        .filter((r) => query.patientId === undefined || r.patientId === query.patientId)
        .filter((r) => Date.parse(r.at) >= from && Date.parse(r.at) <= to)
        .filter((r) => query.action === undefined || r.action === query.action)
        .sort((a, b) => (query.newestFirst ? b.id - a.id : a.id - b.id))
        .slice(0, clampLimit(query.limit))
        .map((r) => ({ ...r }));
    },

    async purgeFinishedBefore(cutoff) {
      const bots = memoryBotSessionMap(state);
      for (const [id, s] of bots)
        if (s.endedAt !== null && Date.parse(s.endedAt) < cutoff.getTime()) bots.delete(id);
      const doomed = [...state.conversations.values()].filter(
        (c) => c.endedAt !== null && Date.parse(c.endedAt) < cutoff.getTime(),
      );
      for (const c of doomed) {
        deleteConversation(c.id);
        append({
          action: 'retention.purge',
          outcome: 'allowed',
          actorId: 'system',
          actorRole: 'system',
          conversationId: c.id,
          patientId: c.patientId,
        });
      }
      return { conversations: doomed.length };
    },

    async deletePatientData(patientId, actor) {
      const result: PatientDeletionResult = { conversations: 0, surveyResponses: 0, bookings: 0 };
      const bots = memoryBotSessionMap(state);
      for (const [id, s] of bots) if (s.patientId === patientId) bots.delete(id);
      const owned = [...state.conversations.values()].filter((c) => c.patientId === patientId);
      for (const c of owned) {
        const removed = deleteConversation(c.id);
        result.conversations += 1;
        result.bookings += removed.bookings;
        result.surveyResponses += removed.surveyResponses;
      }
      forgetCancelledBookings(state, { patientId });
      for (const slot of state.slots.values()) {
        if (slot.booking?.patientId === patientId) {
          state.slots.set(slot.id, { ...slot, booking: null });
          result.bookings += 1;
        }
      }
      for (const r of state.responses.values()) {
        if (r.patientId === patientId) {
          state.responses.delete(r.id);
          result.surveyResponses += 1;
        }
      }
      append({ action: 'patient.delete', outcome: 'allowed', ...actor, patientId });
      return result;
    },
  };
}
