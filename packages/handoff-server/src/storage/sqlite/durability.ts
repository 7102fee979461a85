import { HandoffServerError } from '../../internal/errors';
import type { DurabilityOps } from '../composed';
import { MAX_SCHEDULE_CLAIM, type ScheduleRecord } from '../durability';
import { iso } from '../rows';
import { nowIso } from '../shared';
import { type Row, readConversation, type SqliteContext, write } from './context';
import {
  appendInTransaction,
  compareAndSet,
  openMessage,
  saveTranscriptInTransaction,
} from './conversations';
import { putQueueEntry } from './queues';

function toSchedule(row: Row): ScheduleRecord {
  return {
    kind: String(row.kind),
    key: String(row.schedule_key),
    dueAt: String(row.due_at),
    version: Number(row.version),
    claimedBy: row.claimed_by === null ? null : String(row.claimed_by),
    claimedUntil: row.claimed_until === null ? null : String(row.claimed_until),
  };
}

/** Handoff commits in one `BEGIN IMMEDIATE` transaction; schedules claimed by conditional UPDATE. */
export function sqliteDurability(ctx: SqliteContext): DurabilityOps {
  const { db } = ctx;
  const setRow = (kind: string, key: string, dueAt: string) =>
    db
      .prepare(
        `INSERT INTO schedules (kind, schedule_key, due_at, version) VALUES (?, ?, ?, 1)
         ON CONFLICT (kind, schedule_key) DO UPDATE SET due_at = excluded.due_at,
           version = schedules.version + 1, claimed_by = NULL, claimed_until = NULL`,
      )
      .run(kind, key, iso(dueAt));

  return {
    async createHandoff(input) {
      return write(ctx, () => {
        const id = input.conversationId;
        const current = readConversation(ctx, id);
        if (current && current.patientId !== input.patientId) {
          throw new HandoffServerError('conflict');
        }
        if (current) {
          const earlier = db
            .prepare('SELECT * FROM messages WHERE conversation_id = ? AND client_message_id = ?')
            .get(id, input.entry.clientMessageId) as Row | undefined;
          if (earlier) {
            const message = openMessage(ctx, earlier);
            return { ok: true, conversation: current, previous: current, message, duplicate: true };
          }
        }
        const now = nowIso();
        let conversation = current;
        if (current) {
          const change = compareAndSet(ctx, id, {
            expected: input.reopenFrom,
            next: 'handoff_requested',
            priority: input.priority,
            assignedAgentId: null,
          });
          if (!change.ok) return { ok: false, reason: 'state_mismatch', current };
          conversation = change.conversation;
        } else {
          db.prepare(
            `INSERT INTO conversations (id, patient_id, state, queue, priority, assigned_agent_id,
              created_at, updated_at, ended_at, version, last_activity_at)
             VALUES (?, ?, 'handoff_requested', NULL, ?, NULL, ?, ?, NULL, 1, ?)`,
          ).run(id, input.patientId, input.priority, now, now, now);
          conversation = readConversation(ctx, id)!;
        }
        saveTranscriptInTransaction(ctx, id, input.transcript);
        const { message } = appendInTransaction(ctx, id, input.entry);
        db.prepare(
          `UPDATE conversations SET last_activity_at = ?,
             patient_time_zone = COALESCE(?, patient_time_zone) WHERE id = ?`,
        ).run(now, input.patientTimeZone ?? null, id);
        for (const deadline of input.deadlines ?? []) setRow(deadline.kind, id, deadline.dueAt);
        if (input.escalation)
          db.prepare(
            `INSERT INTO escalations (conversation_id, kind, requested_at) VALUES (?, ?, ?)
             ON CONFLICT DO NOTHING`,
          ).run(id, input.escalation.kind, iso(input.escalation.requestedAt));
        if (!input.enqueue)
          return { ok: true, conversation, previous: current, message, duplicate: false };
        const { queue } = input.enqueue;
        const queued = compareAndSet(
          ctx,
          id,
          { expected: 'handoff_requested', next: 'queued', queue, priority: input.priority },
          () => putQueueEntry(ctx, id, queue, input.priority, true),
        );
        if (!queued.ok) throw new HandoffServerError('conflict');
        const requested = conversation;
        return {
          ok: true,
          conversation: queued.conversation,
          previous: current,
          message,
          duplicate: false,
          requested,
        };
      });
    },

    async touchActivity(conversationId, at) {
      await write(ctx, () => {
        db.prepare(
          `UPDATE conversations SET last_activity_at = ?
           WHERE id = ? AND (last_activity_at IS NULL OR last_activity_at < ?)`,
        ).run(iso(at), conversationId, iso(at));
      });
    },

    async lastActivity(conversationId) {
      const row = db
        .prepare(
          'SELECT COALESCE(last_activity_at, updated_at) AS at FROM conversations WHERE id = ?',
        )
        .get(conversationId) as { at: string } | undefined;
      return row ? iso(row.at) : null;
    },

    async setSchedule(kind, key, dueAt) {
      await write(ctx, () => setRow(kind, key, dueAt));
    },

    async ensureSchedule(kind, key, dueAt) {
      return write(
        ctx,
        () =>
          db
            .prepare(
              `INSERT INTO schedules (kind, schedule_key, due_at, version) VALUES (?, ?, ?, 1)
               ON CONFLICT (kind, schedule_key) DO NOTHING`,
            )
            .run(kind, key, iso(dueAt)).changes === 1,
      );
    },

    async getSchedule(kind, key) {
      const row = db
        .prepare('SELECT * FROM schedules WHERE kind = ? AND schedule_key = ?')
        .get(kind, key) as Row | undefined;
      return row ? toSchedule(row) : null;
    },

    async clearSchedules(key, kinds) {
      if (kinds && kinds.length === 0) return 0;
      return write(ctx, () => {
        if (!kinds)
          return db.prepare('DELETE FROM schedules WHERE schedule_key = ?').run(key).changes;
        const marks = kinds.map(() => '?').join(', ');
        return db
          .prepare(`DELETE FROM schedules WHERE schedule_key = ? AND kind IN (${marks})`)
          .run(key, ...kinds).changes;
      });
    },

    async claimDueSchedules(claim) {
      const now = iso(claim.now);
      const until = new Date(Date.parse(now) + claim.leaseMs).toISOString();
      const limit = Math.max(0, Math.min(claim.limit, MAX_SCHEDULE_CLAIM));
      return write(ctx, () => {
        const claimed = db
          .prepare(
            `UPDATE schedules SET claimed_by = ?, claimed_until = ?
             WHERE rowid IN (SELECT rowid FROM schedules WHERE due_at <= ?
               AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY due_at LIMIT ?)
             RETURNING *`,
          )
          .all(claim.owner, until, now, now, limit) as Row[];
        return claimed.map(toSchedule).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
      });
    },

    async completeSchedule(row) {
      return write(
        ctx,
        () =>
          db
            .prepare('DELETE FROM schedules WHERE kind = ? AND schedule_key = ? AND version = ?')
            .run(row.kind, row.key, row.version).changes === 1,
      );
    },
  };
}
