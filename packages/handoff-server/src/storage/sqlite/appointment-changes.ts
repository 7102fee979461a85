import type { AppointmentChangeOps } from '../composed';
import type { AppointmentBooking, BookingResult, CancelledBooking } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { type Row, type SqliteContext, write } from './context';

/** Cancel and reschedule, each one write transaction (migration 8's history table). */
export function sqliteAppointmentChanges(ctx: SqliteContext): AppointmentChangeOps {
  const { db } = ctx;

  const cancelIn = (slotId: string, patientId: string): CancelledBooking | null => {
    const row = db
      .prepare('SELECT * FROM appointment_bookings WHERE slot_id = ? AND patient_id = ?')
      .get(slotId, patientId) as Row | undefined;
    if (!row) return null;
    const booking: AppointmentBooking = rows.toBooking(row);
    const cancelledAt = nowIso();
    db.prepare('DELETE FROM appointment_bookings WHERE slot_id = ?').run(slotId);
    db.prepare(
      `INSERT INTO appointment_cancellations
        (slot_id, conversation_id, patient_id, booked_at, cancelled_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(slotId, booking.conversationId, patientId, rows.iso(booking.bookedAt), cancelledAt);
    return { ...booking, cancelledAt };
  };

  return {
    async cancelBooking(slotId, patientId) {
      return write(ctx, () => {
        const cancelled = cancelIn(slotId, patientId);
        return cancelled
          ? { ok: true as const, booking: cancelled }
          : { ok: false as const, reason: 'not_found' as const };
      });
    },

    async rescheduleBooking(fromSlotId, toSlotId, patientId) {
      return write(ctx, (): BookingResult => {
        const from = db
          .prepare('SELECT * FROM appointment_bookings WHERE slot_id = ? AND patient_id = ?')
          .get(fromSlotId, patientId) as Row | undefined;
        if (!from || !db.prepare('SELECT 1 FROM appointment_slots WHERE id = ?').get(toSlotId))
          return { ok: false, reason: 'not_found' };
        if (db.prepare('SELECT 1 FROM appointment_bookings WHERE slot_id = ?').get(toSlotId))
          return { ok: false, reason: 'already_booked' };
        const conversationId = String(from.conversation_id);
        cancelIn(fromSlotId, patientId);
        const bookedAt = nowIso();
        db.prepare(
          `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
           VALUES (?, ?, ?, ?)`,
        ).run(toSlotId, conversationId, patientId, bookedAt);
        return { ok: true, booking: { slotId: toSlotId, conversationId, patientId, bookedAt } };
      });
    },

    async getSlot(slotId) {
      const row = db
        .prepare(
          `SELECT s.*, b.conversation_id AS b_conversation_id, b.patient_id AS b_patient_id,
             b.booked_at AS b_booked_at FROM appointment_slots s
           LEFT JOIN appointment_bookings b ON b.slot_id = s.id WHERE s.id = ?`,
        )
        .get(slotId) as Row | undefined;
      return row ? rows.toSlot(row) : null;
    },

    removeSlot: (slotId) =>
      write(ctx, () => {
        if (!db.prepare('SELECT 1 FROM appointment_slots WHERE id = ?').get(slotId))
          return 'not_found' as const;
        if (db.prepare('SELECT 1 FROM appointment_bookings WHERE slot_id = ?').get(slotId))
          return 'booked' as const;
        db.prepare('DELETE FROM appointment_slots WHERE id = ?').run(slotId);
        return 'removed' as const;
      }),

    async listCancelledBookings(filter) {
      const list = db
        .prepare(
          `SELECT * FROM appointment_cancellations WHERE (? IS NULL OR patient_id = ?)
           AND (? IS NULL OR conversation_id = ?) ORDER BY cancelled_at, slot_id`,
        )
        .all(
          filter.patientId ?? null,
          filter.patientId ?? null,
          filter.conversationId ?? null,
          filter.conversationId ?? null,
        ) as Row[];
      return list.map((row) => ({
        ...rows.toBooking(row),
        cancelledAt: rows.iso(String(row.cancelled_at)),
      }));
    },
  };
}
