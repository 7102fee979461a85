import { HandoffServerError } from '../../internal/errors';
import { type BotSessionOps, boundedLimit } from '../bot-sessions';
import { iso, toConversation } from '../rows';
import { toBotSession } from '../sqlite/bot-sessions';
import { all, one, type PostgresContext } from './context';

/** `bot_sessions` with its open-by-start and ended-at indexes (migration 10). */
export function postgresBotSessions(ctx: PostgresContext): BotSessionOps {
  const { pool } = ctx;
  const read = async (id: string) => {
    const row = await one(pool, 'SELECT * FROM bot_sessions WHERE id = $1', [id]);
    return row ? toBotSession(row) : null;
  };
  return {
    async startBotSession(input) {
      const at = iso(input.startedAt);
      const inserted = await one(
        pool,
        `INSERT INTO bot_sessions (id, patient_id, locale, entry_path, started_at, last_activity_at,
           time_zone)
         VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING *`,
        [input.id, input.patientId, input.locale, input.entryPath, at, input.timeZone ?? null],
      );
      if (inserted) return { session: toBotSession(inserted), created: true };
      const existing = await read(input.id);
      if (!existing || existing.patientId !== input.patientId)
        throw new HandoffServerError('conflict', 'bot session id in use');
      return { session: existing, created: false };
    },
    getBotSession: read,
    async touchBotSession(id, at) {
      await one(
        pool,
        `UPDATE bot_sessions SET last_activity_at = $2
         WHERE id = $1 AND ended_at IS NULL AND last_activity_at < $2`,
        [id, iso(at)],
      );
      const s = await read(id);
      return s && s.endedAt === null ? s : null;
    },
    async endBotSession(id, end) {
      const row = await one(
        pool,
        `UPDATE bot_sessions SET ended_at = $2, outcome = $3, escalation = $4,
           handoff_conversation_id = $5
         WHERE id = $1 AND ended_at IS NULL RETURNING *`,
        [id, iso(end.at), end.outcome, end.escalation ?? null, end.handoffConversationId ?? null],
      );
      return row ? toBotSession(row) : null;
    },
    async listOpenBotSessions(limit) {
      return (
        await all(
          pool,
          'SELECT * FROM bot_sessions WHERE ended_at IS NULL ORDER BY started_at, id LIMIT $1',
          [boundedLimit(limit)],
        )
      ).map(toBotSession);
    },
    async countOpenBotSessions() {
      const row = await one(
        pool,
        'SELECT COUNT(*)::int AS n FROM bot_sessions WHERE ended_at IS NULL',
      );
      return Number(row?.n ?? 0);
    },
    async listBotSessionsEndedSince(since, limit) {
      return (
        await all(
          pool,
          'SELECT * FROM bot_sessions WHERE ended_at >= $1 ORDER BY ended_at DESC, id LIMIT $2',
          [iso(since), boundedLimit(limit)],
        )
      ).map(toBotSession);
    },
    async listConversationsEndedSince(since, limit) {
      return (
        await all(
          pool,
          'SELECT * FROM conversations WHERE ended_at >= $1 ORDER BY ended_at DESC, id LIMIT $2',
          [iso(since), boundedLimit(limit)],
        )
      ).map(toConversation);
    },
  };
}
