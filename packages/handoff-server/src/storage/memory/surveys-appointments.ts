import { HandoffServerError } from '../../internal/errors';
import type { SurveyAppointmentOps } from '../composed';
import type { AppointmentBooking, SurveyResponse } from '../records';
import { compareText, nowIso } from '../shared';
import type { MemoryState } from './state';

/** Surveys with one response per conversation, and slots that book once. */
export function memorySurveysAndAppointments(state: MemoryState): SurveyAppointmentOps {
  const requireConversation = (id: string) => {
    if (!state.conversations.has(id)) {
      throw new HandoffServerError('not_found', 'conversation not found');
    }
  };

  return {
    async saveSurvey(survey) {
      state.surveys.set(survey.id, structuredClone(survey));
      return structuredClone(survey);
    },

    async getSurvey(id) {
      const found = state.surveys.get(id);
      return found ? structuredClone(found) : null;
    },

    async recordSurveyResponse(response) {
      if (!state.surveys.has(response.surveyId)) {
        throw new HandoffServerError('not_found', 'survey not found');
      }
      requireConversation(response.conversationId);
      const taken = [...state.responses.values()].some(
        (r) =>
          r.id === response.id ||
          (r.surveyId === response.surveyId && r.conversationId === response.conversationId),
      );
      if (taken) throw new HandoffServerError('conflict');
      const record: SurveyResponse = { ...structuredClone(response), submittedAt: nowIso() };
      state.responses.set(record.id, record);
      return structuredClone(record);
    },

    async listSurveyResponses(filter) {
      return [...state.responses.values()]
        .filter((r) => filter.surveyId === undefined || r.surveyId === filter.surveyId)
        .filter(
          (r) => filter.conversationId === undefined || r.conversationId === filter.conversationId,
        )
        .sort((a, b) => compareText(a.submittedAt, b.submittedAt) || compareText(a.id, b.id))
        .map((r) => structuredClone(r));
    },

    async addSlots(slots) {
      const ids = new Set(slots.map((s) => s.id));
      if (ids.size < slots.length || slots.some((s) => state.slots.has(s.id))) {
        throw new HandoffServerError('conflict');
      }
      for (const s of slots) {
        state.slots.set(s.id, {
          id: s.id,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          label: s.label ?? null,
          booking: null,
          ...(s.service ? { service: s.service } : {}),
        });
      }
    },

    async listSlots(filter = {}) {
      const from = filter.from ? Date.parse(filter.from) : Number.NEGATIVE_INFINITY;
      const to = filter.to ? Date.parse(filter.to) : Number.POSITIVE_INFINITY;
      return [...state.slots.values()]
        .filter((s) => Date.parse(s.startsAt) >= from && Date.parse(s.startsAt) < to)
        .filter((s) => !filter.freeOnly || s.booking === null)
        .filter((s) => !filter.service || !s.service || s.service === filter.service)
        .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || compareText(a.id, b.id))
        .map((s) => structuredClone(s));
    },

    async bookSlot(slotId, booking) {
      requireConversation(booking.conversationId);
      const slot = state.slots.get(slotId);
      if (!slot) return { ok: false, reason: 'not_found' };
      if (slot.booking) return { ok: false, reason: 'already_booked' };
      const record: AppointmentBooking = { slotId, ...booking, bookedAt: nowIso() };
      state.slots.set(slotId, { ...slot, booking: record });
      return { ok: true, booking: { ...record } };
    },

    async listBookings(filter) {
      return [...state.slots.values()]
        .flatMap((s) => (s.booking ? [s.booking] : []))
        .filter((b) => filter.patientId === undefined || b.patientId === filter.patientId)
        .filter(
          (b) => filter.conversationId === undefined || b.conversationId === filter.conversationId,
        )
        .sort((a, b) => compareText(a.bookedAt, b.bookedAt) || compareText(a.slotId, b.slotId))
        .map((b) => ({ ...b }));
    },
  };
}
