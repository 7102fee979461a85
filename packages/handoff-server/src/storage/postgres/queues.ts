import type { Priority } from '@baton/handoff-protocol';
import type { QueueOps } from '../composed';
import * as rows from '../rows';
import { DEFAULT_ENQUEUE_FROM, nowIso, PRIORITY_RANK } from '../shared';
import { all, type PostgresContext, type Queryable, query, transaction } from './context';
import { compareAndSet } from './conversations';

/** Writes a queue entry inside the caller's transaction (enqueue, transfer, handoff commit). */
export async function putQueueEntry(
  db: Queryable,
  conversationId: string,
  queue: string,
  priority: Priority,
  keepSince: boolean,
): Promise<void> {
  await query(
    db,
    `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id) DO UPDATE SET queue = excluded.queue,
       priority = excluded.priority, priority_rank = excluded.priority_rank
       ${keepSince ? '' : ', enqueued_at = excluded.enqueued_at'}`,
    [conversationId, queue, priority, PRIORITY_RANK[priority], nowIso()],
  );
}

/**
 * Queue entries and transfers. A transfer is one conditional UPDATE: concurrent writers wait
 * on the row lock and re-check the condition, so one wins.
 */
export function postgresQueues(ctx: PostgresContext): QueueOps {
  return {
    async enqueue(conversationId, entry) {
      return transaction(ctx, async (db) => {
        const change = await compareAndSet(
          db,
          conversationId,
          { next: 'queued', queue: entry.queue, priority: entry.priority, assignedAgentId: null },
          'state = ANY($10::text[])',
          [[...(entry.expected ?? DEFAULT_ENQUEUE_FROM)]],
        );
        if (change.ok) {
          await putQueueEntry(db, conversationId, entry.queue, entry.priority, true);
        }
        return change;
      });
    },

    async listQueue(queue, limit) {
      const list = await all(
        ctx.pool,
        'SELECT * FROM queue_entries WHERE queue = $1 ORDER BY priority_rank, enqueued_at, conversation_id LIMIT $2',
        [queue, limit ?? null],
      );
      return list.map(rows.toQueueEntry);
    },

    async transferConversation(conversationId, fromAgentId, to) {
      return transaction(ctx, async (db) => {
        const where = "state = 'assigned' AND assigned_agent_id = $10";
        const change = await compareAndSet(
          db,
          conversationId,
          'agentId' in to
            ? { next: 'assigned', assignedAgentId: to.agentId }
            : { next: 'queued', queue: to.queue, assignedAgentId: null },
          where,
          [fromAgentId],
        );
        if (!change.ok) {
          const current = change.current;
          if (current?.state === 'assigned') return { ok: false, reason: 'not_assignee', current };
          return change;
        }
        if ('queue' in to) {
          await putQueueEntry(db, conversationId, to.queue, change.conversation.priority, false);
        }
        return change;
      });
    },
  };
}
