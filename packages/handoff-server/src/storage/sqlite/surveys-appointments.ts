import { HandoffServerError } from '../../internal/errors';
import type { SurveyAppointmentOps } from '../composed';
import { aad } from '../crypto';
import type { BookingResult, Survey, SurveyAnswers } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { isoRange, type Row, requireConversation, type SqliteContext, write } from './context';

/** Surveys (encrypted answers, one response per conversation) and book-once slots. */
export function sqliteSurveysAndAppointments(ctx: SqliteContext): SurveyAppointmentOps {
  const { db, cipher } = ctx;

  const readSurvey = (id: string): Survey | null => {
    const row = db.prepare('SELECT * FROM surveys WHERE id = ?').get(id) as Row | undefined;
    return row
      ? { id: String(row.id), title: String(row.title), questions: rows.toQuestions(row.questions) }
      : null;
  };

  return {
    async saveSurvey(survey) {
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO surveys (id, title, questions) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE
           SET title = excluded.title, questions = excluded.questions`,
        ).run(survey.id, survey.title, JSON.stringify(survey.questions));
        return readSurvey(survey.id)!;
      });
    },

    async getSurvey(id) {
      return readSurvey(id);
    },

    async recordSurveyResponse(response) {
      return write(ctx, () => {
        if (!db.prepare('SELECT 1 FROM surveys WHERE id = ?').get(response.surveyId)) {
          throw new HandoffServerError('not_found', 'survey not found');
        }
        requireConversation(ctx, response.conversationId);
        const sealed = cipher.sealJson(response.answers, aad.surveyAnswers(response.id));
        const submittedAt = nowIso();
        db.prepare(
          `INSERT INTO survey_responses (id, survey_id, conversation_id, patient_id, key_id, answers,
            submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          response.id,
          response.surveyId,
          response.conversationId,
          response.patientId,
          sealed.keyId,
          sealed.data,
          submittedAt,
        );
        return { ...structuredClone(response), submittedAt };
      });
    },

    async listSurveyResponses(filter) {
      const list = db
        .prepare(
          `SELECT * FROM survey_responses WHERE (? IS NULL OR survey_id = ?)
           AND (? IS NULL OR conversation_id = ?) ORDER BY submitted_at, id`,
        )
        .all(
          filter.surveyId ?? null,
          filter.surveyId ?? null,
          filter.conversationId ?? null,
          filter.conversationId ?? null,
        ) as Row[];
      return list.map((row) => ({
        id: String(row.id),
        surveyId: String(row.survey_id),
        conversationId: String(row.conversation_id),
        patientId: String(row.patient_id),
        answers: cipher.openJson<SurveyAnswers>(
          { keyId: String(row.key_id), data: row.answers as Buffer },
          aad.surveyAnswers(String(row.id)),
        ),
        submittedAt: rows.iso(String(row.submitted_at)),
      }));
    },

    async addSlots(slots) {
      const insert = db.prepare(
        `INSERT INTO appointment_slots (id, starts_at, ends_at, label, service)
         VALUES (?, ?, ?, ?, ?)`,
      );
      await write(ctx, () => {
        for (const s of slots) {
          insert.run(
            s.id,
            rows.iso(s.startsAt),
            rows.iso(s.endsAt),
            s.label ?? null,
            s.service ?? null,
          );
        }
      });
    },

    async listSlots(filter = {}) {
      const list = db
        .prepare(
          `SELECT s.*, b.conversation_id AS b_conversation_id, b.patient_id AS b_patient_id,
             b.booked_at AS b_booked_at FROM appointment_slots s
           LEFT JOIN appointment_bookings b ON b.slot_id = s.id
           WHERE (? IS NULL OR s.starts_at >= ?) AND (? IS NULL OR s.starts_at < ?)
             AND (? = 0 OR b.slot_id IS NULL)
             AND (? IS NULL OR s.service IS NULL OR s.service = ?) ORDER BY s.starts_at, s.id`,
        )
        .all(
          ...isoRange(filter.from),
          ...isoRange(filter.to),
          filter.freeOnly ? 1 : 0,
          filter.service ?? null,
          filter.service ?? null,
        ) as Row[];
      return list.map(rows.toSlot);
    },

    async bookSlot(slotId, booking) {
      return write(ctx, (): BookingResult => {
        requireConversation(ctx, booking.conversationId);
        if (!db.prepare('SELECT 1 FROM appointment_slots WHERE id = ?').get(slotId)) {
          return { ok: false, reason: 'not_found' };
        }
        const bookedAt = nowIso();
        const inserted = db
          .prepare(
            `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
             VALUES (?, ?, ?, ?) ON CONFLICT (slot_id) DO NOTHING`,
          )
          .run(slotId, booking.conversationId, booking.patientId, bookedAt);
        if (inserted.changes === 0) return { ok: false, reason: 'already_booked' };
        return { ok: true, booking: { slotId, ...booking, bookedAt } };
      });
    },

    async listBookings(filter) {
      const list = db
        .prepare(
          `SELECT * FROM appointment_bookings WHERE (? IS NULL OR patient_id = ?)
           AND (? IS NULL OR conversation_id = ?) ORDER BY booked_at, slot_id`,
        )
        .all(
          filter.patientId ?? null,
          filter.patientId ?? null,
          filter.conversationId ?? null,
          filter.conversationId ?? null,
        ) as Row[];
      return list.map(rows.toBooking);
    },
  };
}
