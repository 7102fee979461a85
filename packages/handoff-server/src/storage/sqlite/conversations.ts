import type { Transcript } from '@baton/handoff-protocol';
import { HandoffServerError } from '../../internal/errors';
import type { ConversationOps } from '../composed';
import { aad } from '../crypto';
import type {
  AppendResult,
  ConversationChange,
  ConversationRecord,
  GuardedAppendResult,
  MessageRecord,
  NewMessage,
  StateUpdate,
} from '../records';
import * as rows from '../rows';
import { clampLimit, endedAtAfter, expectedStates, nowIso } from '../shared';
import { type Row, readConversation, type SqliteContext, write, writeAtomic } from './context';

/** Compare-and-set inside the caller's transaction; leaving `queued` drops the queue entry. */
export function compareAndSet(
  ctx: SqliteContext,
  id: string,
  update: StateUpdate,
  onApplied?: (c: ConversationRecord) => void,
): ConversationChange {
  const current = readConversation(ctx, id);
  if (!current) return { ok: false, reason: 'not_found', current: null };
  if (!expectedStates(update).includes(current.state)) {
    return { ok: false, reason: 'state_mismatch', current };
  }
  const now = nowIso();
  const row = ctx.db
    .prepare(
      `UPDATE conversations SET state = ?, queue = ?, priority = ?, assigned_agent_id = ?,
        updated_at = ?, ended_at = ?, version = version + 1 WHERE id = ? RETURNING *`,
    )
    .get(
      update.next,
      update.queue === undefined ? current.queue : update.queue,
      update.priority ?? current.priority,
      update.assignedAgentId === undefined ? current.assignedAgentId : update.assignedAgentId,
      now,
      endedAtAfter(update.next, current.endedAt, now),
      id,
    ) as Row;
  if (update.next !== 'queued') {
    ctx.db.prepare('DELETE FROM queue_entries WHERE conversation_id = ?').run(id);
  }
  // Read back in the same statement: no second read of the row.
  const conversation = rows.toConversation(row);
  onApplied?.(conversation);
  return { ok: true, conversation };
}

/** The conversation's last seq (0: none yet), undefined when there is no such conversation. */
function lastSeqOf(ctx: SqliteContext, conversationId: string): number | undefined {
  const row = ctx.db
    .prepare(
      `SELECT (SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = ?) AS last
       FROM conversations WHERE id = ?`,
    )
    .get(conversationId, conversationId) as { last: number } | undefined;
  return row?.last;
}

/**
 * Appends a message inside the caller's transaction: next seq, or the stored duplicate. The
 * seq is the conversation's highest plus one, read under the write lock (messages are never
 * deleted one by one, so no seq is taken twice); nothing else is written. `lastSeq`: that
 * highest seq, when the caller read it already in this transaction.
 */
export function appendInTransaction(
  ctx: SqliteContext,
  conversationId: string,
  message: NewMessage,
  lastSeq: number | undefined = lastSeqOf(ctx, conversationId),
): AppendResult {
  const { db, cipher } = ctx;
  if (lastSeq === undefined) throw new HandoffServerError('not_found', 'conversation not found');
  const seq = lastSeq + 1;
  const sealed = cipher.seal(message.body, aad.message(conversationId, seq));
  const record: MessageRecord = {
    conversationId,
    seq,
    clientMessageId: message.clientMessageId,
    from: message.from,
    senderId: message.senderId,
    body: message.body,
    kind: message.kind ?? 'message',
    createdAt: nowIso(),
  };
  // The duplicate check is the insert itself (one statement fewer per message): a client id
  // already stored inserts nothing and the stored record is returned.
  const inserted = db
    .prepare(
      `INSERT INTO messages (conversation_id, seq, client_message_id, sender_party, sender_id,
        kind, key_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (conversation_id, client_message_id) DO NOTHING`,
    )
    .run(
      conversationId,
      seq,
      record.clientMessageId,
      record.from,
      record.senderId,
      record.kind,
      sealed.keyId,
      sealed.data,
      record.createdAt,
    );
  if (inserted.changes === 0) {
    const existing = db
      .prepare('SELECT * FROM messages WHERE conversation_id = ? AND client_message_id = ?')
      .get(conversationId, message.clientMessageId) as Row | undefined;
    if (!existing) throw new HandoffServerError('conflict', 'message not stored');
    return { message: openMessage(ctx, existing), duplicate: true };
  }
  return { message: record, duplicate: false };
}

/**
 * The conversation read, `allow` asked and the message appended in the caller's transaction:
 * the read shares the group's transaction (no read transaction of its own).
 */
function appendIfAllowedInTransaction(
  ctx: SqliteContext,
  conversationId: string,
  message: NewMessage,
  allow: (conversation: ConversationRecord) => boolean,
): GuardedAppendResult {
  const row = ctx.db
    .prepare(
      `SELECT *, (SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = ?)
         AS baton_last_seq FROM conversations WHERE id = ?`,
    )
    .get(conversationId, conversationId) as Row | undefined;
  const conversation = row ? rows.toConversation(row) : null;
  if (!conversation || !allow(conversation)) return { ok: false, conversation };
  const appended = appendInTransaction(ctx, conversationId, message, Number(row!.baton_last_seq));
  return { ok: true, conversation, appended };
}

/** Saves or replaces the transcript inside the caller's transaction. */
export function saveTranscriptInTransaction(
  ctx: SqliteContext,
  conversationId: string,
  transcript: Transcript,
): void {
  const sealed = ctx.cipher.sealJson(transcript, aad.transcript(conversationId));
  ctx.db
    .prepare(
      `INSERT INTO transcripts (conversation_id, key_id, data, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET key_id = excluded.key_id,
         data = excluded.data, saved_at = excluded.saved_at`,
    )
    .run(conversationId, sealed.keyId, sealed.data, nowIso());
}

/** A message row with its body decrypted. */
export function openMessage(ctx: SqliteContext, row: Row): MessageRecord {
  const meta = rows.toMessageMeta(row);
  const body = ctx.cipher.open(
    { keyId: String(row.key_id), data: row.body as Buffer },
    aad.message(meta.conversationId, meta.seq),
  );
  return { ...meta, body };
}

/** Conversations, messages (encrypted bodies, per-conversation seq) and transcripts. */
export function sqliteConversations(ctx: SqliteContext): ConversationOps {
  const { db, cipher } = ctx;

  const toMessage = (row: Row): MessageRecord => openMessage(ctx, row);

  return {
    async createConversation(input) {
      const now = nowIso();
      const state = input.state ?? 'bot';
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO conversations (id, patient_id, state, queue, priority, assigned_agent_id,
            created_at, updated_at, ended_at, version) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 1)`,
        ).run(
          input.id,
          input.patientId,
          state,
          input.queue ?? null,
          input.priority ?? 'routine',
          now,
          now,
          endedAtAfter(state, null, now),
        );
        return readConversation(ctx, input.id)!;
      });
    },

    async getConversation(id) {
      return readConversation(ctx, id);
    },

    async listConversations(filter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.states) {
        if (filter.states.length === 0) return [];
        where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
        params.push(...filter.states);
      }
      if (filter.patientId !== undefined) {
        where.push('patient_id = ?');
        params.push(filter.patientId);
      }
      if (filter.assignedAgentId !== undefined) {
        where.push('assigned_agent_id = ?');
        params.push(filter.assignedAgentId);
      }
      const sql = `SELECT * FROM conversations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at, id`;
      return (db.prepare(sql).all(...params) as Row[]).map(rows.toConversation);
    },

    async listPatientConversations(patientId, options) {
      const sql = `SELECT * FROM conversations WHERE patient_id = ? AND id <> ?
        ORDER BY created_at DESC, id DESC LIMIT ?`;
      const limit = Math.min(100, Math.max(1, Math.floor(options.limit)));
      const list = db.prepare(sql).all(patientId, options.excludeId ?? '', limit) as Row[];
      return list.map(rows.toConversation);
    },

    async updateState(id, update) {
      return write(ctx, () => compareAndSet(ctx, id, update));
    },

    async appendMessage(conversationId, message) {
      // One INSERT, last: no savepoint needed (a failure writes nothing).
      return writeAtomic(ctx, () => appendInTransaction(ctx, conversationId, message));
    },

    async appendIfAllowed(conversationId, message, allow) {
      return writeAtomic(ctx, () =>
        appendIfAllowedInTransaction(ctx, conversationId, message, allow),
      );
    },

    async listMessages(conversationId, options = {}) {
      const list = db
        .prepare(
          'SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
        )
        .all(conversationId, options.afterSeq ?? 0, clampLimit(options.limit)) as Row[];
      return list.map(toMessage);
    },

    async getTranscript(conversationId) {
      const row = db
        .prepare('SELECT key_id, data FROM transcripts WHERE conversation_id = ?')
        .get(conversationId) as { key_id: string; data: Buffer } | undefined;
      if (!row) return null;
      return cipher.openJson<Transcript>(
        { keyId: row.key_id, data: row.data },
        aad.transcript(conversationId),
      );
    },
  };
}
