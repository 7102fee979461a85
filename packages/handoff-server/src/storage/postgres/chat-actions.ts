import {
  type ChatActionOps,
  type ConsultationRecord,
  sortCounts,
  type WrapUpRecord,
  wrapUpAad,
} from '../chat-actions';
import { iso } from '../rows';
import { all, one, type PostgresContext, query, type Row, requireConversation } from './context';

const toConsultation = (row: Row): ConsultationRecord => ({
  conversationId: String(row.conversation_id),
  consultantId: String(row.consultant_id),
  requestedBy: String(row.requested_by),
  createdAt: iso(row.created_at as Date),
});

/** Wrap-ups and consultations (migration 12). */
export function postgresChatActions(ctx: PostgresContext): ChatActionOps {
  const { pool, cipher } = ctx;
  const readWrapUp = async (conversationId: string): Promise<WrapUpRecord | null> => {
    const row = await one(pool, 'SELECT * FROM wrap_ups WHERE conversation_id = $1', [
      conversationId,
    ]);
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
      wrappedAt: iso(row.wrapped_at as Date),
    };
  };
  const readConsultation = async (conversationId: string, consultantId: string) => {
    const row = await one(
      pool,
      'SELECT * FROM consultations WHERE conversation_id = $1 AND consultant_id = $2',
      [conversationId, consultantId],
    );
    return row ? toConsultation(row) : null;
  };
  return {
    async saveWrapUp(wrapUp) {
      await requireConversation(pool, wrapUp.conversationId);
      const sealed = cipher.seal(wrapUp.summary, wrapUpAad(wrapUp.conversationId));
      await query(
        pool,
        `INSERT INTO wrap_ups (conversation_id, agent_id, queue, disposition, key_id, summary,
          wrapped_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (conversation_id) DO UPDATE SET agent_id = excluded.agent_id,
          queue = excluded.queue, disposition = excluded.disposition, key_id = excluded.key_id,
          summary = excluded.summary, wrapped_at = excluded.wrapped_at`,
        [
          wrapUp.conversationId,
          wrapUp.agentId,
          wrapUp.queue,
          wrapUp.disposition,
          sealed.keyId,
          sealed.data,
        ],
      );
      return (await readWrapUp(wrapUp.conversationId))!;
    },
    async getWrapUp(conversationId) {
      return readWrapUp(conversationId);
    },
    async dispositionCounts(filter) {
      const list = await all(
        pool,
        `SELECT disposition, queue, agent_id, COUNT(*) AS n FROM wrap_ups
         WHERE wrapped_at >= $1 AND wrapped_at <= $2
           AND ($3::text IS NULL OR queue = $3) AND ($4::text IS NULL OR agent_id = $4)
         GROUP BY disposition, queue, agent_id`,
        [filter.from, filter.to, filter.queue ?? null, filter.agentId ?? null],
      );
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
      await requireConversation(pool, grant.conversationId);
      await query(
        pool,
        `INSERT INTO consultations (conversation_id, consultant_id, requested_by, created_at)
         VALUES ($1, $2, $3, now()) ON CONFLICT (conversation_id, consultant_id) DO NOTHING`,
        [grant.conversationId, grant.consultantId, grant.requestedBy],
      );
      return (await readConsultation(grant.conversationId, grant.consultantId))!;
    },
    async getConsultation(conversationId, consultantId) {
      return readConsultation(conversationId, consultantId);
    },
  };
}
