import { describe, expect, it } from 'vitest';
import type { NewHandoff } from '../durability';
import { nextMillisecond, type SuiteContext, sampleTranscript } from './fixture';

function handoff(id: string, patientId: string, clientMessageId = 'h1'): NewHandoff {
  return {
    conversationId: id,
    patientId,
    priority: 'urgent',
    transcript: sampleTranscript,
    entry: { clientMessageId, from: 'patient', senderId: patientId, body: '{"request":1}' },
    reopenFrom: ['returned_to_bot'],
  };
}

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A handoff request and its queue entry in one transaction (the built-in desk's path). */
export function queuedHandoffSuite(ctx: SuiteContext): void {
  describe('handoff commits queued at once', () => {
    it('writes the request, its deadlines, its escalation and its queue entry together', async () => {
      const store = ctx.store();
      await store.createHandoff(handoff('before', 'p0'));
      await store.enqueue('before', { queue: 'general', priority: 'urgent' });
      await nextMillisecond();
      const requestedAt = new Date().toISOString();
      const commit = await store.createHandoff({
        ...handoff('c1', 'p1'),
        deadlines: [
          { kind: 'queue', dueAt: soon(60_000) },
          { kind: 'unstaffed', dueAt: soon(5_000) },
        ],
        escalation: { kind: 'urgent', requestedAt },
        enqueue: { queue: 'general' },
      });
      expect(commit).toMatchObject({
        ok: true,
        duplicate: false,
        previous: null,
        requested: { id: 'c1', state: 'handoff_requested', priority: 'urgent' },
        conversation: { id: 'c1', state: 'queued', queue: 'general', priority: 'urgent' },
        message: { seq: 1, clientMessageId: 'h1' },
      });
      expect(await store.getConversation('c1')).toMatchObject({
        state: 'queued',
        queue: 'general',
      });
      const entries = await store.listQueue('general');
      expect(entries.map((e) => e.conversationId)).toEqual(['before', 'c1']);
      expect(await store.queuePosition('c1')).toMatchObject({ position: 2, last: true });
      expect(await store.countQueuedAhead('general', 'urgent')).toBe(2);
      expect(await store.queuedQueueNames()).toEqual(['general']);
      expect(await store.getSchedule('unstaffed', 'c1')).not.toBeNull();
      expect(await store.getSchedule('queue', 'c1')).not.toBeNull();
      expect(await store.getTranscript('c1')).toEqual(sampleTranscript);
      const facts = await store.analyticsFacts({ from: soon(-60_000), to: soon(60_000) });
      expect(facts.conversations.find((c) => c.id === 'c1')?.escalationKind).toBe('urgent');
    });

    it('reopens a conversation returned to the bot straight into the queue', async () => {
      const store = ctx.store();
      await store.createHandoff(handoff('c1', 'p1'));
      const back = await store.updateState('c1', {
        expected: 'handoff_requested',
        next: 'returned_to_bot',
      });
      expect(back.ok).toBe(true);
      const commit = await store.createHandoff({
        ...handoff('c1', 'p1', 'h2'),
        enqueue: { queue: 'billing' },
      });
      expect(commit).toMatchObject({
        ok: true,
        previous: { state: 'returned_to_bot' },
        requested: { state: 'handoff_requested' },
        conversation: { state: 'queued', queue: 'billing' },
        message: { seq: 2 },
      });
      expect(await store.queuePosition('c1')).toMatchObject({ queue: 'billing', position: 1 });
    });

    it('changes nothing for a retry or a conversation that cannot be requested again', async () => {
      const store = ctx.store();
      await store.createHandoff(handoff('c1', 'p1'));
      const retry = await store.createHandoff({ ...handoff('c1', 'p1'), enqueue: { queue: 'x' } });
      expect(retry).toMatchObject({ ok: true, duplicate: true });
      expect(retry.ok && retry.requested).toBeFalsy();
      const refused = await store.createHandoff({
        ...handoff('c1', 'p1', 'h2'),
        enqueue: { queue: 'x' },
      });
      expect(refused).toMatchObject({ ok: false, reason: 'state_mismatch' });
      expect(await store.getConversation('c1')).toMatchObject({ state: 'handoff_requested' });
      expect(await store.listQueue('x')).toEqual([]);
      expect(await store.queuedQueueNames()).toEqual([]);
      expect(await store.listMessages('c1')).toHaveLength(1);
    });
  });
}
