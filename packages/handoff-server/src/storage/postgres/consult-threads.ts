import {
  CONSULT_THREAD_LIMIT,
  type ConsultThreadOps,
  consultAad,
  type SealedConsultBody,
} from '../consult-threads';
import { iso } from '../rows';
import { toConsultMessage } from '../sqlite/consult-threads';
import { all, one, type PostgresContext, requireConversation } from './context';

const at = (value: unknown) => iso(value as Date);

/** Consultation threads (migration 14). */
export function postgresConsultThreads(ctx: PostgresContext): ConsultThreadOps {
  const { pool, cipher } = ctx;
  const find = (conversationId: string, consultantId: string, clientMessageId: string) =>
    one(
      pool,
      `SELECT * FROM consult_messages WHERE conversation_id = $1 AND consultant_id = $2
       AND client_message_id = $3`,
      [conversationId, consultantId, clientMessageId],
    );
  return {
    async appendConsultMessage(m) {
      await requireConversation(pool, m.conversationId);
      const sealed = cipher.sealJson(
        { id: m.id, author: m.author, text: m.text } satisfies SealedConsultBody,
        consultAad(m.conversationId, m.consultantId, m.clientMessageId),
      );
      const inserted = await one(
        pool,
        `INSERT INTO consult_messages (conversation_id, consultant_id, client_message_id,
          author_id, key_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
         ON CONFLICT DO NOTHING RETURNING *`,
        [
          m.conversationId,
          m.consultantId,
          m.clientMessageId,
          m.author.id,
          sealed.keyId,
          sealed.data,
        ],
      );
      const row = inserted ?? (await find(m.conversationId, m.consultantId, m.clientMessageId));
      return { message: toConsultMessage(row!, cipher, at), created: inserted !== null };
    },
    async listConsultMessages(conversationId, consultantId) {
      const list = await all(
        pool,
        `SELECT * FROM consult_messages WHERE conversation_id = $1
         AND ($2::text IS NULL OR consultant_id = $2) ORDER BY created_at, client_message_id LIMIT $3`,
        [conversationId, consultantId ?? null, CONSULT_THREAD_LIMIT],
      );
      return list.map((row) => toConsultMessage(row, cipher, at));
    },
  };
}
