import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import { rejectionOf, type SuiteContext } from './fixture';

/** Wrap-ups (one per conversation, counted for analytics) and consultation grants. */
export function chatActionSuite(ctx: SuiteContext): void {
  describe('chat actions: wrap-ups and consultations', () => {
    it('saves one wrap-up per conversation (a second replaces it) and reads it back', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const first = await store.saveWrapUp({
        conversationId: 'c1',
        agentId: 'agent-1',
        queue: 'cardiology',
        disposition: 'resolved',
        summary: 'Explained the new dosage',
      });
      expect(first).toMatchObject({ disposition: 'resolved', summary: 'Explained the new dosage' });
      expect(Number.isNaN(Date.parse(first.wrappedAt))).toBe(false);
      const second = await store.saveWrapUp({
        conversationId: 'c1',
        agentId: 'agent-1',
        queue: 'cardiology',
        disposition: 'appointment_booked',
        summary: 'Booked a follow-up',
      });
      expect(await store.getWrapUp('c1')).toEqual(second);
      expect(await store.getWrapUp('nope')).toBeNull();
      const missing = await rejectionOf(
        store.saveWrapUp({
          conversationId: 'nope',
          agentId: 'agent-1',
          queue: null,
          disposition: 'resolved',
          summary: '',
        }),
      );
      expect(HandoffServerError.is(missing, 'not_found')).toBe(true);
    });

    it('counts dispositions per period, queue and agent', async () => {
      const store = ctx.store();
      const from = new Date(Date.now() - 60_000).toISOString();
      const rows = [
        ['c1', 'agent-1', 'cardiology', 'resolved'],
        ['c2', 'agent-1', 'cardiology', 'resolved'],
        ['c3', 'agent-2', 'cardiology', 'resolved'],
        ['c4', 'agent-2', 'general', 'referred'],
      ] as const;
      for (const [id, agentId, queue, disposition] of rows) {
        await store.createConversation({ id, patientId: 'p1' });
        await store.saveWrapUp({ conversationId: id, agentId, queue, disposition, summary: 's' });
      }
      const to = new Date(Date.now() + 60_000).toISOString();
      expect(await store.dispositionCounts({ from, to })).toEqual([
        { disposition: 'resolved', queue: 'cardiology', agentId: 'agent-1', count: 2 },
        { disposition: 'referred', queue: 'general', agentId: 'agent-2', count: 1 },
        { disposition: 'resolved', queue: 'cardiology', agentId: 'agent-2', count: 1 },
      ]);
      expect(await store.dispositionCounts({ from, to, queue: 'general' })).toEqual([
        { disposition: 'referred', queue: 'general', agentId: 'agent-2', count: 1 },
      ]);
      expect(await store.dispositionCounts({ from, to, agentId: 'agent-1' })).toHaveLength(1);
      expect(await store.dispositionCounts({ from: to, to })).toEqual([]);
    });

    it('grants a consultation once and forgets it with the conversation', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const grant = { conversationId: 'c1', consultantId: 'agent-2', requestedBy: 'agent-1' };
      const first = await store.grantConsultation(grant);
      expect(first).toMatchObject(grant);
      expect(await store.grantConsultation({ ...grant, requestedBy: 'agent-3' })).toEqual(first);
      expect(await store.getConsultation('c1', 'agent-2')).toEqual(first);
      expect(await store.getConsultation('c1', 'agent-3')).toBeNull();
      await store.deletePatientData('p1', { actorId: 'admin', actorRole: 'admin' });
      expect(await store.getConsultation('c1', 'agent-2')).toBeNull();
      const missing = await rejectionOf(store.grantConsultation(grant));
      expect(HandoffServerError.is(missing, 'not_found')).toBe(true);
    });
  });
}
