import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

const entry = (clientMessageId: string) => ({
  clientMessageId,
  from: 'patient' as const,
  senderId: 'p1',
  body: 'hello',
});

/** Read marks: kept per side, forward only, never past the log. */
export function readMarkSuite(ctx: SuiteContext): void {
  describe('read marks', () => {
    it('keeps each side’s mark, moves it forward only and never past the last seq', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      expect(await store.readMarks('c1')).toEqual({ patient: 0, agent: 0 });
      for (const id of ['m1', 'm2', 'm3']) await store.appendMessage('c1', entry(id));
      await store.markRead('c1', 'patient', 2);
      expect(await store.readMarks('c1')).toEqual({ patient: 2, agent: 0 });
      await store.markRead('c1', 'patient', 1);
      await store.markRead('c1', 'agent', 3);
      expect(await store.readMarks('c1')).toEqual({ patient: 2, agent: 3 });
      // A claim beyond the log marks what exists; a later message is still unread.
      await store.markRead('c1', 'patient', 99);
      expect(await store.readMarks('c1')).toEqual({ patient: 3, agent: 3 });
      await store.appendMessage('c1', entry('m4'));
      expect(await store.readMarks('c1')).toEqual({ patient: 3, agent: 3 });
      await store.markRead('c1', 'agent', 4);
      expect(await store.readMarks('c1')).toEqual({ patient: 3, agent: 4 });
    });

    it('erases the marks with the patient’s data: the same id created again starts unread', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.appendMessage('c1', entry('m1'));
      await store.markRead('c1', 'patient', 1);
      await store.markRead('c1', 'agent', 1);
      await store.deletePatientData('p1', { actorId: 'admin-1', actorRole: 'admin' });
      expect(await store.readMarks('c1')).toBeNull();
      await store.createConversation({ id: 'c1', patientId: 'p2' });
      expect(await store.readMarks('c1')).toEqual({ patient: 0, agent: 0 });
    });

    it('ignores bad seqs and unknown conversations', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.appendMessage('c1', entry('m1'));
      for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60]) await store.markRead('c1', 'agent', bad);
      expect(await store.readMarks('c1')).toEqual({ patient: 0, agent: 0 });
      await store.markRead('nope', 'patient', 1);
      expect(await store.readMarks('nope')).toBeNull();
    });
  });
}
