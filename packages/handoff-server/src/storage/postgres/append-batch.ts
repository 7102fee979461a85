import { setImmediate } from 'node:timers';
import { HandoffServerError } from '../../internal/errors';
import { integerArray, textArray } from './array-literals';
import { type PostgresContext, queryConfig, type Row } from './context';
import { ackedPathTypes } from './row-types';

/** Most appends joined in one statement; the rest wait for the next one. */
const MAX_BATCH = 256;
/**
 * Batches in flight at once per node. While they wait for their commit the next appends
 * gather, so under load each fsync'd commit carries many messages (group commit).
 */
const MAX_IN_FLIGHT = 2;

/** One optimistic append: the sealed row to insert if `seq` is still the conversation's next. */
export interface PendingAppend {
  conversationId: string;
  seq: number;
  clientMessageId: string;
  from: string;
  senderId: string;
  kind: string;
  keyId: string;
  body: Buffer;
  createdAt: string;
}

/**
 * `duplicate: false` when the row was inserted (no other column: the caller has them), the
 * row stored earlier under the same client id (`duplicate: true`), or null when `seq` was no
 * longer the next one (another writer won).
 */
export type AppendOutcome = Row | null;

/**
 * The row to answer with: for an insert only `duplicate: false` and the conversation (the
 * caller knows everything else it wrote; nothing to decode, no ciphertext sent back), for a
 * duplicate the stored row, to open.
 */
const OUTCOME = `SELECT false AS duplicate, conversation_id, NULL::integer AS seq,
    NULL::text AS client_message_id, NULL::text AS sender_party, NULL::text AS sender_id,
    NULL::text AS kind, NULL::text AS key_id, NULL::bytea AS body, NULL::timestamptz AS created_at
  FROM inserted
  UNION ALL SELECT true AS duplicate, conversation_id, seq, client_message_id, sender_party,
    sender_id, kind, key_id, body, created_at FROM earlier`;

/**
 * One statement (one round trip, its own transaction): returns the earlier row of this
 * `client_message_id` if there is one; otherwise takes `seq` if it is still the next one
 * (compare-and-set on `last_seq`) and inserts the message with it.
 */
export const APPEND_ONE = `WITH earlier AS (
    SELECT * FROM messages WHERE conversation_id = $1 AND client_message_id = $3
  ), bumped AS (
    UPDATE conversations SET last_seq = $2::integer WHERE id = $1 AND last_seq = $2::integer - 1
      AND NOT EXISTS (SELECT 1 FROM earlier) RETURNING id
  ), inserted AS (
    INSERT INTO messages (conversation_id, seq, client_message_id, sender_party, sender_id,
      kind, key_id, body, created_at)
    SELECT $1::text, $2::integer, $3::text, $4::text, $5::text, $6::text, $7::text, $8::bytea,
      $9::timestamptz FROM bumped RETURNING conversation_id
  )
  ${OUTCOME}`;

/**
 * The same compare-and-set for many conversations (at most one append each) in one
 * statement: one round trip and one fsync'd commit for the whole batch, all or nothing.
 * The bodies travel as one binary `bytea` ($8, sliced by $10 starts and $11 lengths), not as
 * a `bytea[]` literal of hex text.
 */
const APPEND_MANY = `WITH input AS (
    SELECT t.conversation_id, t.seq, t.client_message_id, t.sender_party, t.sender_id, t.kind,
      t.key_id, substring($8::bytea FROM t.body_start FOR t.body_length) AS body, t.created_at
    FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[],
      $7::text[], $9::timestamptz[], $10::integer[], $11::integer[])
      AS t(conversation_id, seq, client_message_id, sender_party, sender_id, kind, key_id,
        created_at, body_start, body_length)
  ), earlier AS (
    SELECT m.* FROM messages m JOIN input i
      ON m.conversation_id = i.conversation_id AND m.client_message_id = i.client_message_id
  ), bumped AS (
    UPDATE conversations c SET last_seq = i.seq FROM input i
      WHERE c.id = i.conversation_id AND c.last_seq = i.seq - 1
        AND NOT EXISTS (SELECT 1 FROM earlier e WHERE e.conversation_id = i.conversation_id)
      RETURNING c.id
  ), inserted AS (
    INSERT INTO messages (conversation_id, seq, client_message_id, sender_party, sender_id,
      kind, key_id, body, created_at)
    SELECT i.* FROM input i JOIN bumped b ON b.id = i.conversation_id RETURNING conversation_id
  )
  ${OUTCOME}`;

interface Waiting {
  item: PendingAppend;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for PostgreSQL's acked path: the optimistic appends asked for while earlier
 * batches wait for their commit are sent together as one statement, so one fsync'd commit
 * acknowledges all of them. A lone append uses the one-row statement. Each caller gets its
 * own outcome; a batch that fails as a whole (a concurrent insert of the same client id, a
 * deadlock with another node) wrote nothing and is retried one statement per append, so
 * each gets its own typed error; a lost connection rejects the batch with
 * `store_unavailable`. Appends of one conversation never share a batch (order per
 * conversation is kept by the caller's serial queue; a second one waits for the next batch).
 */
export class PostgresAppendBatcher {
  readonly #ctx: PostgresContext;
  #waiting: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(ctx: PostgresContext) {
    this.#ctx = ctx;
  }

  append(item: PendingAppend): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= MAX_IN_FLIGHT || this.#waiting.length === 0) return;
    this.#scheduled = true;
    // The appends asked for in this event-loop turn join the batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#send();
    });
  }

  #send(): void {
    if (this.#inFlight >= MAX_IN_FLIGHT || this.#waiting.length === 0) return;
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const conversations = new Set<string>();
    for (const waiting of this.#waiting) {
      const id = waiting.item.conversationId;
      if (batch.length < MAX_BATCH && !conversations.has(id)) {
        conversations.add(id);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.#waiting = rest;
    this.#inFlight += 1;
    const done = batch.length === 1 ? this.#runOne(batch[0]!) : this.#runMany(batch);
    void done.finally(() => {
      this.#inFlight -= 1;
      this.#schedule();
    });
  }

  async #runOne(waiting: Waiting): Promise<void> {
    try {
      waiting.resolve(await appendOne(this.#ctx, waiting.item));
    } catch (error) {
      waiting.reject(error);
    }
  }

  async #runMany(batch: Waiting[]): Promise<void> {
    // A stable lock order between nodes' batches (fewer deadlocks to retry).
    batch.sort((a, b) => (a.item.conversationId < b.item.conversationId ? -1 : 1));
    const items = batch.map((waiting) => waiting.item);
    let rows: Row[];
    try {
      rows = await queryConfig(this.#ctx.pool, {
        name: 'baton_append_many',
        text: APPEND_MANY,
        values: columns(items),
        types: ackedPathTypes,
      });
    } catch (error) {
      if (!retryAlone(error)) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      // Nothing of the batch was written: each append on its own, each with its own outcome.
      await Promise.all(batch.map((waiting) => this.#runOne(waiting)));
      return;
    }
    const byConversation = new Map<string, Row>();
    for (const row of rows) byConversation.set(String(row.conversation_id), row);
    for (const waiting of batch) {
      waiting.resolve(byConversation.get(waiting.item.conversationId) ?? null);
    }
  }
}

/** The one-row statement (the conflict of a concurrent same client id is a lost race). */
export async function appendOne(ctx: PostgresContext, item: PendingAppend): Promise<AppendOutcome> {
  try {
    const rows = await queryConfig(ctx.pool, {
      name: 'baton_append_one',
      text: APPEND_ONE,
      types: ackedPathTypes,
      values: [
        item.conversationId,
        item.seq,
        item.clientMessageId,
        item.from,
        item.senderId,
        item.kind,
        item.keyId,
        item.body,
        item.createdAt,
      ],
    });
    return rows[0] ?? null;
  } catch (error) {
    // The same client id inserted meanwhile by another writer: the caller reads it next try.
    if (HandoffServerError.is(error, 'conflict')) return null;
    throw error;
  }
}

/** A unique violation (`conflict`) or a deadlock (40P01) aborted the whole statement. */
function retryAlone(error: unknown): boolean {
  if (HandoffServerError.is(error, 'conflict')) return true;
  return error instanceof Error && 'code' in error && String(error.code) === '40P01';
}

function columns(items: PendingAppend[]): unknown[] {
  const starts: number[] = [];
  const lengths: number[] = [];
  let start = 1; // substring() counts from 1
  for (const item of items) {
    starts.push(start);
    lengths.push(item.body.length);
    start += item.body.length;
  }
  const text = (pick: (item: PendingAppend) => string) => textArray(items.map(pick));
  return [
    text((item) => item.conversationId),
    integerArray(items.map((item) => item.seq)),
    text((item) => item.clientMessageId),
    text((item) => item.from),
    text((item) => item.senderId),
    text((item) => item.kind),
    text((item) => item.keyId),
    Buffer.concat(items.map((item) => item.body)),
    text((item) => item.createdAt),
    integerArray(starts),
    integerArray(lengths),
  ];
}
