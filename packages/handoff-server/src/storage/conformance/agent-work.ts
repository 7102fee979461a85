import { describe, expect, it } from 'vitest';
import type { NewStaffSession } from '../staff-sessions';
import { nextMillisecond, rejectionOf, type SuiteContext } from './fixture';

const session = (id: string, staffId = 'agent-1'): NewStaffSession => ({
  id,
  staffId,
  displayName: 'Amelie',
  roles: ['agent', 'supervisor'],
  clinical: true,
  queues: ['general', 'billing'],
});

/** The grace requeue (front of the queue, priority kept) and staff sessions. */
export function agentWorkSuite(ctx: SuiteContext): void {
  describe('agent work: grace requeue', () => {
    it('puts a conversation back at the front of its queue, ahead of older ones of its priority', async () => {
      const store = ctx.store();
      await ctx.queued('held');
      await nextMillisecond();
      expect(
        (
          await store.updateState('held', {
            expected: 'queued',
            next: 'assigned',
            assignedAgentId: 'agent-1',
          })
        ).ok,
      ).toBe(true);
      for (const id of ['w1', 'w2']) {
        await ctx.queued(id);
        await nextMillisecond();
      }
      await store.createConversation({ id: 'e1', patientId: 'p-e1', state: 'handoff_requested' });
      await store.enqueue('e1', { queue: 'general', priority: 'emergency' });
      await nextMillisecond();
      const change = await store.requeueAtFront('held', 'agent-1');
      expect(change).toMatchObject({
        ok: true,
        conversation: { state: 'queued', queue: 'general', assignedAgentId: null },
      });
      // Priority kept: the emergency stays first; among routines the returned one leads.
      expect((await store.listQueue('general')).map((e) => e.conversationId)).toEqual([
        'e1',
        'held',
        'w1',
        'w2',
      ]);
      expect(await store.getConversation('held')).toMatchObject({ priority: 'routine' });
    });

    it('refuses when someone else holds it or it is no longer assigned; nothing changes', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      expect(await store.requeueAtFront('c1', 'agent-1')).toMatchObject({
        ok: false,
        reason: 'state_mismatch',
      });
      await store.updateState('c1', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-2',
      });
      expect(await store.requeueAtFront('c1', 'agent-1')).toMatchObject({
        ok: false,
        reason: 'not_assignee',
      });
      expect(await store.getConversation('c1')).toMatchObject({
        state: 'assigned',
        assignedAgentId: 'agent-2',
      });
      expect(await store.listQueue('general')).toEqual([]);
      expect(await store.requeueAtFront('missing', 'agent-1')).toMatchObject({
        ok: false,
        reason: 'not_found',
      });
    });
  });

  describe('agent work: staff sessions', () => {
    it('creates, reads, touches and ends a session', async () => {
      const store = ctx.store();
      const created = await store.createStaffSession(session('s1'));
      expect(created).toMatchObject({ ...session('s1'), endedAt: null });
      expect(created.lastActiveAt).toBe(created.createdAt);
      expect(await store.getStaffSession('s1')).toEqual(created);
      await nextMillisecond();
      const touched = await store.touchStaffSession('s1');
      expect(Date.parse(touched?.lastActiveAt ?? '')).toBeGreaterThan(
        Date.parse(created.lastActiveAt),
      );
      const ended = await store.endStaffSession('s1');
      expect(ended?.endedAt).toEqual(expect.any(String));
      await nextMillisecond();
      expect((await store.endStaffSession('s1'))?.endedAt).toBe(ended?.endedAt);
      expect(await store.touchStaffSession('s1')).toBeNull();
      expect(await store.getStaffSession('missing')).toBeNull();
      expect(await store.endStaffSession('missing')).toBeNull();
    });

    it('refuses a duplicate id with conflict, the first one untouched', async () => {
      const store = ctx.store();
      await store.createStaffSession(session('s1'));
      expect(await rejectionOf(store.createStaffSession(session('s1', 'agent-9')))).toMatchObject({
        code: 'conflict',
      });
      expect(await store.getStaffSession('s1')).toMatchObject({ staffId: 'agent-1' });
    });

    it('ends every open session of one person, and only hers', async () => {
      const store = ctx.store();
      await store.createStaffSession(session('a1'));
      await store.createStaffSession(session('a2'));
      await store.createStaffSession(session('b1', 'agent-2'));
      await store.endStaffSession('a2');
      expect(await store.endStaffSessionsOf('agent-1')).toBe(1);
      expect((await store.getStaffSession('a1'))?.endedAt).not.toBeNull();
      expect((await store.getStaffSession('b1'))?.endedAt).toBeNull();
      expect(await store.endStaffSessionsOf('agent-1')).toBe(0);
    });
  });
}
