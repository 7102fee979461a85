import type { AppointmentChangeOps } from '../composed';
import type { CancelledBooking } from '../records';
import * as rows from '../rows';
import { nowIso } from '../shared';
import { all, one, type PostgresContext, type Queryable, type Row, transaction } from './context';

async function cancelIn(
  db: Queryable,
  slotId: string,
  patientId: string,
): Promise<CancelledBooking | null> {
  const row = await one(
    db,
    'DELETE FROM appointment_bookings WHERE slot_id = $1 AND patient_id = $2 RETURNING *',
    [slotId, patientId],
  );
  if (!row) return null;
  const booking = rows.toBooking(row);
  const cancelledAt = nowIso();
  await one(
    db,
    `INSERT INTO appointment_cancellations
      (slot_id, conversation_id, patient_id, booked_at, cancelled_at) VALUES ($1, $2, $3, $4, $5)`,
    [slotId, booking.conversationId, patientId, booking.bookedAt, cancelledAt],
  );
  return { ...booking, cancelledAt };
}

/** Cancel and reschedule, each one transaction (migration 8's history table). */
export function postgresAppointmentChanges(ctx: PostgresContext): AppointmentChangeOps {
  const context = ctx;
  return {
    async cancelBooking(slotId, patientId) {
      return transaction(context, async (db) => {
        const cancelled = await cancelIn(db, slotId, patientId);
        return cancelled
          ? { ok: true as const, booking: cancelled }
          : { ok: false as const, reason: 'not_found' as const };
      });
    },

    async rescheduleBooking(fromSlotId, toSlotId, patientId) {
      return transaction(context, async (db) => {
        const from = await one(
          db,
          'SELECT * FROM appointment_bookings WHERE slot_id = $1 AND patient_id = $2 FOR UPDATE',
          [fromSlotId, patientId],
        );
        if (!from || !(await one(db, 'SELECT 1 FROM appointment_slots WHERE id = $1', [toSlotId])))
          return { ok: false as const, reason: 'not_found' as const };
        const booked = await one(
          db,
          `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT (slot_id) DO NOTHING RETURNING *`,
          [toSlotId, String(from.conversation_id), patientId, nowIso()],
        );
        if (!booked) return { ok: false as const, reason: 'already_booked' as const };
        await cancelIn(db, fromSlotId, patientId);
        return { ok: true as const, booking: rows.toBooking(booked) };
      });
    },

    async getSlot(slotId) {
      const row = await one(
        ctx.pool,
        `SELECT s.*, b.conversation_id AS b_conversation_id, b.patient_id AS b_patient_id,
           b.booked_at AS b_booked_at FROM appointment_slots s
         LEFT JOIN appointment_bookings b ON b.slot_id = s.id WHERE s.id = $1`,
        [slotId],
      );
      return row ? rows.toSlot(row) : null;
    },

    async removeSlot(slotId) {
      // One statement: a booking committed meanwhile keeps the slot (its row references it).
      const removed = await one(
        ctx.pool,
        `DELETE FROM appointment_slots s WHERE s.id = $1
         AND NOT EXISTS (SELECT 1 FROM appointment_bookings b WHERE b.slot_id = s.id)
         RETURNING s.id`,
        [slotId],
      );
      if (removed) return 'removed';
      return (await one(ctx.pool, 'SELECT 1 FROM appointment_slots WHERE id = $1', [slotId]))
        ? 'booked'
        : 'not_found';
    },

    async listCancelledBookings(filter) {
      const list: Row[] = await all(
        ctx.pool,
        `SELECT * FROM appointment_cancellations WHERE ($1::text IS NULL OR patient_id = $1)
         AND ($2::text IS NULL OR conversation_id = $2) ORDER BY cancelled_at, slot_id`,
        [filter.patientId ?? null, filter.conversationId ?? null],
      );
      return list.map((row) => ({
        ...rows.toBooking(row),
        cancelledAt: rows.iso(row.cancelled_at as string | Date),
      }));
    },
  };
}
