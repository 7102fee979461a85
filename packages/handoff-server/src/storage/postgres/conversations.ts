import type { Transcript } from '@baton/handoff-protocol';
import type { ConversationOps } from '../composed';
import { aad } from '../crypto';
import { appendIfAllowedByReading } from '../guarded-append';
import type { ConversationChange, MessageRecord, StateUpdate } from '../records';
import { FINISHED_STATES } from '../records';
import * as rows from '../rows';
import { clampLimit, expectedStates, nowIso } from '../shared';
import { appendWithSeqHint, openMessage } from './append';
import {
  all,
  one,
  type PostgresContext,
  type Queryable,
  query,
  type Row,
  readConversation,
  transaction,
} from './context';
import { ConversationReadBatcher } from './read-batch';

/** Sets state (and optionally queue, priority, assignee) when the WHERE clause still holds. */
const CAS_UPDATE = `UPDATE conversations SET state = $2,
  queue = CASE WHEN $3::boolean THEN $4 ELSE queue END,
  priority = COALESCE($5, priority),
  assigned_agent_id = CASE WHEN $6::boolean THEN $7 ELSE assigned_agent_id END,
  ended_at = CASE WHEN $8::boolean THEN COALESCE(ended_at, $9::timestamptz) ELSE NULL END,
  updated_at = $9::timestamptz, version = version + 1`;

/**
 * One conditional UPDATE (`where` uses $10…); on a miss, reads the row to say why. Leaving
 * `queued` drops the queue entry.
 */
export async function compareAndSet(
  db: Queryable,
  id: string,
  update: Omit<StateUpdate, 'expected'>,
  where: string,
  whereParams: unknown[],
): Promise<ConversationChange> {
  const params = [
    id,
    update.next,
    update.queue !== undefined,
    update.queue ?? null,
    update.priority ?? null,
    update.assignedAgentId !== undefined,
    update.assignedAgentId ?? null,
    FINISHED_STATES.has(update.next),
    nowIso(),
    ...whereParams,
  ];
  const row = await one(db, `${CAS_UPDATE} WHERE id = $1 AND ${where} RETURNING *`, params);
  if (row) {
    if (update.next !== 'queued') {
      await query(db, 'DELETE FROM queue_entries WHERE conversation_id = $1', [id]);
    }
    return { ok: true, conversation: rows.toConversation(row) };
  }
  const current = await readConversation(db, id);
  if (!current) return { ok: false, reason: 'not_found', current: null };
  return { ok: false, reason: 'state_mismatch', current };
}

/** Conversations, messages (seq under a row lock, encrypted bodies) and transcripts. */
export function postgresConversations(ctx: PostgresContext): ConversationOps {
  const { pool, cipher } = ctx;

  const toMessage = (row: Row): MessageRecord => openMessage(ctx, row);
  // Reads asked for in one event-loop turn share one statement (the acked path's read).
  const reads = new ConversationReadBatcher(ctx);

  return {
    async createConversation(input) {
      const now = nowIso();
      const state = input.state ?? 'bot';
      const row = await one(
        pool,
        `INSERT INTO conversations (id, patient_id, state, queue, priority, assigned_agent_id,
          created_at, updated_at, ended_at, version) VALUES ($1, $2, $3, $4, $5, NULL, $6, $6, $7, 1)
         RETURNING *`,
        [
          input.id,
          input.patientId,
          state,
          input.queue ?? null,
          input.priority ?? 'routine',
          now,
          FINISHED_STATES.has(state) ? now : null,
        ],
      );
      return rows.toConversation(row!);
    },

    async getConversation(id) {
      return reads.read(id);
    },

    async listConversations(filter = {}) {
      const list = await all(
        pool,
        `SELECT * FROM conversations WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))
         AND ($2::text IS NULL OR patient_id = $2) AND ($3::text IS NULL OR assigned_agent_id = $3)
         ORDER BY created_at, id`,
        [
          filter.states ? [...filter.states] : null,
          filter.patientId ?? null,
          filter.assignedAgentId ?? null,
        ],
      );
      return list.map(rows.toConversation);
    },

    async listPatientConversations(patientId, options) {
      const list = await all(
        pool,
        `SELECT * FROM conversations WHERE patient_id = $1 AND id <> $2
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [patientId, options.excludeId ?? '', Math.min(100, Math.max(1, Math.floor(options.limit)))],
      );
      return list.map(rows.toConversation);
    },

    async updateState(id, update) {
      return transaction(ctx, (db) =>
        compareAndSet(db, id, update, 'state = ANY($10::text[])', [[...expectedStates(update)]]),
      );
    },

    async appendIfAllowed(conversationId, message, allow) {
      return appendIfAllowedByReading(this, conversationId, message, allow);
    },

    async appendMessage(conversationId, message) {
      return appendWithSeqHint(ctx, conversationId, message);
    },

    async listMessages(conversationId, options = {}) {
      const list = await all(
        pool,
        'SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [conversationId, options.afterSeq ?? 0, clampLimit(options.limit)],
      );
      return list.map(toMessage);
    },

    async getTranscript(conversationId) {
      const row = await one(
        pool,
        'SELECT key_id, data FROM transcripts WHERE conversation_id = $1',
        [conversationId],
      );
      if (!row) return null;
      return cipher.openJson<Transcript>(
        { keyId: String(row.key_id), data: row.data as Buffer },
        aad.transcript(conversationId),
      );
    },
  };
}
