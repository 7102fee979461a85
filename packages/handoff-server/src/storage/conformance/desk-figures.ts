import { describe, expect, it } from 'vitest';
import { nextMillisecond, type SuiteContext } from './fixture';

/** Queue positions and dashboard counts, the same in every backend. */
export function deskFigureSuite(ctx: SuiteContext): void {
  describe('desk figures', () => {
    it('gives a queued conversation its position and whether it is last, in queue order', async () => {
      const store = ctx.store();
      for (const [id, priority] of [
        ['r1', 'routine'],
        ['u1', 'urgent'],
        ['r2', 'routine'],
        ['e1', 'emergency'],
      ] as const) {
        await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
        await store.enqueue(id, { queue: 'general', priority });
        await nextMillisecond();
      }
      await ctx.queued('b1', 'billing');
      const order = await store.listQueue('general');
      for (const [index, entry] of order.entries())
        expect(await store.queuePosition(entry.conversationId)).toEqual({
          ...entry,
          position: index + 1,
          last: index === 3,
        });
      expect(await store.queuePosition('b1')).toMatchObject({
        conversationId: 'b1',
        queue: 'billing',
        position: 1,
        last: true,
      });
      expect(await store.queuePosition('nobody')).toBeNull();
      expect(await store.queuedQueueNames()).toEqual(['billing', 'general']);
      expect(await store.countQueuedAhead('general', 'routine')).toBe(4);
      expect(await store.countQueuedAhead('general', 'urgent')).toBe(2);
      expect(await store.countQueuedAhead('general', 'emergency')).toBe(1);
      expect(await store.countQueuedAhead('empty', 'routine')).toBe(0);
      await store.updateState('e1', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-1',
      });
      expect(await store.queuePosition('e1')).toBeNull();
      expect(await store.queuePosition('u1')).toMatchObject({ position: 1, last: false });
    });

    it('counts live conversations per state and those finished since a time', async () => {
      const store = ctx.store();
      const empty = await store.deskCounts(new Date(0).toISOString());
      expect(empty).toEqual({
        bot: 0,
        handoffRequested: 0,
        queued: 0,
        assigned: 0,
        endedSince: 0,
        abandonedSince: 0,
        oldestQueuedAt: null,
      });
      await store.createConversation({ id: 'b', patientId: 'p-b' });
      await store.createConversation({ id: 'h', patientId: 'p-h', state: 'handoff_requested' });
      await ctx.queued('q1');
      const firstEntry = (await store.listQueue('general'))[0]!.enqueuedAt;
      await ctx.queued('q2');
      await ctx.queued('a');
      await store.updateState('a', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-1',
      });
      await ctx.queued('old');
      await store.updateState('old', { expected: 'queued', next: 'abandoned' });
      await nextMillisecond();
      const since = new Date().toISOString();
      await nextMillisecond();
      await ctx.queued('gone');
      await store.updateState('gone', { expected: 'queued', next: 'abandoned' });
      await store.createConversation({ id: 'done', patientId: 'p-done' });
      await store.updateState('done', { expected: 'bot', next: 'ended' });
      expect(await store.deskCounts(since)).toEqual({
        bot: 1,
        handoffRequested: 1,
        queued: 2,
        assigned: 1,
        endedSince: 1,
        abandonedSince: 1,
        oldestQueuedAt: firstEntry,
      });
    });
  });
}
