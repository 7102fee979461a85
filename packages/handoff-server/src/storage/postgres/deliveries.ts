import {
  type DeliveryOps,
  type DeliveryRecord,
  deliveryAad,
  deliveryLimit,
  toDelivery,
} from '../deliveries';
import { MAX_SCHEDULE_CLAIM } from '../durability';
import { iso } from '../rows';
import { affected, all, one, type PostgresContext, query, requireConversation } from './context';

/**
 * The notification outbox in PostgreSQL (migration 9): payloads sealed; claims take due rows
 * `FOR UPDATE SKIP LOCKED`, so of nodes claiming at once each row goes to exactly one.
 */
export function postgresDeliveries(ctx: PostgresContext): DeliveryOps {
  const { pool, cipher } = ctx;
  const read = async (id: string): Promise<DeliveryRecord | null> => {
    const row = await one(pool, 'SELECT * FROM deliveries WHERE id = $1', [id]);
    return row ? toDelivery(cipher, row) : null;
  };
  return {
    async enqueueDelivery(input) {
      await requireConversation(pool, input.conversationId);
      const sealed = cipher.sealJson(input.payload, deliveryAad(input.id));
      const inserted = await one(
        pool,
        `INSERT INTO deliveries (id, delivery_key, channel, kind, conversation_id, patient_id,
           key_id, payload, status, attempts, due_at, last_error, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, now(), now())
         ON CONFLICT (delivery_key) DO NOTHING RETURNING *`,
        [
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
        ],
      );
      if (inserted) return { delivery: toDelivery(cipher, inserted), created: true };
      const existing = await one(pool, 'SELECT * FROM deliveries WHERE delivery_key = $1', [
        input.key,
      ]);
      if (!existing) return this.enqueueDelivery(input);
      return { delivery: toDelivery(cipher, existing), created: false };
    },
    async getDelivery(id) {
      return read(id);
    },
    async claimDueDeliveries(claim) {
      const now = iso(claim.now);
      const until = new Date(Date.parse(now) + claim.leaseMs).toISOString();
      const limit = Math.max(0, Math.min(claim.limit, MAX_SCHEDULE_CLAIM));
      const claimed = await all(
        pool,
        `UPDATE deliveries d SET claimed_by = $1, claimed_until = $2, attempts = d.attempts + 1,
           updated_at = now()
         FROM (SELECT id FROM deliveries
               WHERE status = 'pending' AND due_at <= $3
                 AND (claimed_until IS NULL OR claimed_until <= $3)
               ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
         WHERE d.id = due.id
         RETURNING d.*`,
        [claim.owner, until, now, limit],
      );
      return claimed
        .map((row) => toDelivery(cipher, row))
        .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
    },
    async settleDelivery(id, owner, outcome) {
      const dueAt = outcome.status === 'pending' ? iso(outcome.retryAt) : null;
      const error = outcome.status === 'sent' ? null : outcome.error;
      const changed = await affected(
        pool,
        `UPDATE deliveries SET status = $1::text, due_at = COALESCE($2::timestamptz, due_at),
           last_error = $3, sent_at = CASE WHEN $1::text = 'sent' THEN now() ELSE NULL END,
           claimed_by = NULL, claimed_until = NULL, updated_at = now()
         WHERE id = $4 AND status = 'pending' AND claimed_by = $5`,
        [outcome.status, dueAt, error, id, owner],
      );
      return changed === 1;
    },
    async listDeliveries(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter?.statuses) {
        params.push([...filter.statuses]);
        where.push(`status = ANY($${params.length}::text[])`);
      }
      if (filter?.conversationId) {
        params.push(filter.conversationId);
        where.push(`conversation_id = $${params.length}`);
      }
      params.push(deliveryLimit(filter?.limit));
      const found = await all(
        pool,
        `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY updated_at DESC, id LIMIT $${params.length}`,
        params,
      );
      return found.map((row) => toDelivery(cipher, row));
    },
    async retryDelivery(id, at) {
      const result = await query(
        pool,
        `UPDATE deliveries SET status = 'pending', attempts = 0, due_at = $1, last_error = NULL,
           claimed_by = NULL, claimed_until = NULL, updated_at = now()
         WHERE id = $2 AND status IN ('failed', 'undeliverable') RETURNING *`,
        [iso(at), id],
      );
      const row = result.rows[0] as Record<string, unknown> | undefined;
      return row ? toDelivery(cipher, row) : null;
    },
  };
}
