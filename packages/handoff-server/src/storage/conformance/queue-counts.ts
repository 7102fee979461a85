import type { Priority } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import type { ConversationStore } from '../contract';
import { PRIORITY_RANK } from '../shared';
import { nextMillisecond, type SuiteContext } from './fixture';

const PRIORITIES = Object.keys(PRIORITY_RANK) as Priority[];
const QUEUES = ['general', 'billing'];

/**
 * What the store's per-(queue, priority) counts answer must equal a full count of the queue
 * after every kind of change: places of new entries, positions, "last", the queues listed.
 */
async function expectCountsMatchTheQueues(store: ConversationStore, step: string): Promise<void> {
  const names: string[] = [];
  for (const queue of QUEUES) {
    const entries = await store.listQueue(queue);
    if (entries.length > 0) names.push(queue);
    expect(await store.listQueue(queue, 2), `${step}: first two of ${queue}`).toEqual(
      entries.slice(0, 2),
    );
    for (const priority of PRIORITIES)
      expect(await store.countQueuedAhead(queue, priority), `${step}: ${queue} ${priority}`).toBe(
        entries.filter((e) => PRIORITY_RANK[e.priority] <= PRIORITY_RANK[priority]).length,
      );
    for (const [index, entry] of entries.entries())
      expect(
        await store.queuePosition(entry.conversationId),
        `${step}: ${entry.conversationId}`,
      ).toEqual({ ...entry, position: index + 1, last: index === entries.length - 1 });
  }
  expect(await store.queuedQueueNames(), step).toEqual(names.sort());
}

/** Waiting counts per queue and priority, kept with every change of a queue entry. */
export function queueCountSuite(ctx: SuiteContext): void {
  describe('queue counts', () => {
    it('stay equal to a full count through enqueue, claim, abandon, transfer, move and re-queue', async () => {
      const store = ctx.store();
      const plan = [
        ['r1', 'general', 'routine'],
        ['u1', 'general', 'urgent'],
        ['r2', 'general', 'routine'],
        ['e1', 'general', 'emergency'],
        ['u2', 'general', 'urgent'],
        ['b1', 'billing', 'routine'],
        ['r3', 'general', 'routine'],
      ] as const;
      await expectCountsMatchTheQueues(store, 'empty');
      for (const [id, queue, priority] of plan) {
        await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
        expect(await store.countQueuedAhead(queue, priority)).toBe(
          (await store.listQueue(queue)).filter(
            (e) => PRIORITY_RANK[e.priority] <= PRIORITY_RANK[priority],
          ).length,
        );
        expect((await store.enqueue(id, { queue, priority })).ok).toBe(true);
        await nextMillisecond();
        await expectCountsMatchTheQueues(store, `enqueue ${id}`);
      }
      // Claimed: leaves the queue.
      const claim = await store.updateState('e1', {
        expected: 'queued',
        next: 'assigned',
        assignedAgentId: 'agent-1',
      });
      expect(claim.ok).toBe(true);
      await expectCountsMatchTheQueues(store, 'claim e1');
      // Abandoned in the middle of its priority.
      expect((await store.updateState('r2', { expected: 'queued', next: 'abandoned' })).ok).toBe(
        true,
      );
      await expectCountsMatchTheQueues(store, 'abandon r2');
      // Transferred by its agent to another queue: at the back of its priority there.
      await nextMillisecond();
      expect((await store.transferConversation('e1', 'agent-1', { queue: 'billing' })).ok).toBe(
        true,
      );
      await expectCountsMatchTheQueues(store, 'transfer e1');
      // Moved while queued: another queue and another priority, in place.
      expect((await store.enqueue('r1', { queue: 'billing', priority: 'urgent' })).ok).toBe(true);
      await expectCountsMatchTheQueues(store, 'move r1');
      expect((await store.enqueue('u2', { queue: 'general', priority: 'routine' })).ok).toBe(true);
      await expectCountsMatchTheQueues(store, 'priority u2');
      // Claimed, then put back at the front by the desk (the agent left).
      expect(
        (
          await store.updateState('r3', {
            expected: 'queued',
            next: 'assigned',
            assignedAgentId: 'agent-2',
          })
        ).ok,
      ).toBe(true);
      expect((await store.requeueAtFront('r3', 'agent-2')).ok).toBe(true);
      await expectCountsMatchTheQueues(store, 'requeue r3 at front');
      // A waiting patient's data deleted (its entry goes with the conversation).
      await store.deletePatientData('p-u1', { actorId: 'admin-1', actorRole: 'admin' });
      await expectCountsMatchTheQueues(store, 'patient data of u1 deleted');
      // Everyone leaves: nothing counted, no queue listed.
      for (const entry of [
        ...(await store.listQueue('general')),
        ...(await store.listQueue('billing')),
      ])
        expect(
          (await store.updateState(entry.conversationId, { expected: 'queued', next: 'expired' }))
            .ok,
        ).toBe(true);
      await expectCountsMatchTheQueues(store, 'all gone');
      expect(await store.queuedQueueNames()).toEqual([]);
    });

    it('stay equal to a full count when many enqueue and leave at once', async () => {
      const store = ctx.store();
      const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
      for (const id of ids)
        await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
      const results = await Promise.all(
        ids.map((id, i) =>
          store.enqueue(id, {
            queue: QUEUES[i % 2]!,
            priority: PRIORITIES[i % PRIORITIES.length]!,
          }),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      await expectCountsMatchTheQueues(store, 'after 40 at once');
      const leaving = await Promise.all(
        ids
          .filter((_, i) => i % 3 === 0)
          .map((id, i) =>
            i % 2 === 0
              ? store.updateState(id, { expected: 'queued', next: 'abandoned' })
              : store.updateState(id, {
                  expected: 'queued',
                  next: 'assigned',
                  assignedAgentId: `agent-${i}`,
                }),
          ),
      );
      expect(leaving.every((r) => r.ok)).toBe(true);
      await expectCountsMatchTheQueues(store, 'after 14 left at once');
    });
  });
}
