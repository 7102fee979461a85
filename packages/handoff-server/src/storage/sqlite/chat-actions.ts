import {
  type ChatActionOps,
  type ConsultationRecord,
  sortCounts,
  type WrapUpRecord,
  wrapUpAad,
} from '../chat-actions';
import { iso } from '../rows';
import { nowIso } from '../shared';
import { type Row, requireConversation, type SqliteContext, write } from './context';

const toConsultation = (row: Row): ConsultationRecord => ({
  conversationId: String(row.conversation_id),
  consultantId: String(row.consultant_id),
  requestedBy: String(row.requested_by),
  createdAt: iso(String(row.created_at)),
});

/** Wrap-ups and consultations (migration 12). */
export function sqliteChatActions(ctx: SqliteContext): ChatActionOps {
  const { db, cipher } = ctx;
  const readWrapUp = (conversationId: string): WrapUpRecord | null => {
    const row = db
      .prepare('SELECT * FROM wrap_ups WHERE conversation_id = ?')
      .get(conversationId) as Row | undefined;
    if (!row) return null;
    return {
      conversationId,
      agentId: String(row.agent_id),
      queue: row.queue === null ? null : String(row.queue),
      disposition: String(row.disposition),
      summary: cipher.open(
        { keyId: String(row.key_id), data: row.summary as Buffer },
        wrapUpAad(conversationId),
      ),
      wrappedAt: iso(String(row.wrapped_at)),
    };
  };
  const readConsultation = (conversationId: string, consultantId: string) => {
    const row = db
      .prepare('SELECT * FROM consultations WHERE conversation_id = ? AND consultant_id = ?')
      .get(conversationId, consultantId) as Row | undefined;
    return row ? toConsultation(row) : null;
  };
  return {
    async saveWrapUp(wrapUp) {
      return write(ctx, () => {
        requireConversation(ctx, wrapUp.conversationId);
        const sealed = cipher.seal(wrapUp.summary, wrapUpAad(wrapUp.conversationId));
        db.prepare(
          `INSERT INTO wrap_ups (conversation_id, agent_id, queue, disposition, key_id, summary,
            wrapped_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id) DO UPDATE SET agent_id = excluded.agent_id,
            queue = excluded.queue, disposition = excluded.disposition, key_id = excluded.key_id,
            summary = excluded.summary, wrapped_at = excluded.wrapped_at`,
        ).run(
          wrapUp.conversationId,
          wrapUp.agentId,
          wrapUp.queue,
          wrapUp.disposition,
          sealed.keyId,
          sealed.data,
          nowIso(),
        );
        return readWrapUp(wrapUp.conversationId)!;
      });
    },
    async getWrapUp(conversationId) {
      return readWrapUp(conversationId);
    },
    async dispositionCounts(filter) {
      const list = db
        .prepare(
          `SELECT disposition, queue, agent_id, COUNT(*) AS n FROM wrap_ups
           WHERE wrapped_at >= ? AND wrapped_at <= ?
             AND (? IS NULL OR queue = ?) AND (? IS NULL OR agent_id = ?)
           GROUP BY disposition, queue, agent_id`,
        )
        .all(
          iso(filter.from),
          iso(filter.to),
          filter.queue ?? null,
          filter.queue ?? null,
          filter.agentId ?? null,
          filter.agentId ?? null,
        ) as Row[];
      return sortCounts(
        list.map((row) => ({
          disposition: String(row.disposition),
          queue: row.queue === null ? null : String(row.queue),
          agentId: String(row.agent_id),
          count: Number(row.n),
        })),
      );
    },
    async grantConsultation(grant) {
      return write(ctx, () => {
        requireConversation(ctx, grant.conversationId);
        db.prepare(
          `INSERT INTO consultations (conversation_id, consultant_id, requested_by, created_at)
           VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id, consultant_id) DO NOTHING`,
        ).run(grant.conversationId, grant.consultantId, grant.requestedBy, nowIso());
        return readConsultation(grant.conversationId, grant.consultantId)!;
      });
    },
    async getConsultation(conversationId, consultantId) {
      return readConsultation(conversationId, consultantId);
    },
  };
}
