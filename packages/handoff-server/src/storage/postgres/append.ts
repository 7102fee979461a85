import { KeyedSerialQueue } from '../../engine/serial-queue';
import { HandoffServerError } from '../../internal/errors';
import { aad } from '../crypto';
import type { AppendResult, MessageRecord, NewMessage } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { PostgresAppendBatcher } from './append-batch';
import { one, type PostgresContext, type Queryable, query, type Row, transaction } from './context';

/** Hints kept per node; beyond this they are dropped and re-read on the next append. */
const MAX_HINTS = 100_000;
/** Optimistic tries before taking the row lock (several nodes writing one conversation). */
const OPTIMISTIC_ATTEMPTS = 2;
/** This node's appends of one conversation run one after another: they never race each other. */
const appendsInOrder = new WeakMap<PostgresContext, KeyedSerialQueue>();
/** This node's optimistic appends, committed in groups (see `PostgresAppendBatcher`). */
const batchers = new WeakMap<PostgresContext, PostgresAppendBatcher>();

/**
 * Appends a message in one round trip when this node knows the conversation's last seq (its
 * own previous append told it): the body is sealed for `seq = last + 1` and the statement
 * commits only if that is still the next seq. Another writer got there first (another node,
 * a handoff commit): the last seq is read again and the append retried, so seq stays gapless
 * and unique, and a repeated `clientMessageId` still returns the stored record. Appends of
 * several conversations asked for together share one statement and one commit. After
 * {@link OPTIMISTIC_ATTEMPTS} lost races it takes the row lock (`SELECT … FOR UPDATE`).
 */
export function appendWithSeqHint(
  ctx: PostgresContext,
  conversationId: string,
  message: NewMessage,
): Promise<AppendResult> {
  let queue = appendsInOrder.get(ctx);
  if (!queue) {
    queue = new KeyedSerialQueue();
    appendsInOrder.set(ctx, queue);
  }
  return queue.run(conversationId, () => appendOnce(ctx, conversationId, message));
}

async function appendOnce(
  ctx: PostgresContext,
  conversationId: string,
  message: NewMessage,
): Promise<AppendResult> {
  const { pool, cipher, lastSeq } = ctx;
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt += 1) {
    let last = lastSeq.get(conversationId);
    if (last === undefined) {
      const row = await one(pool, 'SELECT last_seq FROM conversations WHERE id = $1', [
        conversationId,
      ]);
      if (!row) throw new HandoffServerError('not_found', 'conversation not found');
      last = Number(row.last_seq);
    }
    const seq = last + 1;
    const sealed = cipher.seal(message.body, aad.message(conversationId, seq));
    const kind = message.kind ?? 'message';
    const createdAt = isoNow();
    const row = await batcherOf(ctx).append({
      conversationId,
      seq,
      clientMessageId: message.clientMessageId,
      from: message.from,
      senderId: message.senderId,
      kind,
      keyId: sealed.keyId,
      body: sealed.data,
      createdAt,
    });
    if (row?.duplicate === true) return { message: openMessage(ctx, row), duplicate: true };
    if (row) {
      remember(lastSeq, conversationId, seq);
      // Inserted as sent: the record is what this node wrote (the statement returns no copy).
      const { clientMessageId, from, senderId, body } = message;
      return {
        message: { conversationId, seq, clientMessageId, from, senderId, kind, createdAt, body },
        duplicate: false,
      };
    }
    lastSeq.delete(conversationId);
  }
  const locked = await transaction(ctx, (db) =>
    appendInTransaction(ctx, db, conversationId, message),
  );
  if (!locked.duplicate) remember(lastSeq, conversationId, locked.message.seq);
  return locked;
}

let lastMs = 0;
let lastIso = new Date(0).toISOString();

/** `nowIso()`, formatted once per millisecond: many appends of a busy turn share it. */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function batcherOf(ctx: PostgresContext): PostgresAppendBatcher {
  let batcher = batchers.get(ctx);
  if (!batcher) {
    batcher = new PostgresAppendBatcher(ctx);
    batchers.set(ctx, batcher);
  }
  return batcher;
}

export function remember(hints: Map<string, number>, conversationId: string, seq: number): void {
  if (hints.size >= MAX_HINTS && !hints.has(conversationId)) hints.clear();
  hints.set(conversationId, seq);
}

/** Appends inside the caller's transaction (row lock on the conversation for the seq). */
export async function appendInTransaction(
  ctx: PostgresContext,
  db: Queryable,
  conversationId: string,
  message: NewMessage,
): Promise<AppendResult> {
  const { cipher } = ctx;
  const locked = await one(db, 'SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE', [
    conversationId,
  ]);
  if (!locked) throw new HandoffServerError('not_found', 'conversation not found');
  const existing = await one(
    db,
    'SELECT * FROM messages WHERE conversation_id = $1 AND client_message_id = $2',
    [conversationId, message.clientMessageId],
  );
  if (existing) return { message: openMessage(ctx, existing), duplicate: true };
  const seq = Number(locked.last_seq) + 1;
  await query(db, 'UPDATE conversations SET last_seq = $2 WHERE id = $1', [conversationId, seq]);
  const sealed = cipher.seal(message.body, aad.message(conversationId, seq));
  const row = await one(
    db,
    `INSERT INTO messages (conversation_id, seq, client_message_id, sender_party, sender_id,
      kind, key_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      conversationId,
      seq,
      message.clientMessageId,
      message.from,
      message.senderId,
      message.kind ?? 'message',
      sealed.keyId,
      sealed.data,
      nowIso(),
    ],
  );
  return { message: { ...rows.toMessageMeta(row!), body: message.body }, duplicate: false };
}

/** A message row with its body decrypted. */
export function openMessage(ctx: PostgresContext, row: Row): MessageRecord {
  const meta = rows.toMessageMeta(row);
  const body = ctx.cipher.open(
    { keyId: String(row.key_id), data: row.body as Buffer },
    aad.message(meta.conversationId, meta.seq),
  );
  return { ...meta, body };
}
