import type { QueuePosition } from './desk-figures';
import { toQueueEntry } from './rows';

type Row = Record<string, unknown>;

/**
 * Where an entry stands, in SQL both SQLite and PostgreSQL run (one `?`, the conversation id):
 * everyone waiting at its priority or a higher one (a sum over `queue_counts`, a few rows), less
 * those of its priority behind it (an index range from the entry on: none for a new arrival or
 * a transfer, which stand at the back of their priority), and whether a lower priority waits.
 */
export const QUEUE_POSITION_SQL = `SELECT e.*,
  (SELECT COALESCE(SUM(c.waiting), 0) FROM queue_counts c
    WHERE c.queue = e.queue AND c.priority_rank <= e.priority_rank) AS through_priority,
  (SELECT COUNT(*) FROM queue_entries o WHERE o.queue = e.queue
    AND o.priority_rank = e.priority_rank AND o.enqueued_at > e.enqueued_at)
  + (SELECT COUNT(*) FROM queue_entries o WHERE o.queue = e.queue
    AND o.priority_rank = e.priority_rank AND o.enqueued_at = e.enqueued_at
    AND o.conversation_id > e.conversation_id) AS behind,
  EXISTS (SELECT 1 FROM queue_counts c
    WHERE c.queue = e.queue AND c.priority_rank > e.priority_rank) AS lower_waiting
FROM queue_entries e WHERE e.conversation_id = ?`;

/**
 * The oldest wait of all queues: the first entry of each (queue, priority) that `queue_counts`
 * lists (PostgreSQL splits a count over shards), one index seek each, instead of a scan of
 * every entry. An expression (`at`).
 */
export const OLDEST_QUEUED_EXPR = `(SELECT MIN((SELECT MIN(o.enqueued_at) FROM queue_entries o
  WHERE o.queue = c.queue AND o.priority_rank = c.priority_rank))
  FROM (SELECT DISTINCT queue, priority_rank FROM queue_counts) c)`;

export const OLDEST_QUEUED_SQL = `SELECT ${OLDEST_QUEUED_EXPR} AS at`;

export function toQueuePosition(row: Row): QueuePosition {
  const behind = Number(row.behind);
  return {
    ...toQueueEntry(row),
    position: Number(row.through_priority) - behind,
    last: behind === 0 && !row.lower_waiting,
  };
}
