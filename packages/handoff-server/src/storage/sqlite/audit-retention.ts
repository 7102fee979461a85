import type { AuditRetentionOps } from '../composed';
import type { AuditEvent, AuditRecord } from '../records';
import * as rows from '../rows';
import { auditInstant, clampLimit } from '../shared';
import { isoRange, type Row, type SqliteContext, write } from './context';

/** Appends one audit row inside the caller's transaction (or on its own). */
function insertAudit(ctx: SqliteContext, event: AuditEvent): AuditRecord {
  const row = ctx.db
    .prepare(
      `INSERT INTO audit_log (at, action, outcome, actor_id, actor_role, conversation_id,
        patient_id, target_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      auditInstant(event.at, ctx.trustAuditTimestamps),
      event.action,
      event.outcome,
      event.actorId,
      event.actorRole,
      event.conversationId ?? null,
      event.patientId ?? null,
      event.targetId ?? null,
      event.reason ?? null,
    ) as Row;
  return rows.toAudit(row);
}

/** The append-only audit log (triggers refuse UPDATE and DELETE) and retention. */
export function sqliteAuditAndRetention(ctx: SqliteContext): AuditRetentionOps {
  const { db } = ctx;

  return {
    async appendAudit(event) {
      return write(ctx, () => insertAudit(ctx, event));
    },

    async queryAudit(query) {
      const list = db
        .prepare(
          `SELECT * FROM audit_log WHERE (? IS NULL OR conversation_id = ?) AND (? IS NULL OR actor_id = ?)
           AND (? IS NULL OR patient_id = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at <= ?)
           AND (? IS NULL OR action = ?)
           ORDER BY id ${query.newestFirst ? 'DESC' : ''} LIMIT ?`,
        )
        .all(
          query.conversationId ?? null,
          query.conversationId ?? null,
          query.actorId ?? null,
          query.actorId ?? null,
          query.patientId ?? null,
          query.patientId ?? null,
          ...isoRange(query.from),
          ...isoRange(query.to),
          query.action ?? null,
          query.action ?? null,
          clampLimit(query.limit),
        ) as Row[];
      return list.map(rows.toAudit);
    },

    async purgeFinishedBefore(cutoff) {
      return write(ctx, () => {
        const doomed = db
          .prepare(
            'SELECT id, patient_id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < ?',
          )
          .all(cutoff.toISOString()) as { id: string; patient_id: string }[];
        // Bot conversations carry no content; they go with the same cutoff (migration 10).
        db.prepare('DELETE FROM bot_sessions WHERE ended_at < ?').run(cutoff.toISOString());
        const remove = db.prepare('DELETE FROM conversations WHERE id = ?');
        for (const c of doomed) {
          remove.run(c.id);
          insertAudit(ctx, {
            action: 'retention.purge',
            outcome: 'allowed',
            actorId: 'system',
            actorRole: 'system',
            conversationId: c.id,
            patientId: c.patient_id,
          });
        }
        return { conversations: doomed.length };
      });
    },

    async deletePatientData(patientId, actor) {
      return write(ctx, () => {
        const count = (sql: string) =>
          (db.prepare(sql).get(patientId, patientId) as { n: number }).n;
        const scope = 'SELECT id FROM conversations WHERE patient_id = ?';
        const surveyResponses = count(
          `SELECT COUNT(*) AS n FROM survey_responses WHERE patient_id = ? OR conversation_id IN (${scope})`,
        );
        const bookings = count(
          `SELECT COUNT(*) AS n FROM appointment_bookings WHERE patient_id = ? OR conversation_id IN (${scope})`,
        );
        db.prepare('DELETE FROM survey_responses WHERE patient_id = ?').run(patientId);
        db.prepare('DELETE FROM appointment_bookings WHERE patient_id = ?').run(patientId);
        db.prepare('DELETE FROM bot_sessions WHERE patient_id = ?').run(patientId);
        db.prepare('DELETE FROM appointment_cancellations WHERE patient_id = ?').run(patientId);
        const conversations = db
          .prepare('DELETE FROM conversations WHERE patient_id = ?')
          .run(patientId).changes;
        insertAudit(ctx, { action: 'patient.delete', outcome: 'allowed', ...actor, patientId });
        return { conversations, surveyResponses, bookings };
      });
    },
  };
}
