import type { DeskFigureOps } from '../desk-figures';
import { OLDEST_QUEUED_EXPR, QUEUE_POSITION_SQL, toQueuePosition } from '../queue-count-sql';
import { iso } from '../rows';
import { PRIORITY_RANK } from '../shared';
import { all, one, type PostgresContext } from './context';

/** The shared position query with PostgreSQL's placeholder, built once. */
const POSITION_SQL = QUEUE_POSITION_SQL.replace('?', '$1');

/** Sums over `queue_counts` (kept by a trigger) and the conversation state and end indexes. */
export function postgresDeskFigures(ctx: PostgresContext): DeskFigureOps {
  const { pool } = ctx;
  return {
    async queuePosition(conversationId) {
      const row = await one(pool, POSITION_SQL, [conversationId]);
      return row ? toQueuePosition(row) : null;
    },

    async queuedQueueNames() {
      const list = await all(
        pool,
        'SELECT queue FROM queue_counts GROUP BY queue ORDER BY queue COLLATE "C"',
      );
      return list.map((row) => String(row.queue));
    },

    async countQueuedAhead(queue, priority) {
      const row = await one(
        pool,
        'SELECT COALESCE(SUM(waiting), 0) AS n FROM queue_counts WHERE queue = $1 AND priority_rank <= $2',
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
         UNION ALL SELECT 'oldest', NULL, 0, ${OLDEST_QUEUED_EXPR}`,
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
