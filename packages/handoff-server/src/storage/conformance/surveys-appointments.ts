import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import type { SuiteContext } from './fixture';

/** Surveys (one response per conversation) and book-once appointment slots. */
export function surveyAppointmentSuite(ctx: SuiteContext): void {
  describe('surveys', () => {
    it('stores surveys and one response per conversation', async () => {
      const store = ctx.store();
      const survey = {
        id: 'csat',
        title: 'How did we do?',
        questions: [
          { id: 'q1', text: 'Rate us', kind: 'rating' as const },
          { id: 'q2', text: 'Why?', kind: 'text' as const },
        ],
      };
      expect(await store.saveSurvey(survey)).toEqual(survey);
      expect(await store.getSurvey('csat')).toEqual(survey);
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const response = await store.recordSurveyResponse({
        id: 'r1',
        surveyId: 'csat',
        conversationId: 'c1',
        patientId: 'p1',
        answers: { q1: 5, q2: 'kind nurse' },
      });
      expect(response).toMatchObject({
        answers: { q1: 5, q2: 'kind nurse' },
        submittedAt: expect.any(String),
      });
      const twice = await store
        .recordSurveyResponse({
          id: 'r2',
          surveyId: 'csat',
          conversationId: 'c1',
          patientId: 'p1',
          answers: { q1: 1 },
        })
        .catch((e: unknown) => e);
      expect(HandoffServerError.is(twice, 'conflict')).toBe(true);
      const unknown = await store
        .recordSurveyResponse({
          id: 'r3',
          surveyId: 'nope',
          conversationId: 'c1',
          patientId: 'p1',
          answers: {},
        })
        .catch((e: unknown) => e);
      expect(HandoffServerError.is(unknown, 'not_found')).toBe(true);
      expect(await store.listSurveyResponses({ conversationId: 'c1' })).toEqual([response]);
      expect(await store.listSurveyResponses({ surveyId: 'other' })).toEqual([]);
    });
  });

  describe('appointments', () => {
    const slots = [
      {
        id: 's1',
        startsAt: '2026-03-02T09:00:00.000Z',
        endsAt: '2026-03-02T09:30:00.000Z',
        label: 'Dr. A',
      },
      { id: 's2', startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T10:30:00.000Z' },
      { id: 's3', startsAt: '2026-03-03T09:00:00.000Z', endsAt: '2026-03-03T09:30:00.000Z' },
    ];

    it('lists slots in a window and books a slot once', async () => {
      const store = ctx.store();
      await store.addSlots(slots);
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createConversation({ id: 'c2', patientId: 'p2' });
      expect(
        (
          await store.listSlots({
            from: '2026-03-02T00:00:00.000Z',
            to: '2026-03-03T00:00:00.000Z',
          })
        ).map((s) => s.id),
      ).toEqual(['s1', 's2']);
      const booked = await store.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
      expect(booked).toMatchObject({ ok: true, booking: { slotId: 's1', patientId: 'p1' } });
      expect(await store.bookSlot('s1', { conversationId: 'c2', patientId: 'p2' })).toEqual({
        ok: false,
        reason: 'already_booked',
      });
      expect(await store.bookSlot('nope', { conversationId: 'c2', patientId: 'p2' })).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect((await store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual(['s2', 's3']);
      expect((await store.listSlots())[0]).toMatchObject({
        id: 's1',
        label: 'Dr. A',
        booking: { conversationId: 'c1' },
      });
      expect((await store.listBookings({ patientId: 'p1' })).map((b) => b.slotId)).toEqual(['s1']);
      expect(
        HandoffServerError.is(
          await store.addSlots([slots[0]!]).catch((e: unknown) => e),
          'conflict',
        ),
      ).toBe(true);
    });

    it('of concurrent bookings of one slot exactly one wins', async () => {
      const store = ctx.store();
      await store.addSlots(slots);
      for (let i = 0; i < 8; i += 1)
        await store.createConversation({ id: `c${i}`, patientId: `p${i}` });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.bookSlot('s2', { conversationId: `c${i}`, patientId: `p${i}` }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await store.listBookings({})).toHaveLength(1);
    });

    it('keeps the audit record of an appointment reminder (ids only)', async () => {
      const store = ctx.store();
      await store.addSlots(slots);
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.bookSlot('s3', { conversationId: 'c1', patientId: 'p1' });
      await store.appendAudit({
        action: 'appointment.reminder',
        outcome: 'allowed',
        actorId: 'baton',
        actorRole: 'system',
        conversationId: 'c1',
        patientId: 'p1',
        targetId: 's3',
        reason: 'sent',
      });
      expect(await store.queryAudit({ conversationId: 'c1' })).toMatchObject([
        { action: 'appointment.reminder', actorRole: 'system', targetId: 's3', reason: 'sent' },
      ]);
    });
  });
}
