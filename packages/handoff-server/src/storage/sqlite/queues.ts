import type { Priority } from '@baton/handoff-protocol';
import type { QueueOps } from '../composed';
import * as rows from '../rows';
import { DEFAULT_ENQUEUE_FROM, nowIso, PRIORITY_RANK } from '../shared';
import { type Row, readConversation, type SqliteContext, write } from './context';
import { compareAndSet } from './conversations';

/** Writes a queue entry inside the caller's transaction (enqueue, transfer, handoff commit). */
export function putQueueEntry(
  ctx: SqliteContext,
  conversationId: string,
  queue: string,
  priority: Priority,
  keepSince: boolean,
): void {
  ctx.db
    .prepare(
      `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET queue = excluded.queue,
         priority = excluded.priority, priority_rank = excluded.priority_rank
         ${keepSince ? '' : ', enqueued_at = excluded.enqueued_at'}`,
    )
    .run(conversationId, queue, priority, PRIORITY_RANK[priority], nowIso());
}

/** Queue entries and transfers (the write lock serialises them). */
export function sqliteQueues(ctx: SqliteContext): QueueOps {
  const { db } = ctx;

  return {
    async enqueue(conversationId, entry) {
      return write(ctx, () =>
        compareAndSet(
          ctx,
          conversationId,
          {
            expected: entry.expected ?? DEFAULT_ENQUEUE_FROM,
            next: 'queued',
            queue: entry.queue,
            priority: entry.priority,
            assignedAgentId: null,
          },
          () => putQueueEntry(ctx, conversationId, entry.queue, entry.priority, true),
        ),
      );
    },

    async listQueue(queue, limit) {
      return (
        db
          .prepare(
            'SELECT * FROM queue_entries WHERE queue = ? ORDER BY priority_rank, enqueued_at, conversation_id LIMIT ?',
          )
          .all(queue, limit ?? -1) as Row[]
      ).map(rows.toQueueEntry);
    },

    async transferConversation(conversationId, fromAgentId, to) {
      return write(ctx, () => {
        const current = readConversation(ctx, conversationId);
        if (current && current.state === 'assigned' && current.assignedAgentId !== fromAgentId) {
          return { ok: false, reason: 'not_assignee', current };
        }
        if ('agentId' in to) {
          return compareAndSet(ctx, conversationId, {
            expected: 'assigned',
            next: 'assigned',
            assignedAgentId: to.agentId,
          });
        }
        return compareAndSet(
          ctx,
          conversationId,
          { expected: 'assigned', next: 'queued', queue: to.queue, assignedAgentId: null },
          (c) => putQueueEntry(ctx, conversationId, to.queue, c.priority, false),
        );
      });
    },
  };
}
