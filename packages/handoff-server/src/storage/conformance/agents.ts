import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './fixture';

/** Agents (presence in the protocol's words, derived active count). */
export function agentSuite(ctx: SuiteContext): void {
  describe('agents', () => {
    it('upserts agents, tracks presence and counts active conversations', async () => {
      const store = ctx.store();
      const created = await store.upsertAgent({
        id: 'a1',
        displayName: 'Ada',
        queues: ['general'],
        capacity: 3,
      });
      expect(created).toMatchObject({ presence: 'offline', activeCount: 0, queues: ['general'] });
      await store.upsertAgent({ id: 'a2', displayName: 'Bo', queues: ['billing'], capacity: 1 });
      expect((await store.setAgentPresence('a1', 'available'))?.presence).toBe('available');
      expect(await store.setAgentPresence('ghost', 'available')).toBeNull();
      const updated = await store.upsertAgent({
        id: 'a1',
        displayName: 'Ada L.',
        queues: ['general', 'billing'],
        capacity: 4,
      });
      expect(updated).toMatchObject({ displayName: 'Ada L.', presence: 'available', capacity: 4 });
      await ctx.queued('c1');
      await ctx.queued('c2');
      await store.updateState('c1', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'a1',
      });
      await store.updateState('c2', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'a1',
      });
      await store.updateState('c2', { expected: 'assigned', next: 'ended' });
      expect((await store.getAgent('a1'))?.activeCount).toBe(1);
      expect((await store.listAgents({ queue: 'billing' })).map((a) => a.id)).toEqual(['a1', 'a2']);
      expect((await store.listAgents({ presence: 'available' })).map((a) => a.id)).toEqual(['a1']);
      expect(await store.getAgent('ghost')).toBeNull();
    });
  });
}
