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
import { BOT_SESSION_FACTS, toBotSessionFact } from '../sqlite/bot-sessions';
import { all, one, type PostgresContext, query } from './context';

type Instant = string | Date;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const instant = (v: unknown) => (v === null || v === undefined ? null : iso(v as Instant));

/**
 * Period reads over the `created_at`/`claimed_at`/`submitted_at` indexes of migration 11, each
 * capped at `ANALYTICS_ROW_LIMIT + 1` rows; per-conversation firsts are index lookups.
 */
export function postgresInsights(ctx: PostgresContext): InsightOps {
  const { pool, cipher } = ctx;
  const slice = `($3::text IS NULL OR c.queue = $3) AND ($4::text IS NULL OR c.assigned_agent_id = $4)`;
  return {
    async recordEscalation(record) {
      await query(
        pool,
        `INSERT INTO escalations (conversation_id, kind, requested_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [record.conversationId, record.kind, iso(record.requestedAt)],
      );
    },

    async analyticsFacts(range) {
      const params = [
        iso(range.from),
        iso(range.to),
        range.queue ?? null,
        range.agentId ?? null,
        ANALYTICS_ROW_LIMIT + 1,
      ];
      const [conversations, waits, followUps, responses, botSessions] = await Promise.all([
        all(
          pool,
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
           FROM conversations c WHERE c.created_at >= $1 AND c.created_at < $2 AND ${slice}
           ORDER BY c.created_at, c.id LIMIT $5`,
          params,
        ),
        all(
          pool,
          `SELECT w.queue, w.conversation_id, w.waited_ms, w.claimed_at, c.assigned_agent_id
           FROM queue_waits w JOIN conversations c ON c.id = w.conversation_id
           WHERE w.claimed_at >= $1 AND w.claimed_at < $2 AND ($3::text IS NULL OR w.queue = $3)
           AND ($4::text IS NULL OR c.assigned_agent_id = $4) ORDER BY w.claimed_at LIMIT $5`,
          params,
        ),
        all(
          pool,
          `SELECT id, queue, kind, status, created_at, closed_at, claimed_by FROM follow_ups
           WHERE ((created_at >= $1 AND created_at < $2) OR (closed_at >= $1 AND closed_at < $2))
           AND ($3::text IS NULL OR queue = $3) AND ($4::text IS NULL OR claimed_by = $4)
           ORDER BY created_at, id LIMIT $5`,
          params,
        ),
        all(
          pool,
          `SELECT r.id, r.survey_id, r.conversation_id, r.key_id, r.answers, r.submitted_at,
             c.queue, c.assigned_agent_id
           FROM survey_responses r JOIN conversations c ON c.id = r.conversation_id
           WHERE r.submitted_at >= $1 AND r.submitted_at < $2 AND ${slice}
           ORDER BY r.submitted_at, r.conversation_id LIMIT $5`,
          params,
        ),
        all(pool, BOT_SESSION_FACTS, [params[0], params[1], params[4]]),
      ]);
      const surveyIds = [...new Set(responses.map((r) => String(r.survey_id)))].sort();
      const surveyRows = surveyIds.length
        ? await all(pool, 'SELECT * FROM surveys WHERE id = ANY($1::text[])', [surveyIds])
        : [];
      const surveys: Survey[] = surveyRows
        .map((row) => ({
          id: String(row.id),
          title: String(row.title),
          questions: toQuestions(row.questions),
        }))
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const facts: AnalyticsFacts = {
        conversations: conversations.map((r) => ({
          id: String(r.id),
          state: r.state as ConversationState,
          queue: text(r.queue),
          priority: r.priority as AnalyticsFacts['conversations'][number]['priority'],
          agentId: text(r.assigned_agent_id),
          createdAt: iso(r.created_at as Instant),
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
          claimedAt: iso(r.claimed_at as Instant),
        })),
        followUps: followUps.map((r) => ({
          id: String(r.id),
          queue: String(r.queue),
          kind: r.kind as FollowUpKind,
          status: r.status as FollowUpStatus,
          createdAt: iso(r.created_at as Instant),
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
          submittedAt: iso(r.submitted_at as Instant),
        })),
        surveys,
        truncated: false,
        botSessions: botSessions.map(toBotSessionFact),
      };
      return capFacts(facts);
    },

    async getSetting(name) {
      const row = await one(pool, 'SELECT * FROM settings WHERE name = $1', [name]);
      return row ? toSetting(row) : null;
    },
    async putSetting(name, value, updatedBy) {
      const at = nowIso();
      await query(
        pool,
        `INSERT INTO settings (name, value, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [name, JSON.stringify(value), at, updatedBy],
      );
      return { name, value: structuredClone(value), updatedAt: at, updatedBy };
    },
    async countFinishedBefore(cutoff) {
      const row = await one(
        pool,
        'SELECT COUNT(*) AS n FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1',
        [cutoff.toISOString()],
      );
      return Number(row?.n ?? 0);
    },
    async listSettings() {
      return (await all(pool, 'SELECT * FROM settings ORDER BY name')).map(toSetting);
    },
  };
}
