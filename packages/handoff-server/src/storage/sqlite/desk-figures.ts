import type { DeskFigureOps } from '../desk-figures';
import { iso, toQueueEntry } from '../rows';
import { PRIORITY_RANK } from '../shared';
import type { Row, SqliteContext } from './context';

/**
 * Counts over `queue_entries_order` (index-only ranges: the position walks the entries ahead,
 * never the table) and the conversation state and end indexes.
 */
export function sqliteDeskFigures(ctx: SqliteContext): DeskFigureOps {
  const { db } = ctx;
  return {
    async queuePosition(conversationId) {
      const row = db
        .prepare(
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
           FROM queue_entries e WHERE e.conversation_id = ?`,
        )
        .get(conversationId) as Row | undefined;
      return row
        ? { ...toQueueEntry(row), position: Number(row.position), last: Boolean(row.last) }
        : null;
    },

    async queuedQueueNames() {
      const list = db.prepare('SELECT DISTINCT queue FROM queue_entries ORDER BY queue').all() as {
        queue: string;
      }[];
      return list.map((row) => row.queue);
    },

    async countQueuedAhead(queue, priority) {
      const row = db
        .prepare('SELECT COUNT(*) AS n FROM queue_entries WHERE queue = ? AND priority_rank <= ?')
        .get(queue, PRIORITY_RANK[priority]) as { n: number };
      return row.n;
    },

    async deskCounts(since) {
      const live = db
        .prepare(
          `SELECT state, COUNT(*) AS n FROM conversations
           WHERE state IN ('bot', 'handoff_requested', 'queued', 'assigned') GROUP BY state`,
        )
        .all() as { state: string; n: number }[];
      const finished = db
        .prepare(
          `SELECT state, COUNT(*) AS n FROM conversations WHERE ended_at >= ?
           AND state IN ('ended', 'abandoned') GROUP BY state`,
        )
        .all(iso(since)) as { state: string; n: number }[];
      const oldest = db.prepare('SELECT MIN(enqueued_at) AS at FROM queue_entries').get() as {
        at: string | null;
      };
      const count = (list: { state: string; n: number }[], state: string) =>
        list.find((r) => r.state === state)?.n ?? 0;
      return {
        bot: count(live, 'bot'),
        handoffRequested: count(live, 'handoff_requested'),
        queued: count(live, 'queued'),
        assigned: count(live, 'assigned'),
        endedSince: count(finished, 'ended'),
        abandonedSince: count(finished, 'abandoned'),
        oldestQueuedAt: oldest.at === null ? null : iso(oldest.at),
      };
    },
  };
}
