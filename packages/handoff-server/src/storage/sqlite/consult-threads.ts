import {
  CONSULT_THREAD_LIMIT,
  type ConsultMessageRecord,
  type ConsultThreadOps,
  consultAad,
  type SealedConsultBody,
} from '../consult-threads';
import type { FieldCipher } from '../crypto';
import { iso } from '../rows';
import { nowIso } from '../shared';
import { type Row, requireConversation, type SqliteContext, write } from './context';

export function toConsultMessage(
  row: Row,
  cipher: FieldCipher,
  at: (value: unknown) => string,
): ConsultMessageRecord {
  const conversationId = String(row.conversation_id);
  const consultantId = String(row.consultant_id);
  const clientMessageId = String(row.client_message_id);
  const body = cipher.openJson<SealedConsultBody>(
    { keyId: String(row.key_id), data: row.body as Buffer },
    consultAad(conversationId, consultantId, clientMessageId),
  );
  return {
    id: body.id,
    conversationId,
    consultantId,
    clientMessageId,
    author: body.author,
    text: body.text,
    createdAt: at(row.created_at),
  };
}

const at = (value: unknown) => iso(String(value));

/** Consultation threads (migration 14). */
export function sqliteConsultThreads(ctx: SqliteContext): ConsultThreadOps {
  const { db, cipher } = ctx;
  const find = (conversationId: string, consultantId: string, clientMessageId: string) =>
    db
      .prepare(
        `SELECT * FROM consult_messages WHERE conversation_id = ? AND consultant_id = ?
         AND client_message_id = ?`,
      )
      .get(conversationId, consultantId, clientMessageId) as Row | undefined;
  return {
    async appendConsultMessage(m) {
      return write(ctx, () => {
        requireConversation(ctx, m.conversationId);
        const existing = find(m.conversationId, m.consultantId, m.clientMessageId);
        if (existing) return { message: toConsultMessage(existing, cipher, at), created: false };
        const sealed = cipher.sealJson(
          { id: m.id, author: m.author, text: m.text } satisfies SealedConsultBody,
          consultAad(m.conversationId, m.consultantId, m.clientMessageId),
        );
        db.prepare(
          `INSERT INTO consult_messages (conversation_id, consultant_id, client_message_id,
            author_id, key_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          m.conversationId,
          m.consultantId,
          m.clientMessageId,
          m.author.id,
          sealed.keyId,
          sealed.data,
          nowIso(),
        );
        const row = find(m.conversationId, m.consultantId, m.clientMessageId)!;
        return { message: toConsultMessage(row, cipher, at), created: true };
      });
    },
    async listConsultMessages(conversationId, consultantId) {
      const list = db
        .prepare(
          `SELECT * FROM consult_messages WHERE conversation_id = ?
           AND (? IS NULL OR consultant_id = ?) ORDER BY created_at, rowid LIMIT ?`,
        )
        .all(
          conversationId,
          consultantId ?? null,
          consultantId ?? null,
          CONSULT_THREAD_LIMIT,
        ) as Row[];
      return list.map((row) => toConsultMessage(row, cipher, at));
    },
  };
}
