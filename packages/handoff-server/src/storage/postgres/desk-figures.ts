import type { DeskFigureOps } from '../desk-figures';
import { iso, toQueueEntry } from '../rows';
import { PRIORITY_RANK } from '../shared';
import { all, one, type PostgresContext } from './context';

/** Counts over `queue_entries_order` and the conversation state and end indexes, one query each. */
export function postgresDeskFigures(ctx: PostgresContext): DeskFigureOps {
  const { pool } = ctx;
  return {
    async queuePosition(conversationId) {
      const row = await one(
        pool,
        `SELECT e.*,
           (SELECT COUNT(*) FROM queue_entries o WHERE o.queue = e.queue
               AND o.priority_rank < e.priority_rank)
             + (SELECT COUNT(*) FROM queue_entries o WHERE o.queue = e.queue
               AND o.priority_rank = e.priority_rank AND o.enqueued_at < e.enqueued_at)
             + (SELECT COUNT(*) FROM queue_entries o WHERE o.queue = e.queue
               AND o.priority_rank = e.priority_rank AND o.enqueued_at = e.enqueued_at
               AND o.conversation_id <= e.conversation_id) AS position,
             NOT (EXISTS (SELECT 1 FROM queue_entries o WHERE o.queue = e.queue
             AND o.priority_rank > e.priority_rank)
           OR EXISTS (SELECT 1 FROM queue_entries o WHERE o.queue = e.queue
             AND o.priority_rank = e.priority_rank AND o.enqueued_at > e.enqueued_at)
           OR EXISTS (SELECT 1 FROM queue_entries o WHERE o.queue = e.queue
             AND o.priority_rank = e.priority_rank AND o.enqueued_at = e.enqueued_at
             AND o.conversation_id > e.conversation_id)) AS last
         FROM queue_entries e WHERE e.conversation_id = $1`,
        [conversationId],
      );
      return row
        ? { ...toQueueEntry(row), position: Number(row.position), last: Boolean(row.last) }
        : null;
    },

    async queuedQueueNames() {
      const list = await all(
        pool,
        'SELECT queue FROM queue_entries GROUP BY queue ORDER BY queue COLLATE "C"',
      );
      return list.map((row) => String(row.queue));
    },

    async countQueuedAhead(queue, priority) {
      const row = await one(
        pool,
        'SELECT COUNT(*) AS n FROM queue_entries WHERE queue = $1 AND priority_rank <= $2',
        [queue, PRIORITY_RANK[priority]],
      );
      return Number(row?.n ?? 0);
    },

    async deskCounts(since) {
      const list = await all(
        pool,
        `SELECT 'live' AS part, state, COUNT(*) AS n, NULL::timestamptz AS at FROM conversations
           WHERE state IN ('bot', 'handoff_requested', 'queued', 'assigned') GROUP BY state
         UNION ALL SELECT 'finished', state, COUNT(*), NULL FROM conversations
           WHERE ended_at >= $1 AND state IN ('ended', 'abandoned') GROUP BY state
         UNION ALL SELECT 'oldest', NULL, 0, MIN(enqueued_at) FROM queue_entries`,
        [iso(since)],
      );
      const count = (part: string, state: string) =>
        Number(list.find((r) => r.part === part && r.state === state)?.n ?? 0);
      const oldest = list.find((r) => r.part === 'oldest')?.at;
      return {
        bot: count('live', 'bot'),
        handoffRequested: count('live', 'handoff_requested'),
        queued: count('live', 'queued'),
        assigned: count('live', 'assigned'),
        endedSince: count('finished', 'ended'),
        abandonedSince: count('finished', 'abandoned'),
        oldestQueuedAt: oldest ? iso(oldest as Date) : null,
      };
    },
  };
}
