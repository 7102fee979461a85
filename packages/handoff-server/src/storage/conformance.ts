import type { Transcript } from '@baton/handoff-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from './contract';

export interface StoreFixture {
  store: ConversationStore;
  cleanup: () => Promise<void>;
}

const transcript: Transcript = {
  entries: [
    { id: 'a1', from: 'patient', at: '2026-01-01T10:00:00.000Z', text: 'I have a question' },
    { id: 'a2', from: 'bot', at: '2026-01-01T10:00:01.000Z', text: 'Let me get a person' },
  ],
  truncated: { omittedEntries: 3, reason: 'entries' },
};

const system = { actorId: 'ops-1', actorRole: 'admin' } as const;

/**
 * The behaviour every `ConversationStore` must have. Run it against your backend:
 * `testConversationStore('my store', async () => ({ store, cleanup }))`.
 */
export function testConversationStore(
  name: string,
  createStore: () => Promise<StoreFixture>,
): void {
  describe(`ConversationStore conformance: ${name}`, () => {
    let fixture: StoreFixture;
    let store: ConversationStore;

    beforeEach(async () => {
      fixture = await createStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const queued = async (id: string, queue = 'general', patientId = `p-${id}`) => {
      await store.createConversation({ id, patientId, state: 'handoff_requested' });
      const change = await store.enqueue(id, { queue, priority: 'routine' });
      expect(change.ok).toBe(true);
    };

    describe('conversations', () => {
      it('creates a conversation bound to its patient and reads it back', async () => {
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
        await store.createConversation({ id: 'c1', patientId: 'p1' });
        const error = await store
          .createConversation({ id: 'c1', patientId: 'p2' })
          .catch((e: unknown) => e);
        expect(HandoffServerError.is(error, 'conflict')).toBe(true);
        expect((await store.getConversation('c1'))?.patientId).toBe('p1');
      });

      it('updates state only when the expected state matches (compare-and-set)', async () => {
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
        await store.createConversation({ id: 'c1', patientId: 'p1', state: 'assigned' });
        const results = await Promise.all(
          (['ended', 'abandoned', 'expired', 'failed', 'returned_to_bot'] as const).map((next) =>
            store.updateState('c1', { expected: 'assigned', next }),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
      });

      it('stamps endedAt on entering a finished state and clears it on leaving', async () => {
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
        await store.createConversation({ id: 'c1', patientId: 'p1' });
        await store.createConversation({ id: 'c2', patientId: 'p2', state: 'handoff_requested' });
        await queued('c3');
        await store.claimConversation('c3', 'agent-1');
        expect(
          (await store.listConversations({ states: ['bot', 'handoff_requested'] }))
            .map((c) => c.id)
            .sort(),
        ).toEqual(['c1', 'c2']);
        expect((await store.listConversations({ patientId: 'p2' })).map((c) => c.id)).toEqual([
          'c2',
        ]);
        expect(
          (await store.listConversations({ assignedAgentId: 'agent-1' })).map((c) => c.id),
        ).toEqual(['c3']);
        expect(await store.listConversations({ states: [] })).toEqual([]);
        expect(await store.listConversations()).toHaveLength(3);
      });
    });

    describe('messages', () => {
      it('assigns seq 1, 2, 3 … per conversation and lists in seq order', async () => {
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
        expect(
          (await store.listMessages('c1', { afterSeq: 2, limit: 2 })).map((m) => m.seq),
        ).toEqual([3, 4]);
        expect(await store.listMessages('c1', { afterSeq: 5 })).toEqual([]);
      });

      it('returns the stored record for a repeated clientMessageId (same seq, no new message)', async () => {
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
      });

      it('gives concurrent appends distinct, gapless seqs and de-duplicates concurrent retries', async () => {
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

      it('refuses a message for a conversation that does not exist', async () => {
        const error = await store
          .appendMessage('nope', {
            clientMessageId: 'm1',
            from: 'patient',
            senderId: 'p1',
            body: 'x',
          })
          .catch((e: unknown) => e);
        expect(HandoffServerError.is(error, 'not_found')).toBe(true);
      });
    });

    describe('transcripts', () => {
      it('saves, replaces and reads a transcript with its truncation marker', async () => {
        await store.createConversation({ id: 'c1', patientId: 'p1' });
        expect(await store.getTranscript('c1')).toBeNull();
        await store.saveTranscript('c1', transcript);
        expect(await store.getTranscript('c1')).toEqual(transcript);
        const shorter: Transcript = { entries: transcript.entries.slice(0, 1) };
        await store.saveTranscript('c1', shorter);
        expect(await store.getTranscript('c1')).toEqual(shorter);
      });
    });

    describe('queues and claims', () => {
      it('orders a queue by priority, then age', async () => {
        for (const [id, priority] of [
          ['r1', 'routine'],
          ['u1', 'urgent'],
          ['e1', 'emergency'],
          ['r2', 'routine'],
        ] as const) {
          await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
          await store.enqueue(id, { queue: 'general', priority });
          await new Promise((r) => setTimeout(r, 2));
        }
        await queued('other', 'billing');
        expect((await store.listQueue('general')).map((e) => e.conversationId)).toEqual([
          'e1',
          'u1',
          'r1',
          'r2',
        ]);
        expect((await store.listQueue('billing')).map((e) => e.conversationId)).toEqual(['other']);
      });

      it('enqueues only from the expected states', async () => {
        await store.createConversation({ id: 'c1', patientId: 'p1' });
        expect(await store.enqueue('c1', { queue: 'general', priority: 'routine' })).toMatchObject({
          ok: false,
          reason: 'state_mismatch',
        });
        expect(await store.listQueue('general')).toEqual([]);
        expect(
          (await store.enqueue('c1', { queue: 'general', priority: 'routine', expected: ['bot'] }))
            .ok,
        ).toBe(true);
        expect(await store.getConversation('c1')).toMatchObject({
          state: 'queued',
          queue: 'general',
        });
      });

      it('claims a queued conversation and takes it off the queue', async () => {
        await queued('c1');
        const claim = await store.claimConversation('c1', 'agent-1');
        expect(claim.ok && claim.conversation).toMatchObject({
          state: 'assigned',
          assignedAgentId: 'agent-1',
        });
        expect(await store.listQueue('general')).toEqual([]);
        expect(await store.claimConversation('c1', 'agent-2')).toMatchObject({
          ok: false,
          reason: 'state_mismatch',
          current: { assignedAgentId: 'agent-1' },
        });
        expect(await store.claimConversation('nope', 'agent-2')).toMatchObject({
          ok: false,
          reason: 'not_found',
        });
      });

      it('of many concurrent claims exactly one wins', async () => {
        await queued('c1');
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => store.claimConversation('c1', `agent-${i}`)),
        );
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const winner = winners[0]!.ok ? winners[0]!.conversation.assignedAgentId : null;
        expect((await store.getConversation('c1'))?.assignedAgentId).toBe(winner);
      });

      it('leaving the queued state removes the queue entry', async () => {
        await queued('c1');
        await store.updateState('c1', { expected: 'queued', next: 'abandoned' });
        expect(await store.listQueue('general')).toEqual([]);
      });

      it('transfers from the assignee to another agent or back to a queue', async () => {
        await queued('c1');
        await store.claimConversation('c1', 'agent-1');
        expect(
          await store.transferConversation('c1', 'agent-9', { agentId: 'agent-2' }),
        ).toMatchObject({ ok: false, reason: 'not_assignee' });
        const toAgent = await store.transferConversation('c1', 'agent-1', { agentId: 'agent-2' });
        expect(toAgent.ok && toAgent.conversation).toMatchObject({
          state: 'assigned',
          assignedAgentId: 'agent-2',
        });
        const toQueue = await store.transferConversation('c1', 'agent-2', { queue: 'billing' });
        expect(toQueue.ok && toQueue.conversation).toMatchObject({
          state: 'queued',
          queue: 'billing',
          assignedAgentId: null,
        });
        expect((await store.listQueue('billing')).map((e) => e.conversationId)).toEqual(['c1']);
        expect(
          await store.transferConversation('c1', 'agent-2', { agentId: 'agent-3' }),
        ).toMatchObject({ ok: false, reason: 'state_mismatch' });
      });
    });

    describe('agents', () => {
      it('upserts agents, tracks presence and counts active conversations', async () => {
        const created = await store.upsertAgent({
          id: 'a1',
          displayName: 'Ada',
          queues: ['general'],
          capacity: 3,
        });
        expect(created).toMatchObject({ presence: 'offline', activeCount: 0, queues: ['general'] });
        await store.upsertAgent({ id: 'a2', displayName: 'Bo', queues: ['billing'], capacity: 1 });
        expect((await store.setAgentPresence('a1', 'online'))?.presence).toBe('online');
        expect(await store.setAgentPresence('ghost', 'online')).toBeNull();
        const updated = await store.upsertAgent({
          id: 'a1',
          displayName: 'Ada L.',
          queues: ['general', 'billing'],
          capacity: 4,
        });
        expect(updated).toMatchObject({ displayName: 'Ada L.', presence: 'online', capacity: 4 });
        await queued('c1');
        await queued('c2');
        await store.claimConversation('c1', 'a1');
        await store.claimConversation('c2', 'a1');
        await store.updateState('c2', { expected: 'assigned', next: 'ended' });
        expect((await store.getAgent('a1'))?.activeCount).toBe(1);
        expect((await store.listAgents({ queue: 'billing' })).map((a) => a.id)).toEqual([
          'a1',
          'a2',
        ]);
        expect((await store.listAgents({ presence: 'online' })).map((a) => a.id)).toEqual(['a1']);
        expect(await store.getAgent('ghost')).toBeNull();
      });
    });

    describe('agent scripts', () => {
      it('creates, lists by queue, updates and deletes scripts', async () => {
        await store.createScript({ id: 's1', title: 'Greeting', body: 'Hello, I am {agent}.' });
        await store.createScript({
          id: 's2',
          title: 'Billing hours',
          body: 'Open 9-5.',
          queue: 'billing',
        });
        expect(
          HandoffServerError.is(
            await store.createScript({ id: 's1', title: 'x', body: 'y' }).catch((e: unknown) => e),
            'conflict',
          ),
        ).toBe(true);
        expect((await store.listScripts({ queue: 'general' })).map((s) => s.id)).toEqual(['s1']);
        expect((await store.listScripts({ queue: 'billing' })).map((s) => s.id)).toEqual([
          's2',
          's1',
        ]);
        expect(await store.listScripts()).toHaveLength(2);
        const updated = await store.updateScript('s2', { queue: null, body: 'Open 8-6.' });
        expect(updated).toMatchObject({ title: 'Billing hours', body: 'Open 8-6.', queue: null });
        expect(await store.updateScript('nope', { title: 'x' })).toBeNull();
        expect(await store.deleteScript('s1')).toBe(true);
        expect(await store.deleteScript('s1')).toBe(false);
        expect(await store.getScript('s1')).toBeNull();
      });
    });

    describe('surveys', () => {
      it('stores surveys and one response per conversation', async () => {
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
        expect((await store.listBookings({ patientId: 'p1' })).map((b) => b.slotId)).toEqual([
          's1',
        ]);
        expect(
          HandoffServerError.is(
            await store.addSlots([slots[0]!]).catch((e: unknown) => e),
            'conflict',
          ),
        ).toBe(true);
      });

      it('of concurrent bookings of one slot exactly one wins', async () => {
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
    });

    describe('audit log', () => {
      it('appends records with ids and queries by conversation, actor and time', async () => {
        const first = await store.appendAudit({
          action: 'transcript.view',
          outcome: 'allowed',
          actorId: 'a1',
          actorRole: 'agent',
          conversationId: 'c1',
          patientId: 'p1',
          at: '2026-01-01T10:00:00.000Z',
        });
        await store.appendAudit({
          action: 'conversation.claim',
          outcome: 'denied',
          actorId: 'a2',
          actorRole: 'agent',
          conversationId: 'c1',
          reason: 'not_in_queue',
          at: '2026-01-02T10:00:00.000Z',
        });
        await store.appendAudit({
          action: 'config.update',
          outcome: 'allowed',
          actorId: 'admin',
          actorRole: 'admin',
          at: '2026-01-03T10:00:00.000Z',
        });
        expect(first).toEqual({
          id: expect.any(Number),
          action: 'transcript.view',
          outcome: 'allowed',
          actorId: 'a1',
          actorRole: 'agent',
          conversationId: 'c1',
          patientId: 'p1',
          targetId: null,
          reason: null,
          at: '2026-01-01T10:00:00.000Z',
        });
        expect((await store.queryAudit({ conversationId: 'c1' })).map((r) => r.actorId)).toEqual([
          'a1',
          'a2',
        ]);
        expect((await store.queryAudit({ actorId: 'a2' }))[0]).toMatchObject({
          outcome: 'denied',
          reason: 'not_in_queue',
        });
        expect(
          (
            await store.queryAudit({
              from: '2026-01-02T00:00:00.000Z',
              to: '2026-01-03T10:00:00.000Z',
            })
          ).map((r) => r.action),
        ).toEqual(['conversation.claim', 'config.update']);
        expect(await store.queryAudit({ limit: 1 })).toHaveLength(1);
      });

      it('has no update or delete API', () => {
        const methods = Object.keys(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(store)));
        expect(
          methods.filter(
            (m) => /audit/i.test(m) && !/^(appendAudit|queryAudit)$/.test(m) && !m.startsWith('#'),
          ),
        ).toEqual([]);
      });
    });

    describe('retention and deletion', () => {
      it('purges conversations finished before the cutoff and keeps an audit stub', async () => {
        await queued('old');
        await store.appendMessage('old', {
          clientMessageId: 'm1',
          from: 'patient',
          senderId: 'p-old',
          body: 'x',
        });
        await store.saveTranscript('old', transcript);
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
        await store.saveSurvey({ id: 'csat', title: 't', questions: [] });
        await store.addSlots([
          { id: 's1', startsAt: '2026-03-02T09:00:00.000Z', endsAt: '2026-03-02T09:30:00.000Z' },
        ]);
        for (const [id, patientId] of [
          ['c1', 'p1'],
          ['c2', 'p1'],
          ['c3', 'p2'],
        ] as const) {
          await store.createConversation({ id, patientId });
          await store.appendMessage(id, {
            clientMessageId: 'm1',
            from: 'patient',
            senderId: patientId,
            body: 'hello',
          });
          await store.saveTranscript(id, transcript);
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
        expect(await store.getTranscript('c3')).toEqual(transcript);
        const stub = await store.queryAudit({ patientId: 'p1' });
        expect(stub.map((r) => r.action)).toEqual(['transcript.view', 'patient.delete']);
        expect(stub[1]).toMatchObject({
          actorId: 'ops-1',
          actorRole: 'admin',
          conversationId: null,
        });
      });
    });
  });
}
