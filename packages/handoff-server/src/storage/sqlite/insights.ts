import { aad } from '../crypto';
import type { FollowUpKind, FollowUpStatus } from '../followup-records';
import {
  ANALYTICS_ROW_LIMIT,
  type AnalyticsFacts,
  capFacts,
  type InsightOps,
  toSetting,
} from '../insight-records';
import type { ConversationState, Survey, SurveyAnswers } from '../records';
import { iso, toQuestions } from '../rows';
import { nowIso } from '../shared';
import { BOT_SESSION_FACTS, toBotSessionFact } from './bot-sessions';
import { type Row, type SqliteContext, write } from './context';

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const instant = (v: unknown) => (v === null || v === undefined ? null : iso(String(v)));

/**
 * Period reads over the `created_at`/`claimed_at`/`submitted_at` indexes of migration 11, each
 * capped at `ANALYTICS_ROW_LIMIT + 1` rows; per-conversation firsts are index lookups.
 */
export function sqliteInsights(ctx: SqliteContext): InsightOps {
  const { db, cipher } = ctx;
  const slice = `(? IS NULL OR c.queue = ?) AND (? IS NULL OR c.assigned_agent_id = ?)`;
  return {
    async recordEscalation(record) {
      await write(ctx, () =>
        db
          .prepare(
            `INSERT INTO escalations (conversation_id, kind, requested_at) VALUES (?, ?, ?)
             ON CONFLICT DO NOTHING`,
          )
          .run(record.conversationId, record.kind, iso(record.requestedAt)),
      );
    },

    async analyticsFacts(range) {
      const from = iso(range.from);
      const to = iso(range.to);
      const q = range.queue ?? null;
      const a = range.agentId ?? null;
      const limit = ANALYTICS_ROW_LIMIT + 1;
      const conversations = db
        .prepare(
          `SELECT c.id, c.state, c.queue, c.priority, c.assigned_agent_id, c.created_at, c.ended_at,
             (SELECT e.kind FROM escalations e WHERE e.conversation_id = c.id
               ORDER BY e.requested_at LIMIT 1) AS escalation_kind,
             (SELECT w.claimed_at FROM queue_waits w WHERE w.conversation_id = c.id
               ORDER BY w.claimed_at LIMIT 1) AS first_claim_at,
             (SELECT w.waited_ms FROM queue_waits w WHERE w.conversation_id = c.id
               ORDER BY w.claimed_at LIMIT 1) AS first_wait_ms,
             COALESCE(c.patient_time_zone, (SELECT b.time_zone FROM bot_sessions b
               WHERE b.handoff_conversation_id = c.id AND b.time_zone IS NOT NULL LIMIT 1))
               AS patient_time_zone,
             (SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id
               AND m.sender_party = 'agent' AND m.kind = 'message') AS first_reply_at
           FROM conversations c WHERE c.created_at >= ? AND c.created_at < ? AND ${slice}
           ORDER BY c.created_at, c.id LIMIT ?`,
        )
        .all(from, to, q, q, a, a, limit) as Row[];
      const waits = db
        .prepare(
          `SELECT w.queue, w.conversation_id, w.waited_ms, w.claimed_at, c.assigned_agent_id
           FROM queue_waits w JOIN conversations c ON c.id = w.conversation_id
           WHERE w.claimed_at >= ? AND w.claimed_at < ? AND (? IS NULL OR w.queue = ?)
           AND (? IS NULL OR c.assigned_agent_id = ?) ORDER BY w.claimed_at LIMIT ?`,
        )
        .all(from, to, q, q, a, a, limit) as Row[];
      const followUps = db
        .prepare(
          `SELECT id, queue, kind, status, created_at, closed_at, claimed_by FROM follow_ups
           WHERE ((created_at >= ? AND created_at < ?) OR (closed_at >= ? AND closed_at < ?))
           AND (? IS NULL OR queue = ?) AND (? IS NULL OR claimed_by = ?)
           ORDER BY created_at, id LIMIT ?`,
        )
        .all(from, to, from, to, q, q, a, a, limit) as Row[];
      const responses = db
        .prepare(
          `SELECT r.id, r.survey_id, r.conversation_id, r.key_id, r.answers, r.submitted_at,
             c.queue, c.assigned_agent_id
           FROM survey_responses r JOIN conversations c ON c.id = r.conversation_id
           WHERE r.submitted_at >= ? AND r.submitted_at < ? AND ${slice}
           ORDER BY r.submitted_at, r.conversation_id LIMIT ?`,
        )
        .all(from, to, q, q, a, a, limit) as Row[];
      const botSessions = db
        .prepare(BOT_SESSION_FACTS.replace(/\$\d/g, '?'))
        .all(from, to, limit) as Row[];
      const surveyIds = [...new Set(responses.map((r) => String(r.survey_id)))].sort();
      const surveys: Survey[] = surveyIds.map((id) => {
        const row = db.prepare('SELECT * FROM surveys WHERE id = ?').get(id) as Row;
        return { id, title: String(row.title), questions: toQuestions(row.questions) };
      });
      const facts: AnalyticsFacts = {
        conversations: conversations.map((r) => ({
          id: String(r.id),
          state: r.state as ConversationState,
          queue: text(r.queue),
          priority: r.priority as AnalyticsFacts['conversations'][number]['priority'],
          agentId: text(r.assigned_agent_id),
          createdAt: iso(String(r.created_at)),
          endedAt: instant(r.ended_at),
          escalationKind: text(r.escalation_kind),
          firstClaimAt: instant(r.first_claim_at),
          firstWaitMs: r.first_wait_ms === null ? null : Number(r.first_wait_ms),
          firstAgentReplyAt: instant(r.first_reply_at),
          patientTimeZone: text(r.patient_time_zone),
        })),
        waits: waits.map((r) => ({
          queue: String(r.queue),
          conversationId: String(r.conversation_id),
          agentId: text(r.assigned_agent_id),
          waitedMs: Number(r.waited_ms),
          claimedAt: iso(String(r.claimed_at)),
        })),
        followUps: followUps.map((r) => ({
          id: String(r.id),
          queue: String(r.queue),
          kind: r.kind as FollowUpKind,
          status: r.status as FollowUpStatus,
          createdAt: iso(String(r.created_at)),
          closedAt: instant(r.closed_at),
          closedBy: r.status === 'closed' ? text(r.claimed_by) : null,
        })),
        surveyResponses: responses.map((r) => ({
          surveyId: String(r.survey_id),
          conversationId: String(r.conversation_id),
          queue: text(r.queue),
          agentId: text(r.assigned_agent_id),
          answers: cipher.openJson<SurveyAnswers>(
            { keyId: String(r.key_id), data: r.answers as Buffer },
            aad.surveyAnswers(String(r.id)),
          ),
          submittedAt: iso(String(r.submitted_at)),
        })),
        surveys,
        truncated: false,
        botSessions: botSessions.map(toBotSessionFact),
      };
      return capFacts(facts);
    },

    async getSetting(name) {
      const row = db.prepare('SELECT * FROM settings WHERE name = ?').get(name) as Row | undefined;
      return row ? toSetting(row) : null;
    },
    async putSetting(name, value, updatedBy) {
      const at = nowIso();
      await write(ctx, () =>
        db
          .prepare(
            `INSERT INTO settings (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          )
          .run(name, JSON.stringify(value), at, updatedBy),
      );
      return { name, value: structuredClone(value), updatedAt: at, updatedBy };
    },
    async countFinishedBefore(cutoff) {
      const row = db
        .prepare(
          'SELECT COUNT(*) AS n FROM conversations WHERE ended_at IS NOT NULL AND ended_at < ?',
        )
        .get(cutoff.toISOString()) as { n: number };
      return row.n;
    },
    async listSettings() {
      return (db.prepare('SELECT * FROM settings ORDER BY name').all() as Row[]).map(toSetting);
    },
  };
}
