import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

/** Queue order, enqueue from expected states, exactly-one-wins claims, transfers. */
export function queueSuite(ctx: SuiteContext): void {
  describe('queues and claims', () => {
    it('orders a queue by priority, then age', async () => {
      const store = ctx.store();
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
      await ctx.queued('other', 'billing');
      expect((await store.listQueue('general')).map((e) => e.conversationId)).toEqual([
        'e1',
        'u1',
        'r1',
        'r2',
      ]);
      expect((await store.listQueue('billing')).map((e) => e.conversationId)).toEqual(['other']);
    });

    it('enqueues only from the expected states', async () => {
      const store = ctx.store();
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
      const store = ctx.store();
      await ctx.queued('c1');
      const claim = await store.updateState('c1', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-1',
      });
      expect(claim.ok && claim.conversation).toMatchObject({
        state: 'assigned',
        assignedAgentId: 'agent-1',
      });
      expect(await store.listQueue('general')).toEqual([]);
      expect(
        await store.updateState('c1', {
          expected: 'queued',
          next: 'assigned',
          assignedAgentId: 'agent-2',
        }),
      ).toMatchObject({
        ok: false,
        reason: 'state_mismatch',
        current: { assignedAgentId: 'agent-1' },
      });
      expect(
        await store.updateState('nope', {
          expected: 'queued',
          next: 'assigned',
          assignedAgentId: 'agent-2',
        }),
      ).toMatchObject({
        ok: false,
        reason: 'not_found',
      });
    });

    it('of many concurrent claims exactly one wins', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.updateState('c1', {
            expected: 'queued',
            next: 'assigned',
            assignedAgentId: `agent-${i}`,
          }),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.ok ? winners[0]!.conversation.assignedAgentId : null;
      expect((await store.getConversation('c1'))?.assignedAgentId).toBe(winner);
    });

    it('leaving the queued state removes the queue entry', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.updateState('c1', { expected: 'queued', next: 'abandoned' });
      expect(await store.listQueue('general')).toEqual([]);
    });

    it('transfers from the assignee to another agent or back to a queue', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.updateState('c1', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-1',
      });
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
}
