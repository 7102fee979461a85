import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import type { NewHandoff } from '../durability';
import { nextMillisecond, rejectionOf, type SuiteContext, sampleTranscript } from './fixture';

function handoff(id: string, clientMessageId = 'h1', patientId = 'p1'): NewHandoff {
  return {
    conversationId: id,
    patientId,
    priority: 'urgent',
    transcript: sampleTranscript,
    entry: { clientMessageId, from: 'patient', senderId: patientId, body: '{"request":1}' },
    reopenFrom: ['returned_to_bot'],
  };
}

const at = (offsetMs: number) => new Date(Date.UTC(2030, 0, 1) + offsetMs).toISOString();

/** Handoff requests in one transaction, patient activity, durable schedules and their claims. */
export function durabilitySuite(ctx: SuiteContext): void {
  describe('handoff commits', () => {
    it('creates conversation, transcript and request entry together; a retry returns the original', async () => {
      const store = ctx.store();
      const first = await store.createHandoff(handoff('c1'));
      expect(first).toMatchObject({
        ok: true,
        duplicate: false,
        previous: null,
        conversation: { id: 'c1', patientId: 'p1', state: 'handoff_requested', priority: 'urgent' },
        message: { seq: 1, clientMessageId: 'h1', body: '{"request":1}' },
      });
      expect(await store.getTranscript('c1')).toEqual(sampleTranscript);
      const again = await store.createHandoff({ ...handoff('c1'), transcript: { entries: [] } });
      expect(again).toMatchObject({ ok: true, duplicate: true, message: { seq: 1 } });
      expect(await store.listMessages('c1')).toHaveLength(1);
      expect(await store.getTranscript('c1')).toEqual(sampleTranscript);
      expect(await store.lastActivity('c1')).not.toBeNull();
    });

    it('arms the deadlines it is given in the same transaction, not again on a retry', async () => {
      const store = ctx.store();
      const deadlines = [
        { kind: 'queue', dueAt: at(1000) },
        { kind: 'idle', dueAt: at(2000) },
      ];
      await store.createHandoff({ ...handoff('c1'), deadlines });
      expect(await store.getSchedule('queue', 'c1')).toMatchObject({ dueAt: at(1000), version: 1 });
      expect(await store.getSchedule('idle', 'c1')).toMatchObject({ dueAt: at(2000) });
      await store.createHandoff({ ...handoff('c1'), deadlines: [{ kind: 'queue', dueAt: at(9) }] });
      expect(await store.getSchedule('queue', 'c1')).toMatchObject({ dueAt: at(1000), version: 1 });
    });

    it('records the escalation it is given in the same transaction, not again on a retry', async () => {
      const store = ctx.store();
      const from = new Date(Date.now() - 60_000).toISOString();
      const requestedAt = new Date().toISOString();
      await store.createHandoff({ ...handoff('c1'), escalation: { kind: 'urgent', requestedAt } });
      await store.createHandoff(handoff('c2', 'h1', 'p2'));
      // A retry with another reason, said to be earlier: were it written, it would be the first.
      const retry = await store.createHandoff({
        ...handoff('c1'),
        escalation: { kind: 'bot-failure', requestedAt: from },
      });
      expect(retry).toMatchObject({ ok: true, duplicate: true });
      const to = new Date(Date.now() + 60_000).toISOString();
      const facts = await store.analyticsFacts({ from, to });
      const kinds = Object.fromEntries(facts.conversations.map((c) => [c.id, c.escalationKind]));
      expect(kinds).toEqual({ c1: 'urgent', c2: null });
    });

    it('reopens only from the allowed states; another patient is a conflict and changes nothing', async () => {
      const store = ctx.store();
      await store.createHandoff(handoff('c1'));
      expect(await store.createHandoff(handoff('c1', 'h2'))).toMatchObject({
        ok: false,
        reason: 'state_mismatch',
        current: { state: 'handoff_requested' },
      });
      const stolen = await rejectionOf(store.createHandoff(handoff('c1', 'h1', 'intruder')));
      expect(HandoffServerError.is(stolen, 'conflict')).toBe(true);
      await store.updateState('c1', { expected: 'handoff_requested', next: 'returned_to_bot' });
      const reopened = await store.createHandoff(handoff('c1', 'h3'));
      expect(reopened).toMatchObject({
        ok: true,
        duplicate: false,
        previous: { state: 'returned_to_bot' },
        conversation: { state: 'handoff_requested', endedAt: null },
        message: { seq: 2 },
      });
      expect((await store.listMessages('c1')).map((m) => m.clientMessageId)).toEqual(['h1', 'h3']);
    });

    it('a half-written conversation (no request entry) can be completed when allowed', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1', state: 'handoff_requested' });
      const done = await store.createHandoff({
        ...handoff('c1'),
        reopenFrom: ['handoff_requested'],
      });
      expect(done).toMatchObject({ ok: true, duplicate: false, message: { seq: 1 } });
      expect(await store.getTranscript('c1')).toEqual(sampleTranscript);
    });

    it('keeps the latest patient activity, never an older one', async () => {
      const store = ctx.store();
      await store.createHandoff(handoff('c1'));
      await store.touchActivity('c1', at(5000));
      await store.touchActivity('c1', at(1000));
      expect(await store.lastActivity('c1')).toBe(at(5000));
      await store.touchActivity('missing', at(0));
      expect(await store.lastActivity('missing')).toBeNull();
    });
  });

  describe('schedules', () => {
    it('arms, re-arms, reads and clears deadlines by key and kind', async () => {
      const store = ctx.store();
      await store.setSchedule('queue', 'c1', at(1000));
      await store.setSchedule('idle', 'c1', at(2000));
      expect(await store.ensureSchedule('idle', 'c1', at(9000))).toBe(false);
      expect(await store.ensureSchedule('idle', 'c2', at(9000))).toBe(true);
      expect(await store.getSchedule('idle', 'c1')).toMatchObject({ dueAt: at(2000), version: 1 });
      await store.setSchedule('idle', 'c1', at(3000));
      expect(await store.getSchedule('idle', 'c1')).toMatchObject({
        kind: 'idle',
        key: 'c1',
        dueAt: at(3000),
        version: 2,
        claimedBy: null,
      });
      expect(await store.clearSchedules('c1', ['queue'])).toBe(1);
      expect(await store.getSchedule('queue', 'c1')).toBeNull();
      expect(await store.clearSchedules('c1')).toBe(1);
      expect(await store.getSchedule('idle', 'c2')).not.toBeNull();
    });

    it('gives each due row to one claimer until its lease ends; completion respects re-arming', async () => {
      const store = ctx.store();
      await store.setSchedule('queue', 'c1', at(1000));
      await store.setSchedule('idle', 'c1', at(500));
      await store.setSchedule('queue', 'later', at(60_000));
      const claim = { now: at(2000), leaseMs: 10_000, limit: 10 };
      const [a, b] = await Promise.all([
        store.claimDueSchedules({ ...claim, owner: 'node-a' }),
        store.claimDueSchedules({ ...claim, owner: 'node-b' }),
      ]);
      const won = [...a, ...b];
      expect(won.map((r) => `${r.kind}:${r.key}`).sort()).toEqual(['idle:c1', 'queue:c1']);
      const mine = a.length > 0 ? a : b;
      expect(mine[0]).toMatchObject({ kind: 'idle', dueAt: at(500) });
      expect(await store.claimDueSchedules({ ...claim, owner: 'node-c', now: at(5000) })).toEqual(
        [],
      );
      const expired = await store.claimDueSchedules({ ...claim, owner: 'node-c', now: at(12_000) });
      expect(expired.map((r) => r.claimedBy)).toEqual(['node-c', 'node-c']);
      const queue = expired.find((r) => r.kind === 'queue')!;
      await store.setSchedule('queue', 'c1', at(20_000));
      expect(await store.completeSchedule(queue)).toBe(false);
      expect(await store.getSchedule('queue', 'c1')).toMatchObject({ version: 2, claimedBy: null });
      const idle = expired.find((r) => r.kind === 'idle')!;
      expect(await store.completeSchedule(idle)).toBe(true);
      expect(await store.getSchedule('idle', 'c1')).toBeNull();
      await nextMillisecond();
    });
  });
}
