import { describe, expect, it } from 'vitest';
import { type NewFollowUpItem, SYSTEM_ACTOR_ID } from '../followup-records';
import { nextMillisecond, rejectionOf, type SuiteContext } from './fixture';

function item(id: string, overrides: Partial<NewFollowUpItem> = {}): NewFollowUpItem {
  return {
    id,
    key: `cause:${id}`,
    conversationId: 'c1',
    queue: 'general',
    priority: 'routine',
    patientId: 'p-c1',
    kind: 'message',
    detail: { patientDisplayName: 'Ana', text: 'Please call me about my results' },
    ...overrides,
  };
}

/** The follow-up worklist: once per cause, exactly-one-wins claims, close by the claimant. */
export function followUpSuite(ctx: SuiteContext): void {
  describe('follow-up worklist', () => {
    it('creates an open item once per cause key and reads it back', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      const first = await store.createFollowUp(item('f1'));
      expect(first.created).toBe(true);
      expect(first.item).toMatchObject({
        id: 'f1',
        status: 'open',
        claimedBy: null,
        outcomeNote: null,
        closedAt: null,
        detail: { patientDisplayName: 'Ana', text: 'Please call me about my results' },
      });
      const again = await store.createFollowUp(item('f2', { key: 'cause:f1' }));
      expect(again).toEqual({ item: first.item, created: false });
      expect(await store.getFollowUp('f2')).toBeNull();
      expect(await store.getFollowUp('f1')).toEqual(first.item);
    });

    it('refuses an unknown conversation (not_found) and a reused id (conflict)', async () => {
      const store = ctx.store();
      expect(
        await rejectionOf(store.createFollowUp(item('f1', { conversationId: 'nope' }))),
      ).toMatchObject({ code: 'not_found' });
      await ctx.queued('c1');
      await store.createFollowUp(item('f1'));
      expect(await rejectionOf(store.createFollowUp(item('f1', { key: 'other' })))).toMatchObject({
        code: 'conflict',
      });
    });

    it('lists oldest first, by status and queue, bounded', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.createFollowUp(item('f1'));
      await nextMillisecond();
      await store.createFollowUp(item('f2', { queue: 'billing', kind: 'callback' }));
      await nextMillisecond();
      await store.createFollowUp(item('f3', { kind: 'expired', detail: { reason: 'expired' } }));
      expect((await store.listFollowUps()).map((i) => i.id)).toEqual(['f1', 'f2', 'f3']);
      expect((await store.listFollowUps({ queues: ['general'] })).map((i) => i.id)).toEqual([
        'f1',
        'f3',
      ]);
      expect(await store.listFollowUps({ queues: [] })).toEqual([]);
      expect((await store.listFollowUps({ limit: 1 })).map((i) => i.id)).toEqual(['f1']);
      await store.claimFollowUp('f1', 'a1');
      expect((await store.listFollowUps({ statuses: ['open'] })).map((i) => i.id)).toEqual([
        'f2',
        'f3',
      ]);
    });

    it('lets exactly one of several concurrent claims win', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.createFollowUp(item('f1'));
      const claims = await Promise.all(
        ['a1', 'a2', 'a3', 'a4'].map((agent) => store.claimFollowUp('f1', agent)),
      );
      const winners = claims.filter((c) => c.ok);
      expect(winners).toHaveLength(1);
      const losers = claims.filter((c) => !c.ok);
      expect(losers.every((c) => !c.ok && c.reason === 'status_mismatch')).toBe(true);
      const stored = await store.getFollowUp('f1');
      expect(stored?.status).toBe('claimed');
      expect(winners[0]?.ok && winners[0].item.claimedBy).toBe(stored?.claimedBy);
      expect(await store.claimFollowUp('nope', 'a1')).toEqual({
        ok: false,
        reason: 'not_found',
        current: null,
      });
    });

    it('closes only for the claimant, with the outcome note', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.createFollowUp(item('f1'));
      expect(await store.closeFollowUp('f1', 'a1', 'too early')).toMatchObject({
        ok: false,
        reason: 'status_mismatch',
      });
      await store.claimFollowUp('f1', 'a1');
      expect(await store.closeFollowUp('f1', 'a2', 'not mine')).toMatchObject({
        ok: false,
        reason: 'not_claimant',
      });
      const closed = await store.closeFollowUp('f1', 'a1', 'Called back, booked Tuesday');
      expect(closed).toMatchObject({
        ok: true,
        item: { status: 'closed', claimedBy: 'a1', outcomeNote: 'Called back, booked Tuesday' },
      });
      expect((await store.getFollowUp('f1'))?.closedAt).not.toBeNull();
      expect(await store.closeFollowUp('f1', 'a1', 'twice')).toMatchObject({
        ok: false,
        reason: 'status_mismatch',
      });
      expect((await store.getFollowUp('f1'))?.outcomeNote).toBe('Called back, booked Tuesday');
    });

    it('counts open, claimed, the oldest not closed and closed since an instant', async () => {
      const store = ctx.store();
      const before = new Date(Date.now() - 1000).toISOString();
      expect(await store.followUpStats(before)).toEqual({
        open: 0,
        claimed: 0,
        oldestOpenAt: null,
        closedSince: 0,
      });
      await ctx.queued('c1');
      const first = await store.createFollowUp(item('f1'));
      await nextMillisecond();
      await store.createFollowUp(item('f2'));
      await store.createFollowUp(item('f3'));
      await store.claimFollowUp('f2', 'a1');
      await store.claimFollowUp('f3', 'a1');
      await store.closeFollowUp('f3', 'a1', 'done');
      expect(await store.followUpStats(before)).toEqual({
        open: 1,
        claimed: 1,
        oldestOpenAt: first.item.createdAt,
        closedSince: 1,
      });
      const later = new Date(Date.now() + 60_000).toISOString();
      expect((await store.followUpStats(later)).closedSince).toBe(0);
    });

    it('counts as closed only the items staff closed, not those the system closed', async () => {
      const store = ctx.store();
      const before = new Date(Date.now() - 1000).toISOString();
      await ctx.queued('c1');
      await store.createFollowUp(item('f1'));
      await store.createFollowUp(item('f2'));
      await store.claimFollowUp('f1', SYSTEM_ACTOR_ID);
      await store.closeFollowUp('f1', SYSTEM_ACTOR_ID, 'superseded');
      expect(await store.followUpStats(before)).toMatchObject({ open: 1, closedSince: 0 });
      await store.claimFollowUp('f2', 'a1');
      await store.closeFollowUp('f2', 'a1', 'done');
      expect(await store.followUpStats(before)).toMatchObject({ claimed: 0, closedSince: 1 });
    });

    it('deletes a patient’s items with the patient’s data', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.createFollowUp(item('f1'));
      await store.deletePatientData('p-c1', { actorId: 'admin', actorRole: 'admin' });
      expect(await store.getFollowUp('f1')).toBeNull();
      expect(await store.listFollowUps()).toEqual([]);
    });
  });
}

/** Measured queue waits: per queue, newest first, since an instant, bounded, once each. */
export function queueWaitSuite(ctx: SuiteContext): void {
  describe('queue wait samples', () => {
    it('keeps samples per queue, newest first, from an instant, bounded, once each', async () => {
      const store = ctx.store();
      for (const id of ['c1', 'c2', 'c3', 'c4']) await ctx.queued(id);
      const now = Date.now();
      const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
      await store.recordQueueWait({
        queue: 'general',
        conversationId: 'c1',
        waitedMs: 30_000,
        claimedAt: at(90),
      });
      await store.recordQueueWait({
        queue: 'general',
        conversationId: 'c2',
        waitedMs: 60_000,
        claimedAt: at(20),
      });
      await store.recordQueueWait({
        queue: 'general',
        conversationId: 'c3',
        waitedMs: 90_000,
        claimedAt: at(10),
      });
      await store.recordQueueWait({
        queue: 'billing',
        conversationId: 'c4',
        waitedMs: 5_000,
        claimedAt: at(5),
      });
      // The same claim recorded twice (two nodes) counts once.
      await store.recordQueueWait({
        queue: 'general',
        conversationId: 'c3',
        waitedMs: 90_000,
        claimedAt: at(10),
      });
      const recent = await store.recentQueueWaits('general', at(60), 50);
      expect(recent.map((w) => [w.conversationId, w.waitedMs])).toEqual([
        ['c3', 90_000],
        ['c2', 60_000],
      ]);
      expect(
        (await store.recentQueueWaits('general', at(120), 1)).map((w) => w.conversationId),
      ).toEqual(['c3']);
      expect(await store.recentQueueWaits('nobody', at(120), 50)).toEqual([]);
      await store.deletePatientData('p-c3', { actorId: 'admin', actorRole: 'admin' });
      expect(
        (await store.recentQueueWaits('general', at(60), 50)).map((w) => w.conversationId),
      ).toEqual(['c2']);
    });
  });
}
