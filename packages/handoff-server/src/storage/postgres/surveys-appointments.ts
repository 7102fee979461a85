import { HandoffServerError } from '../../internal/errors';
import type { SurveyAppointmentOps } from '../composed';
import { aad } from '../crypto';
import type { Survey, SurveyAnswers } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { all, one, type PostgresContext, query, requireConversation, transaction } from './context';

/** Surveys (encrypted answers, one response per conversation) and book-once slots. */
export function postgresSurveysAndAppointments(ctx: PostgresContext): SurveyAppointmentOps {
  const { pool, cipher } = ctx;

  const readSurvey = async (id: string): Promise<Survey | null> => {
    const row = await one(pool, 'SELECT * FROM surveys WHERE id = $1', [id]);
    return row
      ? { id: String(row.id), title: String(row.title), questions: rows.toQuestions(row.questions) }
      : null;
  };

  return {
    async saveSurvey(survey) {
      await query(
        pool,
        `INSERT INTO surveys (id, title, questions) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE
         SET title = excluded.title, questions = excluded.questions`,
        [survey.id, survey.title, JSON.stringify(survey.questions)],
      );
      return (await readSurvey(survey.id))!;
    },

    async getSurvey(id) {
      return readSurvey(id);
    },

    async recordSurveyResponse(response) {
      if (!(await one(pool, 'SELECT 1 FROM surveys WHERE id = $1', [response.surveyId]))) {
        throw new HandoffServerError('not_found', 'survey not found');
      }
      await requireConversation(pool, response.conversationId);
      const sealed = cipher.sealJson(response.answers, aad.surveyAnswers(response.id));
      const submittedAt = nowIso();
      // Duplicates fail the unique keys (`conflict`); a conversation deleted meanwhile fails
      // the foreign key (`not_found`).
      await query(
        pool,
        `INSERT INTO survey_responses (id, survey_id, conversation_id, patient_id, key_id, answers,
          submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          response.id,
          response.surveyId,
          response.conversationId,
          response.patientId,
          sealed.keyId,
          sealed.data,
          submittedAt,
        ],
      );
      return { ...structuredClone(response), submittedAt };
    },

    async listSurveyResponses(filter) {
      const list = await all(
        pool,
        `SELECT * FROM survey_responses WHERE ($1::text IS NULL OR survey_id = $1)
         AND ($2::text IS NULL OR conversation_id = $2) ORDER BY submitted_at, id`,
        [filter.surveyId ?? null, filter.conversationId ?? null],
      );
      return list.map((row) => ({
        id: String(row.id),
        surveyId: String(row.survey_id),
        conversationId: String(row.conversation_id),
        patientId: String(row.patient_id),
        answers: cipher.openJson<SurveyAnswers>(
          { keyId: String(row.key_id), data: row.answers as Buffer },
          aad.surveyAnswers(String(row.id)),
        ),
        submittedAt: rows.iso(row.submitted_at as Date),
      }));
    },

    async addSlots(slots) {
      await transaction(ctx, async (db) => {
        for (const s of slots) {
          await query(
            db,
            `INSERT INTO appointment_slots (id, starts_at, ends_at, label, service)
             VALUES ($1, $2, $3, $4, $5)`,
            [s.id, s.startsAt, s.endsAt, s.label ?? null, s.service ?? null],
          );
        }
      });
    },

    async listSlots(filter = {}) {
      const list = await all(
        pool,
        `SELECT s.*, b.conversation_id AS b_conversation_id, b.patient_id AS b_patient_id,
           b.booked_at AS b_booked_at FROM appointment_slots s
         LEFT JOIN appointment_bookings b ON b.slot_id = s.id
         WHERE ($1::timestamptz IS NULL OR s.starts_at >= $1)
           AND ($2::timestamptz IS NULL OR s.starts_at < $2)
           AND (NOT $3::boolean OR b.slot_id IS NULL)
           AND ($4::text IS NULL OR s.service IS NULL OR s.service = $4) ORDER BY s.starts_at, s.id`,
        [filter.from ?? null, filter.to ?? null, filter.freeOnly === true, filter.service ?? null],
      );
      return list.map(rows.toSlot);
    },

    async bookSlot(slotId, booking) {
      await requireConversation(pool, booking.conversationId);
      if (!(await one(pool, 'SELECT 1 FROM appointment_slots WHERE id = $1', [slotId]))) {
        return { ok: false, reason: 'not_found' };
      }
      // A conversation deleted meanwhile fails the foreign key: `not_found`, as above.
      const row = await one(
        pool,
        `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (slot_id) DO NOTHING RETURNING *`,
        [slotId, booking.conversationId, booking.patientId, nowIso()],
      );
      return row
        ? { ok: true, booking: rows.toBooking(row) }
        : { ok: false, reason: 'already_booked' };
    },

    async listBookings(filter) {
      const list = await all(
        pool,
        `SELECT * FROM appointment_bookings WHERE ($1::text IS NULL OR patient_id = $1)
         AND ($2::text IS NULL OR conversation_id = $2) ORDER BY booked_at, slot_id`,
        [filter.patientId ?? null, filter.conversationId ?? null],
      );
      return list.map(rows.toBooking);
    },
  };
}
