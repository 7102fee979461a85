import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import type { ConversationStore } from '../contract';
import { rejectionOf, type SuiteContext } from './fixture';

const slot = { id: 's1', startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T09:30:00.000Z' };
const survey = { id: 'csat', title: 'How did we do?', questions: [] };

/** Writes that name a conversation; each must fail with `not_found` when it does not exist. */
const writesForConversation: [
  string,
  (store: ConversationStore, id: string) => Promise<unknown>,
][] = [
  [
    'a message',
    (store, id) =>
      store.appendMessage(id, {
        clientMessageId: 'm1',
        from: 'patient',
        senderId: 'p1',
        body: 'x',
      }),
  ],
  [
    'a survey response',
    (store, id) =>
      store.recordSurveyResponse({
        id: 'r1',
        surveyId: 'csat',
        conversationId: id,
        patientId: 'p1',
        answers: { q1: 5 },
      }),
  ],
  ['a booking', (store, id) => store.bookSlot('s1', { conversationId: id, patientId: 'p1' })],
  [
    'a booking of an unknown slot',
    (store, id) => store.bookSlot('no-such-slot', { conversationId: id, patientId: 'p1' }),
  ],
];

/** The same typed errors from every backend: `not_found` for missing references, `conflict` for duplicates. */
export function errorSuite(ctx: SuiteContext): void {
  describe('typed errors', () => {
    for (const [what, write] of writesForConversation) {
      it(`refuses ${what} for a conversation that does not exist (not_found), writing nothing`, async () => {
        const store = ctx.store();
        await store.saveSurvey(survey);
        await store.addSlots([slot]);
        const error = await rejectionOf(write(store, 'ghost'));
        expect(HandoffServerError.is(error, 'not_found')).toBe(true);
        expect(await store.listMessages('ghost')).toEqual([]);
        expect(await store.getTranscript('ghost')).toBeNull();
        expect(await store.listSurveyResponses({ conversationId: 'ghost' })).toEqual([]);
        expect(await store.listBookings({ conversationId: 'ghost' })).toEqual([]);
        expect((await store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual(['s1']);
      });
    }

    it('refuses writes for a conversation that was deleted (not_found)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.deletePatientData('p1', { actorId: 'ops-1', actorRole: 'admin' });
      for (const [, write] of writesForConversation) {
        expect(HandoffServerError.is(await rejectionOf(write(store, 'c1')), 'not_found')).toBe(
          true,
        );
      }
    });

    it('refuses a survey response to an unknown survey (not_found)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const error = await rejectionOf(
        store.recordSurveyResponse({
          id: 'r1',
          surveyId: 'nope',
          conversationId: 'c1',
          patientId: 'p1',
          answers: {},
        }),
      );
      expect(HandoffServerError.is(error, 'not_found')).toBe(true);
    });

    it('refuses a reused survey response id (conflict) and keeps the first response', async () => {
      const store = ctx.store();
      await store.saveSurvey(survey);
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createConversation({ id: 'c2', patientId: 'p2' });
      const first = await store.recordSurveyResponse({
        id: 'r1',
        surveyId: 'csat',
        conversationId: 'c1',
        patientId: 'p1',
        answers: { q1: 5 },
      });
      const error = await rejectionOf(
        store.recordSurveyResponse({
          id: 'r1',
          surveyId: 'csat',
          conversationId: 'c2',
          patientId: 'p2',
          answers: { q1: 1 },
        }),
      );
      expect(HandoffServerError.is(error, 'conflict')).toBe(true);
      expect(await store.listSurveyResponses({ surveyId: 'csat' })).toEqual([first]);
    });

    it('refuses slots whose ids repeat within one call (conflict) and adds none', async () => {
      const store = ctx.store();
      const error = await rejectionOf(
        store.addSlots([
          { id: 'a', startsAt: slot.startsAt, endsAt: slot.endsAt },
          { ...slot },
          { ...slot, label: 'again' },
        ]),
      );
      expect(HandoffServerError.is(error, 'conflict')).toBe(true);
      expect(await store.listSlots()).toEqual([]);
    });

    it('refuses slots when one id exists already (conflict) and adds none of the batch', async () => {
      const store = ctx.store();
      await store.addSlots([slot]);
      const error = await rejectionOf(
        store.addSlots([{ id: 'new', startsAt: slot.startsAt, endsAt: slot.endsAt }, slot]),
      );
      expect(HandoffServerError.is(error, 'conflict')).toBe(true);
      expect((await store.listSlots()).map((s) => s.id)).toEqual(['s1']);
    });
  });
}
