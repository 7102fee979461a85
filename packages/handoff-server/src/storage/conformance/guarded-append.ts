import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../records';
import type { SuiteContext } from './fixture';

const entry = (clientMessageId: string, body = 'hello') => ({
  clientMessageId,
  from: 'patient' as const,
  senderId: 'p1',
  body,
});

/** `appendIfAllowed`: the check sees the stored conversation; a refusal writes nothing. */
export function guardedAppendSuite(ctx: SuiteContext): void {
  describe('appendIfAllowed', () => {
    it('appends when allowed, with the conversation the check saw', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.updateState('c1', { expected: 'bot', next: 'handoff_requested' });
      const seen: ConversationRecord[] = [];
      const outcome = await store.appendIfAllowed('c1', entry('m1'), (conversation) => {
        seen.push(conversation);
        return conversation.patientId === 'p1';
      });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id: 'c1', patientId: 'p1', state: 'handoff_requested' });
      expect(outcome).toMatchObject({
        ok: true,
        conversation: { id: 'c1', state: 'handoff_requested' },
        appended: { duplicate: false, message: { seq: 1, body: 'hello' } },
      });
      // A repeated client id: the stored record, as with appendMessage.
      const again = await store.appendIfAllowed('c1', entry('m1', 'other'), () => true);
      expect(again).toMatchObject({ ok: true, appended: { duplicate: true, message: { seq: 1 } } });
    });

    it('writes nothing when refused, and takes no seq', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const refused = await store.appendIfAllowed('c1', entry('m1'), () => false);
      expect(refused).toMatchObject({ ok: false, conversation: { id: 'c1', patientId: 'p1' } });
      expect(await store.listMessages('c1')).toEqual([]);
      const next = await store.appendMessage('c1', entry('m2'));
      expect(next.message.seq).toBe(1);
    });

    it('answers a missing conversation with no conversation and no check', async () => {
      const store = ctx.store();
      let asked = 0;
      const outcome = await store.appendIfAllowed('nope', entry('m1'), () => {
        asked += 1;
        return true;
      });
      expect(outcome).toEqual({ ok: false, conversation: null });
      expect(asked).toBe(0);
    });
  });
}
