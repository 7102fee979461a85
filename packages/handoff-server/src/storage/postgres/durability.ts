import { HandoffServerError } from '../../internal/errors';
import type { DurabilityOps } from '../composed';
import { aad } from '../crypto';
import { MAX_SCHEDULE_CLAIM, type ScheduleRecord } from '../durability';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { appendInTransaction, openMessage } from './append';
import {
  affected,
  all,
  one,
  type PostgresContext,
  type Queryable,
  query,
  type Row,
  transaction,
} from './context';
import { compareAndSet } from './conversations';
import { putQueueEntry } from './queues';

function toSchedule(row: Row): ScheduleRecord {
  return {
    kind: String(row.kind),
    key: String(row.schedule_key),
    dueAt: rows.iso(row.due_at as Date),
    version: Number(row.version),
    claimedBy: row.claimed_by === null ? null : String(row.claimed_by),
    claimedUntil: row.claimed_until === null ? null : rows.iso(row.claimed_until as Date),
  };
}

const UPSERT_SCHEDULE = `INSERT INTO schedules (kind, schedule_key, due_at, version)
  VALUES ($1, $2, $3, 1) ON CONFLICT (kind, schedule_key) DO UPDATE SET due_at = excluded.due_at,
  version = schedules.version + 1, claimed_by = NULL, claimed_until = NULL`;

function setRow(db: Queryable, kind: string, key: string, dueAt: string) {
  return query(db, UPSERT_SCHEDULE, [kind, key, rows.iso(dueAt)]);
}

/** Handoff commits in one transaction; schedules claimed with `FOR UPDATE SKIP LOCKED`. */
export function postgresDurability(ctx: PostgresContext): DurabilityOps {
  const { pool, cipher } = ctx;

  return {
    async createHandoff(input) {
      const id = input.conversationId;
      const sealed = cipher.sealJson(input.transcript, aad.transcript(id));
      return transaction(ctx, async (db) => {
        const now = nowIso();
        const inserted = await one(
          db,
          `INSERT INTO conversations (id, patient_id, state, queue, priority, assigned_agent_id,
            created_at, updated_at, ended_at, version, last_activity_at)
           VALUES ($1, $2, 'handoff_requested', NULL, $3, NULL, $4, $4, NULL, 1, $4)
           ON CONFLICT (id) DO NOTHING RETURNING *`,
          [id, input.patientId, input.priority, now],
        );
        let conversation = inserted ? rows.toConversation(inserted) : null;
        let previous = null;
        if (!conversation) {
          const locked = await one(db, 'SELECT * FROM conversations WHERE id = $1 FOR UPDATE', [
            id,
          ]);
          const current = rows.toConversation(locked!);
          if (current.patientId !== input.patientId) throw new HandoffServerError('conflict');
          const earlier = await one(
            db,
            'SELECT * FROM messages WHERE conversation_id = $1 AND client_message_id = $2',
            [id, input.entry.clientMessageId],
          );
          if (earlier) {
            const message = openMessage(ctx, earlier);
            return { ok: true, conversation: current, previous: current, message, duplicate: true };
          }
          const change = await compareAndSet(
            db,
            id,
            { next: 'handoff_requested', priority: input.priority, assignedAgentId: null },
            'state = ANY($10::text[])',
            [[...input.reopenFrom]],
          );
          if (!change.ok) return { ok: false, reason: 'state_mismatch', current };
          conversation = change.conversation;
          previous = current;
        }
        await query(
          db,
          `INSERT INTO transcripts (conversation_id, key_id, data, saved_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (conversation_id) DO UPDATE SET key_id = excluded.key_id,
             data = excluded.data, saved_at = excluded.saved_at`,
          [id, sealed.keyId, sealed.data],
        );
        const { message } = await appendInTransaction(ctx, db, id, input.entry);
        await query(
          db,
          `UPDATE conversations SET last_activity_at = $2,
             patient_time_zone = COALESCE($3, patient_time_zone) WHERE id = $1`,
          [id, now, input.patientTimeZone ?? null],
        );
        for (const deadline of input.deadlines ?? []) {
          await setRow(db, deadline.kind, id, deadline.dueAt);
        }
        if (input.escalation)
          await query(
            db,
            `INSERT INTO escalations (conversation_id, kind, requested_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [id, input.escalation.kind, rows.iso(input.escalation.requestedAt)],
          );
        if (!input.enqueue) return { ok: true, conversation, previous, message, duplicate: false };
        const { queue } = input.enqueue;
        const queued = await compareAndSet(
          db,
          id,
          { next: 'queued', queue, priority: input.priority, assignedAgentId: null },
          "state = 'handoff_requested'",
          [],
        );
        if (!queued.ok) throw new HandoffServerError('conflict');
        await putQueueEntry(db, id, queue, input.priority, true);
        return {
          ok: true,
          conversation: queued.conversation,
          previous,
          message,
          duplicate: false,
          requested: conversation,
        };
      });
    },

    async touchActivity(conversationId, at) {
      await query(
        pool,
        `UPDATE conversations SET last_activity_at = $2
         WHERE id = $1 AND (last_activity_at IS NULL OR last_activity_at < $2)`,
        [conversationId, rows.iso(at)],
      );
    },

    async lastActivity(conversationId) {
      const row = await one(
        pool,
        'SELECT COALESCE(last_activity_at, updated_at) AS at FROM conversations WHERE id = $1',
        [conversationId],
      );
      return row ? rows.iso(row.at as Date) : null;
    },

    async setSchedule(kind, key, dueAt) {
      await setRow(pool, kind, key, dueAt);
    },

    async ensureSchedule(kind, key, dueAt) {
      const created = await affected(
        pool,
        `INSERT INTO schedules (kind, schedule_key, due_at, version) VALUES ($1, $2, $3, 1)
         ON CONFLICT (kind, schedule_key) DO NOTHING`,
        [kind, key, rows.iso(dueAt)],
      );
      return created === 1;
    },

    async getSchedule(kind, key) {
      const row = await one(pool, 'SELECT * FROM schedules WHERE kind = $1 AND schedule_key = $2', [
        kind,
        key,
      ]);
      return row ? toSchedule(row) : null;
    },

    async clearSchedules(key, kinds) {
      if (kinds && kinds.length === 0) return 0;
      return affected(
        pool,
        'DELETE FROM schedules WHERE schedule_key = $1 AND ($2::text[] IS NULL OR kind = ANY($2::text[]))',
        [key, kinds ? [...kinds] : null],
      );
    },

    async claimDueSchedules(claim) {
      const now = rows.iso(claim.now);
      const until = new Date(Date.parse(now) + claim.leaseMs).toISOString();
      const limit = Math.max(0, Math.min(claim.limit, MAX_SCHEDULE_CLAIM));
      const claimed = await all(
        pool,
        `UPDATE schedules s SET claimed_by = $1, claimed_until = $2
         FROM (SELECT kind, schedule_key FROM schedules
               WHERE due_at <= $3 AND (claimed_until IS NULL OR claimed_until <= $3)
               ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
         WHERE s.kind = due.kind AND s.schedule_key = due.schedule_key
         RETURNING s.*`,
        [claim.owner, until, now, limit],
      );
      return claimed.map(toSchedule).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
    },

    async completeSchedule(row) {
      const deleted = await affected(
        pool,
        'DELETE FROM schedules WHERE kind = $1 AND schedule_key = $2 AND version = $3',
        [row.kind, row.key, row.version],
      );
      return deleted === 1;
    },
  };
}
