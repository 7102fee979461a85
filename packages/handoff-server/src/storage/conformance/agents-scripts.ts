import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import type { SuiteContext } from './fixture';

/** Agents (presence, derived active count) and canned scripts. */
export function agentScriptSuite(ctx: SuiteContext): void {
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
      expect((await store.setAgentPresence('a1', 'online'))?.presence).toBe('online');
      expect(await store.setAgentPresence('ghost', 'online')).toBeNull();
      const updated = await store.upsertAgent({
        id: 'a1',
        displayName: 'Ada L.',
        queues: ['general', 'billing'],
        capacity: 4,
      });
      expect(updated).toMatchObject({ displayName: 'Ada L.', presence: 'online', capacity: 4 });
      await ctx.queued('c1');
      await ctx.queued('c2');
      await store.claimConversation('c1', 'a1');
      await store.claimConversation('c2', 'a1');
      await store.updateState('c2', { expected: 'assigned', next: 'ended' });
      expect((await store.getAgent('a1'))?.activeCount).toBe(1);
      expect((await store.listAgents({ queue: 'billing' })).map((a) => a.id)).toEqual(['a1', 'a2']);
      expect((await store.listAgents({ presence: 'online' })).map((a) => a.id)).toEqual(['a1']);
      expect(await store.getAgent('ghost')).toBeNull();
    });
  });

  describe('agent scripts', () => {
    it('creates, lists by queue, updates and deletes scripts', async () => {
      const store = ctx.store();
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
}
