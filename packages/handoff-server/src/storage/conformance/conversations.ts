import type { Transcript } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import { type SuiteContext, sampleTranscript } from './fixture';

/** Conversations (compare-and-set), messages (seq, de-duplication) and transcripts. */
export function conversationSuite(ctx: SuiteContext): void {
  describe('conversations', () => {
    it('creates a conversation bound to its patient and reads it back', async () => {
      const store = ctx.store();
      const created = await store.createConversation({ id: 'c1', patientId: 'p1' });
      expect(created).toMatchObject({
        id: 'c1',
        patientId: 'p1',
        state: 'bot',
        queue: null,
        priority: 'routine',
        assignedAgentId: null,
        endedAt: null,
        version: 1,
      });
      expect(await store.getConversation('c1')).toEqual(created);
      expect(await store.getConversation('missing')).toBeNull();
    });

    it('rejects a second conversation with the same id', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const error = await store
        .createConversation({ id: 'c1', patientId: 'p2' })
        .catch((e: unknown) => e);
      expect(HandoffServerError.is(error, 'conflict')).toBe(true);
      expect((await store.getConversation('c1'))?.patientId).toBe('p1');
    });

    it('updates state only when the expected state matches (compare-and-set)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const moved = await store.updateState('c1', {
        expected: 'bot',
        next: 'handoff_requested',
        priority: 'urgent',
      });
      expect(moved.ok && moved.conversation).toMatchObject({
        state: 'handoff_requested',
        priority: 'urgent',
        version: 2,
      });
      const stale = await store.updateState('c1', { expected: 'bot', next: 'ended' });
      expect(stale).toMatchObject({
        ok: false,
        reason: 'state_mismatch',
        current: { state: 'handoff_requested' },
      });
      expect(await store.updateState('nope', { expected: 'bot', next: 'ended' })).toEqual({
        ok: false,
        reason: 'not_found',
        current: null,
      });
    });

    it('of concurrent compare-and-sets from the same state, exactly one applies', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1', state: 'assigned' });
      const results = await Promise.all(
        (['ended', 'abandoned', 'expired', 'failed', 'returned_to_bot'] as const).map((next) =>
          store.updateState('c1', { expected: 'assigned', next }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    it('stamps endedAt on entering a finished state and clears it on leaving', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1', state: 'assigned' });
      const ended = await store.updateState('c1', {
        expected: ['assigned'],
        next: 'returned_to_bot',
      });
      expect(ended.ok && ended.conversation.endedAt).toEqual(expect.any(String));
      const again = await store.updateState('c1', {
        expected: ['returned_to_bot'],
        next: 'handoff_requested',
      });
      expect(again.ok && again.conversation.endedAt).toBeNull();
    });

    it('lists conversations by state, patient and assignee', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createConversation({ id: 'c2', patientId: 'p2', state: 'handoff_requested' });
      await ctx.queued('c3');
      await store.updateState('c3', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-1',
      });
      expect(
        (await store.listConversations({ states: ['bot', 'handoff_requested'] }))
          .map((c) => c.id)
          .sort(),
      ).toEqual(['c1', 'c2']);
      expect((await store.listConversations({ patientId: 'p2' })).map((c) => c.id)).toEqual(['c2']);
      expect(
        (await store.listConversations({ assignedAgentId: 'agent-1' })).map((c) => c.id),
      ).toEqual(['c3']);
      expect(await store.listConversations({ states: [] })).toEqual([]);
      expect(await store.listConversations()).toHaveLength(3);
    });
  });

  describe('messages', () => {
    it('assigns seq 1, 2, 3 … per conversation and lists in seq order', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createConversation({ id: 'c2', patientId: 'p2' });
      for (let i = 1; i <= 5; i += 1) {
        const { message, duplicate } = await store.appendMessage('c1', {
          clientMessageId: `m${i}`,
          from: 'patient',
          senderId: 'p1',
          body: `hello ${i}`,
        });
        expect(duplicate).toBe(false);
        expect(message.seq).toBe(i);
      }
      const other = await store.appendMessage('c2', {
        clientMessageId: 'm1',
        from: 'agent',
        senderId: 'a1',
        body: 'hi',
        kind: 'note',
      });
      expect(other.message).toMatchObject({ seq: 1, kind: 'note', from: 'agent' });
      const all = await store.listMessages('c1');
      expect(all.map((m) => [m.seq, m.body])).toEqual(
        [1, 2, 3, 4, 5].map((i) => [i, `hello ${i}`]),
      );
      expect((await store.listMessages('c1', { afterSeq: 2, limit: 2 })).map((m) => m.seq)).toEqual(
        [3, 4],
      );
      expect(await store.listMessages('c1', { afterSeq: 5 })).toEqual([]);
    });

    it('returns the stored record for a repeated clientMessageId (same seq, no new message)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const first = await store.appendMessage('c1', {
        clientMessageId: 'm1',
        from: 'patient',
        senderId: 'p1',
        body: 'once',
      });
      await store.appendMessage('c1', {
        clientMessageId: 'm2',
        from: 'patient',
        senderId: 'p1',
        body: 'twice',
      });
      const again = await store.appendMessage('c1', {
        clientMessageId: 'm1',
        from: 'patient',
        senderId: 'p1',
        body: 'changed on retry',
      });
      expect(again.duplicate).toBe(true);
      expect(again.message).toEqual(first.message);
      expect(await store.listMessages('c1')).toHaveLength(2);
      // The retry took no seq: the next message follows without a gap.
      const next = await store.appendMessage('c1', {
        clientMessageId: 'm3',
        from: 'patient',
        senderId: 'p1',
        body: 'thrice',
      });
      expect(next.message.seq).toBe(3);
    });

    it('gives concurrent appends distinct, gapless seqs and de-duplicates concurrent retries', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const sends = Array.from({ length: 40 }, (_, i) =>
        store.appendMessage('c1', {
          clientMessageId: `m${i % 20}`,
          from: 'patient',
          senderId: 'p1',
          body: `text ${i % 20}`,
        }),
      );
      const results = await Promise.all(sends);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(20);
      const listed = await store.listMessages('c1');
      expect(listed.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(listed.map((m) => m.clientMessageId)).size).toBe(20);
      for (const r of results) {
        expect(listed.find((m) => m.clientMessageId === r.message.clientMessageId)?.seq).toBe(
          r.message.seq,
        );
      }
    });
  });

  describe('transcripts', () => {
    it('saves a transcript with its handoff request, replaces it on a new request, reads it with its truncation marker', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1', state: 'returned_to_bot' });
      expect(await store.getTranscript('c1')).toBeNull();
      const request = (clientMessageId: string, transcript: Transcript) =>
        store.createHandoff({
          conversationId: 'c1',
          patientId: 'p1',
          priority: 'routine',
          transcript,
          entry: { clientMessageId, from: 'patient', senderId: 'p1', body: '{}' },
          reopenFrom: ['returned_to_bot'],
        });
      await request('h1', sampleTranscript);
      expect(await store.getTranscript('c1')).toEqual(sampleTranscript);
      await store.updateState('c1', { expected: 'handoff_requested', next: 'returned_to_bot' });
      const shorter: Transcript = { entries: sampleTranscript.entries.slice(0, 1) };
      await request('h2', shorter);
      expect(await store.getTranscript('c1')).toEqual(shorter);
    });
  });
}
