import { describe, expect, it } from 'vitest';
import type { NewDelivery } from '../deliveries';
import type { SuiteContext } from './fixture';

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

function reminder(id: string, conversationId: string, over: Partial<NewDelivery> = {}) {
  return {
    id,
    key: `reminder/${conversationId}/slot-1/${over.channel ?? 'email'}`,
    channel: 'email',
    kind: 'appointment.reminder',
    conversationId,
    patientId: `p-${conversationId}`,
    payload: { to: 'pat@example.org', start: '2030-01-02T09:00:00.000Z', locale: 'fr' },
    dueAt: soon(-1000),
    ...over,
  } satisfies NewDelivery;
}

/** The notification outbox: once per key, one claimer, settle by the claimer, retry. */
export function deliverySuite(ctx: SuiteContext): void {
  describe('notification deliveries (outbox)', () => {
    it('enqueues once per key and keeps the payload', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      const first = await store.enqueueDelivery(reminder('d1', 'c1'));
      expect(first.created).toBe(true);
      expect(first.delivery).toMatchObject({ status: 'pending', attempts: 0, channel: 'email' });
      expect(first.delivery.payload).toEqual({
        to: 'pat@example.org',
        start: '2030-01-02T09:00:00.000Z',
        locale: 'fr',
      });
      const again = await store.enqueueDelivery(reminder('d2', 'c1'));
      expect(again).toEqual({ delivery: first.delivery, created: false });
      expect(await store.getDelivery('d2')).toBeNull();
      await expect(store.enqueueDelivery(reminder('d3', 'nope'))).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('gives each due row to one claimer, counts the attempt, and skips rows not due', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.enqueueDelivery(reminder('d1', 'c1'));
      await store.enqueueDelivery(
        reminder('d2', 'c1', { channel: 'webhook', dueAt: soon(60_000) }),
      );
      const now = new Date().toISOString();
      const [a, b] = await Promise.all([
        store.claimDueDeliveries({ owner: 'node-a', now, leaseMs: 30_000, limit: 10 }),
        store.claimDueDeliveries({ owner: 'node-b', now, leaseMs: 30_000, limit: 10 }),
      ]);
      const claimed = [...a, ...b];
      expect(claimed.map((d) => d.id)).toEqual(['d1']);
      expect(claimed[0]).toMatchObject({ attempts: 1, claimedBy: a.length ? 'node-a' : 'node-b' });
      // A lease that ran out (the claimer died after sending, before settling): claimed again.
      const later = new Date(Date.now() + 31_000).toISOString();
      const again = await store.claimDueDeliveries({
        owner: 'node-c',
        now: later,
        leaseMs: 30_000,
        limit: 10,
      });
      expect(again.map((d) => [d.id, d.attempts, d.claimedBy])).toEqual([['d1', 2, 'node-c']]);
    });

    it('is settled only by its claimer; retries, failure and an admin retry', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await store.enqueueDelivery(reminder('d1', 'c1'));
      const now = new Date().toISOString();
      await store.claimDueDeliveries({ owner: 'node-a', now, leaseMs: 30_000, limit: 10 });
      expect(await store.settleDelivery('d1', 'node-b', { status: 'sent' })).toBe(false);
      const retryAt = soon(5_000);
      const retry = { status: 'pending' as const, retryAt, error: 'smtp_unreachable' };
      expect(await store.settleDelivery('d1', 'node-a', retry)).toBe(true);
      const waiting = await store.getDelivery('d1');
      expect(waiting).toMatchObject({ status: 'pending', lastError: 'smtp_unreachable' });
      expect(waiting?.claimedBy).toBeNull();
      expect(Date.parse(waiting!.dueAt)).toBe(Date.parse(retryAt));
      expect(await store.claimDueDeliveries({ owner: 'x', now, leaseMs: 1, limit: 5 })).toEqual([]);

      const at = soon(6_000);
      await store.claimDueDeliveries({ owner: 'node-a', now: at, leaseMs: 30_000, limit: 5 });
      expect(
        await store.settleDelivery('d1', 'node-a', { status: 'failed', error: 'smtp_550' }),
      ).toBe(true);
      expect(await store.settleDelivery('d1', 'node-a', { status: 'sent' })).toBe(false);
      const failed = await store.listDeliveries({ statuses: ['failed'] });
      expect(failed.map((d) => [d.id, d.status, d.attempts, d.lastError])).toEqual([
        ['d1', 'failed', 2, 'smtp_550'],
      ]);
      expect(await store.listDeliveries({ statuses: ['sent'] })).toEqual([]);

      expect(await store.retryDelivery('nope', now)).toBeNull();
      const retried = await store.retryDelivery('d1', now);
      expect(retried).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
      expect(await store.retryDelivery('d1', now)).toBeNull();
      const [claimed] = await store.claimDueDeliveries({
        owner: 'node-b',
        now: soon(1),
        leaseMs: 30_000,
        limit: 5,
      });
      expect(claimed?.id).toBe('d1');
      expect(await store.settleDelivery('d1', 'node-b', { status: 'sent' })).toBe(true);
      const sent = await store.getDelivery('d1');
      expect(sent).toMatchObject({ status: 'sent', lastError: null, attempts: 1 });
      expect(sent?.sentAt).not.toBeNull();
    });

    it('records an undeliverable reminder, listed by status and conversation', async () => {
      const store = ctx.store();
      await ctx.queued('c1');
      await ctx.queued('c2');
      await store.enqueueDelivery(
        reminder('d1', 'c1', { status: 'undeliverable', lastError: 'no_contact' }),
      );
      await store.enqueueDelivery(reminder('d2', 'c2'));
      const now = soon(1);
      const claimed = await store.claimDueDeliveries({ owner: 'a', now, leaseMs: 1, limit: 5 });
      expect(claimed.map((d) => d.id)).toEqual(['d2']);
      const listed = await store.listDeliveries({ statuses: ['failed', 'undeliverable'] });
      expect(listed.map((d) => [d.id, d.lastError])).toEqual([['d1', 'no_contact']]);
      const ofC2 = await store.listDeliveries({ conversationId: 'c2' });
      expect(ofC2.map((d) => d.id)).toEqual(['d2']);
      expect((await store.listDeliveries({ limit: 1 })).length).toBe(1);
    });

    it('goes with the conversation when the patient data is deleted', async () => {
      const store = ctx.store();
      await ctx.queued('c1', 'general', 'p-gone');
      await ctx.queued('c2', 'general', 'p-stays');
      await store.enqueueDelivery({ ...reminder('d1', 'c1'), patientId: 'p-gone' });
      await store.enqueueDelivery({ ...reminder('d2', 'c2'), patientId: 'p-stays' });
      await store.deletePatientData('p-gone', { actorId: 'admin-1', actorRole: 'admin' });
      expect(await store.getDelivery('d1')).toBeNull();
      expect((await store.listDeliveries()).map((d) => d.id)).toEqual(['d2']);
    });
  });
}
