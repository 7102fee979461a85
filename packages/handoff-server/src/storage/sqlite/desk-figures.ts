import type { DeskFigureOps } from '../desk-figures';
import { OLDEST_QUEUED_SQL, QUEUE_POSITION_SQL, toQueuePosition } from '../queue-count-sql';
import { iso } from '../rows';
import { PRIORITY_RANK } from '../shared';
import type { Row, SqliteContext } from './context';

/**
 * Sums over `queue_counts` (a few rows per queue, kept by triggers) and the conversation
 * state and end indexes; a position counts only the entries behind it in its priority.
 */
export function sqliteDeskFigures(ctx: SqliteContext): DeskFigureOps {
  const { db } = ctx;
  return {
    async queuePosition(conversationId) {
      const row = db.prepare(QUEUE_POSITION_SQL).get(conversationId) as Row | undefined;
      return row ? toQueuePosition(row) : null;
    },

    async queuedQueueNames() {
      const list = db.prepare('SELECT DISTINCT queue FROM queue_counts ORDER BY queue').all() as {
        queue: string;
      }[];
      return list.map((row) => row.queue);
    },

    async countQueuedAhead(queue, priority) {
      const row = db
        .prepare(
          'SELECT COALESCE(SUM(waiting), 0) AS n FROM queue_counts WHERE queue = ? AND priority_rank <= ?',
        )
        .get(queue, PRIORITY_RANK[priority]) as { n: number };
      return Number(row.n);
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
      const oldest = db.prepare(OLDEST_QUEUED_SQL).get() as {
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
