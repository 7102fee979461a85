import type { FollowUpOps } from '../composed';
import {
  type FollowUpChange,
  type FollowUpItemRecord,
  QUEUE_WAIT_LIMIT,
  SYSTEM_ACTOR_ID,
} from '../followup-records';
import { toFollowUp, toQueueWait } from '../followup-rows';
import { followUpAad, followUpLimit } from '../followup-rules';
import { nowIso } from '../shared';
import { type Row, requireConversation, type SqliteContext, write } from './context';

/** The follow-up worklist in SQLite: what the patient asked and the note are sealed. */
export function sqliteFollowUps(ctx: SqliteContext): FollowUpOps {
  const { db, cipher } = ctx;
  const read = (id: string): FollowUpItemRecord | null => {
    const row = db.prepare('SELECT * FROM follow_ups WHERE id = ?').get(id) as Row | undefined;
    return row ? toFollowUp(cipher, row) : null;
  };
  const refused = (id: string, reason: 'status_mismatch' | 'not_claimant'): FollowUpChange => ({
    ok: false,
    reason,
    current: read(id),
  });
  return {
    async createFollowUp(input) {
      return write(ctx, () => {
        const existing = db
          .prepare('SELECT * FROM follow_ups WHERE cause_key = ?')
          .get(input.key) as Row | undefined;
        if (existing) return { item: toFollowUp(cipher, existing), created: false };
        requireConversation(ctx, input.conversationId);
        const sealed = cipher.sealJson(input.detail, followUpAad.detail(input.id));
        db.prepare(
          `INSERT INTO follow_ups (id, cause_key, conversation_id, queue, priority, patient_id, kind,
             key_id, detail, created_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
        ).run(
          input.id,
          input.key,
          input.conversationId,
          input.queue,
          input.priority,
          input.patientId,
          input.kind,
          sealed.keyId,
          sealed.data,
          nowIso(),
        );
        return { item: read(input.id) as FollowUpItemRecord, created: true };
      });
    },
    async getFollowUp(id) {
      return read(id);
    },
    async listFollowUps(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter?.statuses) {
        where.push(`status IN (${filter.statuses.map(() => '?').join(', ') || 'NULL'})`);
        params.push(...filter.statuses);
      }
      if (filter?.queues) {
        where.push(`queue IN (${filter.queues.map(() => '?').join(', ') || 'NULL'})`);
        params.push(...filter.queues);
      }
      const sql = `SELECT * FROM follow_ups ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at, id LIMIT ?`;
      const found = db.prepare(sql).all(...params, followUpLimit(filter)) as Row[];
      return found.map((row) => toFollowUp(cipher, row));
    },
    async claimFollowUp(id, agentId) {
      return write(ctx, () => {
        const done = db
          .prepare(
            `UPDATE follow_ups SET status = 'claimed', claimed_by = ?, claimed_at = ?
             WHERE id = ? AND status = 'open'`,
          )
          .run(agentId, nowIso(), id);
        if (done.changes === 1) return { ok: true, item: read(id) as FollowUpItemRecord };
        const current = read(id);
        return current
          ? refused(id, 'status_mismatch')
          : { ok: false, reason: 'not_found', current };
      });
    },
    async closeFollowUp(id, agentId, outcomeNote) {
      return write(ctx, () => {
        const current = read(id);
        if (!current) return { ok: false, reason: 'not_found', current: null };
        if (current.status !== 'claimed') return refused(id, 'status_mismatch');
        if (current.claimedBy !== agentId) return refused(id, 'not_claimant');
        const sealed = cipher.seal(outcomeNote, followUpAad.note(id));
        db.prepare(
          `UPDATE follow_ups SET status = 'closed', note_key_id = ?, outcome_note = ?, closed_at = ?
           WHERE id = ? AND status = 'claimed' AND claimed_by = ?`,
        ).run(sealed.keyId, sealed.data, nowIso(), id, agentId);
        return { ok: true, item: read(id) as FollowUpItemRecord };
      });
    },
    async followUpStats(closedSince) {
      const row = db
        .prepare(
          `SELECT
             (SELECT COUNT(*) FROM follow_ups WHERE status = 'open') AS open,
             (SELECT COUNT(*) FROM follow_ups WHERE status = 'claimed') AS claimed,
             (SELECT MIN(created_at) FROM follow_ups WHERE status IN ('open', 'claimed')) AS oldest,
             (SELECT COUNT(*) FROM follow_ups
               WHERE closed_at >= ? AND (claimed_by IS NULL OR claimed_by <> ?)) AS closed`,
        )
        .get(new Date(closedSince).toISOString(), SYSTEM_ACTOR_ID) as Row;
      return {
        open: Number(row.open),
        claimed: Number(row.claimed),
        oldestOpenAt: row.oldest === null ? null : String(row.oldest),
        closedSince: Number(row.closed),
      };
    },
    async recordQueueWait(sample) {
      await write(ctx, () => {
        db.prepare(
          `INSERT INTO queue_waits (queue, conversation_id, waited_ms, claimed_at)
           VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        ).run(
          sample.queue,
          sample.conversationId,
          Math.max(0, Math.round(sample.waitedMs)),
          new Date(sample.claimedAt).toISOString(),
        );
      });
    },
    async recentQueueWaits(queue, since, limit) {
      const found = db
        .prepare(
          `SELECT * FROM queue_waits WHERE queue = ? AND claimed_at >= ?
           ORDER BY claimed_at DESC LIMIT ?`,
        )
        .all(
          queue,
          new Date(since).toISOString(),
          Math.max(0, Math.min(QUEUE_WAIT_LIMIT, limit)),
        ) as Row[];
      return found.map(toQueueWait);
    },
  };
}
