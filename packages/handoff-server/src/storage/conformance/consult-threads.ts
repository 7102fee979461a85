import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import { rejectionOf, type SuiteContext } from './fixture';

const amelie = { id: 'agent-1', displayName: 'Amelie Roux' };
const bruno = { id: 'agent-2', displayName: 'Bruno Diaz' };

/** Consultation threads (migration 14): kept in order, once per client id, gone with the conversation. */
export function consultThreadSuite(ctx: SuiteContext): void {
  describe('consultation threads', () => {
    it('keeps each thread in order, once per client message id', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const first = await store.appendConsultMessage({
        id: 'm-1',
        conversationId: 'c1',
        consultantId: 'agent-2',
        clientMessageId: 'k1',
        author: amelie,
        text: 'Is two days soon enough?',
      });
      expect(first.created).toBe(true);
      expect(first.message).toMatchObject({ id: 'm-1', author: amelie });
      const again = await store.appendConsultMessage({
        id: 'm-other',
        conversationId: 'c1',
        consultantId: 'agent-2',
        clientMessageId: 'k1',
        author: amelie,
        text: 'Is two days soon enough?',
      });
      expect(again).toEqual({ message: first.message, created: false });
      await store.appendConsultMessage({
        id: 'm-2',
        conversationId: 'c1',
        consultantId: 'agent-2',
        clientMessageId: 'k2',
        author: bruno,
        text: 'Yes, two days is fine.',
      });
      await store.appendConsultMessage({
        id: 'm-3',
        conversationId: 'c1',
        consultantId: 'agent-3',
        clientMessageId: 'k1',
        author: amelie,
        text: 'Another colleague',
      });
      expect((await store.listConsultMessages('c1', 'agent-2')).map((m) => m.text)).toEqual([
        'Is two days soon enough?',
        'Yes, two days is fine.',
      ]);
      expect((await store.listConsultMessages('c1')).map((m) => m.id)).toEqual([
        'm-1',
        'm-2',
        'm-3',
      ]);
      const missing = await rejectionOf(
        store.appendConsultMessage({
          id: 'x',
          conversationId: 'nope',
          consultantId: 'agent-2',
          clientMessageId: 'k',
          author: amelie,
          text: 't',
        }),
      );
      expect(HandoffServerError.is(missing, 'not_found')).toBe(true);
    });

    it('goes with its conversation (retention purge)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'old', patientId: 'p1', state: 'queued' });
      await store.appendConsultMessage({
        id: 'm-1',
        conversationId: 'old',
        consultantId: 'agent-2',
        clientMessageId: 'k1',
        author: amelie,
        text: 'question',
      });
      await store.updateState('old', { expected: 'queued', next: 'abandoned' });
      await store.purgeFinishedBefore(new Date(Date.now() + 60_000));
      expect(await store.listConsultMessages('old')).toEqual([]);
    });
  });
}
