import type { FollowUpOps } from '../composed';
import {
  type FollowUpChange,
  type FollowUpItemRecord,
  QUEUE_WAIT_LIMIT,
  SYSTEM_ACTOR_ID,
} from '../followup-records';
import { toFollowUp, toQueueWait } from '../followup-rows';
import { followUpAad, followUpLimit } from '../followup-rules';
import { all, one, type PostgresContext, type Queryable } from './context';

/**
 * The follow-up worklist in PostgreSQL. Create is one `INSERT … ON CONFLICT (cause_key) DO
 * NOTHING` (the unique key makes it once per cause across nodes); claim and close are single
 * conditional UPDATEs, so concurrent claims queue on the row lock and one wins.
 */
export function postgresFollowUps(ctx: PostgresContext): FollowUpOps {
  const { pool, cipher } = ctx;
  const read = async (db: Queryable, id: string): Promise<FollowUpItemRecord | null> => {
    const row = await one(db, 'SELECT * FROM follow_ups WHERE id = $1', [id]);
    return row ? toFollowUp(cipher, row) : null;
  };
  const refusal = async (id: string, fallback: 'status_mismatch' | 'not_claimant') => {
    const current = await read(pool, id);
    if (!current) return { ok: false, reason: 'not_found', current: null } as FollowUpChange;
    return { ok: false, reason: fallback, current } as FollowUpChange;
  };
  return {
    async createFollowUp(input) {
      const sealed = cipher.sealJson(input.detail, followUpAad.detail(input.id));
      const inserted = await one(
        pool,
        `INSERT INTO follow_ups (id, cause_key, conversation_id, queue, priority, patient_id, kind,
           key_id, detail, created_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), 'open')
         ON CONFLICT (cause_key) DO NOTHING RETURNING *`,
        [
          input.id,
          input.key,
          input.conversationId,
          input.queue,
          input.priority,
          input.patientId,
          input.kind,
          sealed.keyId,
          sealed.data,
        ],
      );
      if (inserted) return { item: toFollowUp(cipher, inserted), created: true };
      const existing = await one(pool, 'SELECT * FROM follow_ups WHERE cause_key = $1', [
        input.key,
      ]);
      if (!existing) throw new Error('follow-up neither inserted nor found');
      return { item: toFollowUp(cipher, existing), created: false };
    },
    async getFollowUp(id) {
      return read(pool, id);
    },
    async listFollowUps(filter) {
      const found = await all(
        pool,
        `SELECT * FROM follow_ups
         WHERE ($1::text[] IS NULL OR status = ANY($1)) AND ($2::text[] IS NULL OR queue = ANY($2))
         ORDER BY created_at, id COLLATE "C" LIMIT $3`,
        [
          filter?.statuses ? [...filter.statuses] : null,
          filter?.queues ? [...filter.queues] : null,
          followUpLimit(filter),
        ],
      );
      return found.map((row) => toFollowUp(cipher, row));
    },
    async claimFollowUp(id, agentId) {
      const row = await one(
        pool,
        `UPDATE follow_ups SET status = 'claimed', claimed_by = $2, claimed_at = now()
         WHERE id = $1 AND status = 'open' RETURNING *`,
        [id, agentId],
      );
      if (row) return { ok: true, item: toFollowUp(cipher, row) };
      return refusal(id, 'status_mismatch');
    },
    async closeFollowUp(id, agentId, outcomeNote) {
      const sealed = cipher.seal(outcomeNote, followUpAad.note(id));
      const row = await one(
        pool,
        `UPDATE follow_ups SET status = 'closed', note_key_id = $3, outcome_note = $4, closed_at = now()
         WHERE id = $1 AND status = 'claimed' AND claimed_by = $2 RETURNING *`,
        [id, agentId, sealed.keyId, sealed.data],
      );
      if (row) return { ok: true, item: toFollowUp(cipher, row) };
      const current = await read(pool, id);
      if (!current) return { ok: false, reason: 'not_found', current: null };
      return {
        ok: false,
        reason: current.status === 'claimed' ? 'not_claimant' : 'status_mismatch',
        current,
      };
    },
    async followUpStats(closedSince) {
      const row = (await one(
        pool,
        `SELECT
           count(*) FILTER (WHERE status = 'open') AS open,
           count(*) FILTER (WHERE status = 'claimed') AS claimed,
           min(created_at) FILTER (WHERE status IN ('open', 'claimed')) AS oldest,
           (SELECT count(*) FROM follow_ups
             WHERE closed_at >= $1 AND (claimed_by IS NULL OR claimed_by <> $2)) AS closed
         FROM follow_ups WHERE status IN ('open', 'claimed')`,
        [closedSince, SYSTEM_ACTOR_ID],
      )) as Record<string, unknown>;
      return {
        open: Number(row.open),
        claimed: Number(row.claimed),
        oldestOpenAt: row.oldest ? new Date(row.oldest as string | Date).toISOString() : null,
        closedSince: Number(row.closed),
      };
    },
    async recordQueueWait(sample) {
      await one(
        pool,
        `INSERT INTO queue_waits (queue, conversation_id, waited_ms, claimed_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [
          sample.queue,
          sample.conversationId,
          Math.max(0, Math.round(sample.waitedMs)),
          sample.claimedAt,
        ],
      );
    },
    async recentQueueWaits(queue, since, limit) {
      const found = await all(
        pool,
        `SELECT * FROM queue_waits WHERE queue = $1 AND claimed_at >= $2
         ORDER BY claimed_at DESC LIMIT $3`,
        [queue, since, Math.max(0, Math.min(QUEUE_WAIT_LIMIT, limit))],
      );
      return found.map(toQueueWait);
    },
  };
}
