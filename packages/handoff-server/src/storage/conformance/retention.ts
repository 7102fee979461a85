import { describe, expect, it } from 'vitest';
import { type SuiteContext, sampleTranscript } from './fixture';

const system = { actorId: 'ops-1', actorRole: 'admin' } as const;

/** Retention purge and per-patient deletion, each leaving an id-only audit stub. */
export function retentionSuite(ctx: SuiteContext): void {
  describe('retention and deletion', () => {
    it('purges conversations finished before the cutoff and keeps an audit stub', async () => {
      const store = ctx.store();
      await store.createHandoff({
        conversationId: 'old',
        patientId: 'p-old',
        priority: 'routine',
        transcript: sampleTranscript,
        entry: { clientMessageId: 'm1', from: 'patient', senderId: 'p-old', body: 'x' },
        reopenFrom: [],
      });
      await store.enqueue('old', { queue: 'general', priority: 'routine' });
      await store.updateState('old', { expected: 'queued', next: 'abandoned' });
      await store.createConversation({ id: 'live', patientId: 'p2', state: 'assigned' });
      const result = await store.purgeFinishedBefore(new Date(Date.now() + 60_000));
      expect(result).toEqual({ conversations: 1 });
      expect(await store.getConversation('old')).toBeNull();
      expect(await store.listMessages('old')).toEqual([]);
      expect(await store.getTranscript('old')).toBeNull();
      expect(await store.getConversation('live')).not.toBeNull();
      expect(await store.queryAudit({ conversationId: 'old' })).toMatchObject([
        { action: 'retention.purge', actorRole: 'system', patientId: 'p-old', reason: null },
      ]);
      expect(await store.purgeFinishedBefore(new Date(Date.now() - 60_000))).toEqual({
        conversations: 0,
      });
    });

    it('deletes everything held for one patient and leaves only an id stub', async () => {
      const store = ctx.store();
      await store.saveSurvey({ id: 'csat', title: 't', questions: [] });
      await store.addSlots([
        { id: 's1', startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T09:30:00.000Z' },
      ]);
      for (const [id, patientId] of [
        ['c1', 'p1'],
        ['c2', 'p1'],
        ['c3', 'p2'],
      ] as const) {
        await store.createHandoff({
          conversationId: id,
          patientId,
          priority: 'routine',
          transcript: sampleTranscript,
          entry: { clientMessageId: 'm1', from: 'patient', senderId: patientId, body: 'hello' },
          reopenFrom: [],
        });
        await store.recordSurveyResponse({
          id: `r-${id}`,
          surveyId: 'csat',
          conversationId: id,
          patientId,
          answers: { q: 1 },
        });
      }
      await store.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
      await store.appendAudit({
        action: 'transcript.view',
        outcome: 'allowed',
        actorId: 'a1',
        actorRole: 'agent',
        conversationId: 'c1',
        patientId: 'p1',
      });
      const result = await store.deletePatientData('p1', system);
      expect(result).toEqual({ conversations: 2, surveyResponses: 2, bookings: 1 });
      expect(await store.listConversations({ patientId: 'p1' })).toEqual([]);
      expect(await store.listMessages('c1')).toEqual([]);
      expect(await store.getTranscript('c2')).toBeNull();
      expect(await store.listSurveyResponses({ conversationId: 'c1' })).toEqual([]);
      expect(await store.listBookings({ patientId: 'p1' })).toEqual([]);
      expect((await store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual(['s1']);
      expect(await store.getTranscript('c3')).toEqual(sampleTranscript);
      const stub = await store.queryAudit({ patientId: 'p1' });
      expect(stub.map((r) => r.action)).toEqual(['transcript.view', 'patient.delete']);
      expect(stub[1]).toMatchObject({
        actorId: 'ops-1',
        actorRole: 'admin',
        conversationId: null,
      });
    });
  });
}
