import type { BotOutcome } from '@baton/handoff-protocol';
import { HandoffServerError } from '../../internal/errors';
import { type BotSessionOps, type BotSessionRecord, boundedLimit } from '../bot-sessions';
import type { BotSessionFact } from '../insight-records';
import { iso, toConversation } from '../rows';
import { type Row, type SqliteContext, write } from './context';

export function toBotSession(row: Row): BotSessionRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    patientId: String(row.patient_id),
    locale: String(row.locale),
    entryPath: text(row.entry_path),
    startedAt: iso(row.started_at as string | Date),
    lastActivityAt: iso(row.last_activity_at as string | Date),
    endedAt: row.ended_at === null ? null : iso(row.ended_at as string | Date),
    outcome: text(row.outcome) as BotOutcome | null,
    escalation: text(row.escalation),
    handoffConversationId: text(row.handoff_conversation_id),
    timeZone: text(row.time_zone),
  };
}

/** A `bot_sessions` row as an analytics fact (SQLite and PostgreSQL). */
export function toBotSessionFact(row: Row): BotSessionFact {
  const {
    patientId: _patient,
    lastActivityAt: _last,
    handoffConversationId: _h,
    ...fact
  } = toBotSession(row);
  return fact;
}

/** Bot sessions started in `[from, to)`, oldest first (migration 15's `started_at` index). */
export const BOT_SESSION_FACTS = `SELECT id, patient_id, locale, entry_path, started_at,
  last_activity_at, ended_at, outcome, escalation, handoff_conversation_id, time_zone
  FROM bot_sessions WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at, id LIMIT $3`;

/** `bot_sessions` with its open-by-start and ended-at indexes (migration 10). */
export function sqliteBotSessions(ctx: SqliteContext): BotSessionOps {
  const { db } = ctx;
  const read = (id: string) => {
    const row = db.prepare('SELECT * FROM bot_sessions WHERE id = ?').get(id) as Row | undefined;
    return row ? toBotSession(row) : null;
  };
  return {
    startBotSession: (input) =>
      write(ctx, () => {
        const existing = read(input.id);
        if (existing) {
          if (existing.patientId !== input.patientId)
            throw new HandoffServerError('conflict', 'bot session id in use');
          return { session: existing, created: false };
        }
        const at = iso(input.startedAt);
        db.prepare(
          `INSERT INTO bot_sessions (id, patient_id, locale, entry_path, started_at,
             last_activity_at, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          input.id,
          input.patientId,
          input.locale,
          input.entryPath,
          at,
          at,
          input.timeZone ?? null,
        );
        return { session: read(input.id)!, created: true };
      }),
    async getBotSession(id) {
      return read(id);
    },
    touchBotSession: (id, at) =>
      write(ctx, () => {
        db.prepare(
          `UPDATE bot_sessions SET last_activity_at = ?
           WHERE id = ? AND ended_at IS NULL AND last_activity_at < ?`,
        ).run(iso(at), id, iso(at));
        const s = read(id);
        return s && s.endedAt === null ? s : null;
      }),
    endBotSession: (id, end) =>
      write(ctx, () => {
        const changed = db
          .prepare(
            `UPDATE bot_sessions SET ended_at = ?, outcome = ?, escalation = ?,
               handoff_conversation_id = ?
             WHERE id = ? AND ended_at IS NULL`,
          )
          .run(
            iso(end.at),
            end.outcome,
            end.escalation ?? null,
            end.handoffConversationId ?? null,
            id,
          ).changes;
        return changed === 1 ? read(id) : null;
      }),
    async listOpenBotSessions(limit) {
      return (
        db
          .prepare(
            `SELECT * FROM bot_sessions WHERE ended_at IS NULL
             ORDER BY started_at, id LIMIT ?`,
          )
          .all(boundedLimit(limit)) as Row[]
      ).map(toBotSession);
    },
    async countOpenBotSessions() {
      const row = db
        .prepare('SELECT COUNT(*) AS n FROM bot_sessions WHERE ended_at IS NULL')
        .get() as { n: number };
      return row.n;
    },
    async listBotSessionsEndedSince(since, limit) {
      return (
        db
          .prepare(
            'SELECT * FROM bot_sessions WHERE ended_at >= ? ORDER BY ended_at DESC, id LIMIT ?',
          )
          .all(iso(since), boundedLimit(limit)) as Row[]
      ).map(toBotSession);
    },
    async listConversationsEndedSince(since, limit) {
      return (
        db
          .prepare(
            'SELECT * FROM conversations WHERE ended_at >= ? ORDER BY ended_at DESC, id LIMIT ?',
          )
          .all(iso(since), boundedLimit(limit)) as Row[]
      ).map(toConversation);
    },
  };
}
