import type { AuditRetentionOps } from '../composed';
import type { AuditEvent, AuditRecord } from '../records';
import * as rows from '../rows';
import { auditInstant, clampLimit } from '../shared';
import { affected, all, one, type PostgresContext, type Queryable, transaction } from './context';

/** Appends one audit row on `db` (a pool, or the caller's transaction). */
async function insertAudit(
  ctx: PostgresContext,
  db: Queryable,
  event: AuditEvent,
): Promise<AuditRecord> {
  const row = await one(
    db,
    `INSERT INTO audit_log (at, action, outcome, actor_id, actor_role, conversation_id, patient_id,
      target_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      auditInstant(event.at, ctx.trustAuditTimestamps),
      event.action,
      event.outcome,
      event.actorId,
      event.actorRole,
      event.conversationId ?? null,
      event.patientId ?? null,
      event.targetId ?? null,
      event.reason ?? null,
    ],
  );
  return rows.toAudit(row!);
}

/** The append-only audit log (a trigger refuses UPDATE, DELETE, TRUNCATE) and retention. */
export function postgresAuditAndRetention(ctx: PostgresContext): AuditRetentionOps {
  return {
    async appendAudit(event) {
      return insertAudit(ctx, ctx.pool, event);
    },

    async queryAudit(query) {
      const list = await all(
        ctx.pool,
        `SELECT * FROM audit_log WHERE ($1::text IS NULL OR conversation_id = $1)
         AND ($2::text IS NULL OR actor_id = $2) AND ($3::text IS NULL OR patient_id = $3)
         AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at <= $5)
         AND ($7::text IS NULL OR action = $7)
         ORDER BY id ${query.newestFirst ? 'DESC' : ''} LIMIT $6`,
        [
          query.conversationId ?? null,
          query.actorId ?? null,
          query.patientId ?? null,
          query.from ?? null,
          query.to ?? null,
          clampLimit(query.limit),
          query.action ?? null,
        ],
      );
      return list.map(rows.toAudit);
    },

    async purgeFinishedBefore(cutoff) {
      return transaction(ctx, async (db) => {
        // Bot conversations carry no content; they go with the same cutoff (migration 10).
        await affected(db, 'DELETE FROM bot_sessions WHERE ended_at < $1', [cutoff.toISOString()]);
        const doomed = await all(
          db,
          'DELETE FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1 RETURNING id, patient_id',
          [cutoff.toISOString()],
        );
        for (const c of doomed) {
          await insertAudit(ctx, db, {
            action: 'retention.purge',
            outcome: 'allowed',
            actorId: 'system',
            actorRole: 'system',
            conversationId: String(c.id),
            patientId: String(c.patient_id),
          });
        }
        return { conversations: doomed.length };
      });
    },

    async deletePatientData(patientId, actor) {
      return transaction(ctx, async (db) => {
        const scope = 'SELECT id FROM conversations WHERE patient_id = $1';
        const surveyResponses = await affected(
          db,
          `DELETE FROM survey_responses WHERE patient_id = $1 OR conversation_id IN (${scope})`,
          [patientId],
        );
        const bookings = await affected(
          db,
          `DELETE FROM appointment_bookings WHERE patient_id = $1 OR conversation_id IN (${scope})`,
          [patientId],
        );
        await affected(db, 'DELETE FROM bot_sessions WHERE patient_id = $1', [patientId]);
        await affected(db, 'DELETE FROM appointment_cancellations WHERE patient_id = $1', [
          patientId,
        ]);
        const conversations = await affected(
          db,
          'DELETE FROM conversations WHERE patient_id = $1',
          [patientId],
        );
        await insertAudit(ctx, db, {
          action: 'patient.delete',
          outcome: 'allowed',
          ...actor,
          patientId,
        });
        return { conversations, surveyResponses, bookings };
      });
    },
  };
}
