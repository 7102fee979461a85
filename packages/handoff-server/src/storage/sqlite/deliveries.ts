import {
  type DeliveryOps,
  type DeliveryRecord,
  deliveryAad,
  deliveryLimit,
  toDelivery,
} from '../deliveries';
import { MAX_SCHEDULE_CLAIM } from '../durability';
import { iso } from '../rows';
import { nowIso } from '../shared';
import { type Row, requireConversation, type SqliteContext, write } from './context';

/** The notification outbox in SQLite (migration 9): payloads sealed, claims by lease. */
export function sqliteDeliveries(ctx: SqliteContext): DeliveryOps {
  const { db, cipher } = ctx;
  const read = (id: string): DeliveryRecord | null => {
    const row = db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as Row | undefined;
    return row ? toDelivery(cipher, row) : null;
  };
  return {
    async enqueueDelivery(input) {
      return write(ctx, () => {
        const existing = db
          .prepare('SELECT * FROM deliveries WHERE delivery_key = ?')
          .get(input.key) as Row | undefined;
        if (existing) return { delivery: toDelivery(cipher, existing), created: false };
        requireConversation(ctx, input.conversationId);
        const sealed = cipher.sealJson(input.payload, deliveryAad(input.id));
        const now = nowIso();
        db.prepare(
          `INSERT INTO deliveries (id, delivery_key, channel, kind, conversation_id, patient_id,
             key_id, payload, status, attempts, due_at, last_error, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
        ).run(
          input.id,
          input.key,
          input.channel,
          input.kind,
          input.conversationId,
          input.patientId,
          sealed.keyId,
          sealed.data,
          input.status ?? 'pending',
          iso(input.dueAt),
          input.lastError ?? null,
          now,
          now,
        );
        return { delivery: read(input.id) as DeliveryRecord, created: true };
      });
    },
    async getDelivery(id) {
      return read(id);
    },
    async claimDueDeliveries(claim) {
      const now = iso(claim.now);
      const until = new Date(Date.parse(now) + claim.leaseMs).toISOString();
      const limit = Math.max(0, Math.min(claim.limit, MAX_SCHEDULE_CLAIM));
      return write(ctx, () => {
        const claimed = db
          .prepare(
            `UPDATE deliveries SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1,
               updated_at = ?
             WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND due_at <= ?
               AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY due_at LIMIT ?)
             RETURNING *`,
          )
          .all(claim.owner, until, now, now, now, limit) as Row[];
        return claimed
          .map((row) => toDelivery(cipher, row))
          .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
      });
    },
    async settleDelivery(id, owner, outcome) {
      const now = nowIso();
      const sentAt = outcome.status === 'sent' ? now : null;
      const dueAt = outcome.status === 'pending' ? iso(outcome.retryAt) : null;
      const error = outcome.status === 'sent' ? null : outcome.error;
      return write(
        ctx,
        () =>
          db
            .prepare(
              `UPDATE deliveries SET status = ?, due_at = COALESCE(?, due_at), last_error = ?,
                 sent_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
               WHERE id = ? AND status = 'pending' AND claimed_by = ?`,
            )
            .run(outcome.status, dueAt, error, sentAt, now, id, owner).changes === 1,
      );
    },
    async listDeliveries(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter?.statuses) {
        where.push(`status IN (${filter.statuses.map(() => '?').join(', ') || 'NULL'})`);
        params.push(...filter.statuses);
      }
      if (filter?.conversationId) {
        where.push('conversation_id = ?');
        params.push(filter.conversationId);
      }
      const found = db
        .prepare(
          `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY updated_at DESC, id LIMIT ?`,
        )
        .all(...params, deliveryLimit(filter?.limit)) as Row[];
      return found.map((row) => toDelivery(cipher, row));
    },
    async retryDelivery(id, at) {
      return write(ctx, () => {
        const changed = db
          .prepare(
            `UPDATE deliveries SET status = 'pending', attempts = 0, due_at = ?, last_error = NULL,
               claimed_by = NULL, claimed_until = NULL, updated_at = ?
             WHERE id = ? AND status IN ('failed', 'undeliverable')`,
          )
          .run(iso(at), nowIso(), id).changes;
        return changed === 1 ? read(id) : null;
      });
    },
  };
}
