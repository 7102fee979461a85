import type { Slot } from '@baton/handoff-protocol';
import { toFhirSlot } from '../engine/followups/slots';
import type { ConversationStore } from '../storage/contract';
import type { AppointmentBooking, AppointmentSlot } from '../storage/records';
import {
  DEFAULT_SLOT_COUNT,
  type ScheduledAppointment,
  type SchedulingOutcome,
  type SchedulingProvider,
  type SlotQuery,
} from './provider';

/**
 * Slots in Baton's own database (seeded from `BATON_SLOTS_FILE` or the admin API). An
 * appointment's id is its slot's id; the store makes bookings atomic.
 */
export function builtInScheduling(store: ConversationStore): SchedulingProvider {
  const search = async (query: SlotQuery): Promise<Slot[]> => {
    const stored = await store.listSlots({
      from: query.from,
      to: query.to,
      freeOnly: true,
      ...(query.service ? { service: query.service } : {}),
    });
    const slots: Slot[] = [];
    for (const slot of stored) {
      const fhir = toFhirSlot(slot);
      if (fhir) slots.push(fhir);
      if (slots.length >= (query.max ?? DEFAULT_SLOT_COUNT)) break;
    }
    return slots;
  };

  const slotById = (slotId: string) => store.getSlot(slotId);

  const appointmentOf = (
    stored: AppointmentSlot,
    booking: AppointmentBooking,
    status: ScheduledAppointment['status'],
  ): ScheduledAppointment | null => {
    const fhir = toFhirSlot(stored);
    if (!fhir) return null;
    return {
      id: stored.id,
      status,
      slot: { ...fhir, status: status === 'booked' ? 'busy' : 'free' },
      patientId: booking.patientId,
      conversationId: booking.conversationId,
    };
  };

  const booked = async (slotId: string): Promise<SchedulingOutcome> => {
    const stored = await slotById(slotId);
    const appointment = stored?.booking ? appointmentOf(stored, stored.booking, 'booked') : null;
    return appointment ? { ok: true, appointment } : { ok: false, reason: 'not_found' };
  };

  return {
    name: 'built-in',
    searchFreeSlots: search,

    async book(slotId, party, fresh) {
      const result = await store.bookSlot(slotId, party);
      if (result.ok) return booked(slotId);
      if (result.reason === 'not_found') return { ok: false, reason: 'not_found' };
      return { ok: false, reason: 'conflict', freeSlots: await search(fresh) };
    },

    async cancel(appointmentId, patientId) {
      const stored = await slotById(appointmentId);
      const result = await store.cancelBooking(appointmentId, patientId);
      if (!result.ok || !stored) return { ok: false, reason: 'not_found' };
      const appointment = appointmentOf(stored, result.booking, 'cancelled');
      return appointment ? { ok: true, appointment } : { ok: false, reason: 'not_found' };
    },

    async reschedule(appointmentId, newSlotId, patientId, fresh) {
      const result = await store.rescheduleBooking(appointmentId, newSlotId, patientId);
      if (result.ok) return booked(newSlotId);
      if (result.reason === 'not_found') return { ok: false, reason: 'not_found' };
      return { ok: false, reason: 'conflict', freeSlots: await search(fresh) };
    },

    async appointment(appointmentId, patientId) {
      const stored = await slotById(appointmentId);
      if (stored?.booking?.patientId === patientId)
        return appointmentOf(stored, stored.booking, 'booked');
      if (!stored) return null;
      const history = await store.listCancelledBookings({ patientId });
      const cancelled = history.filter((c) => c.slotId === appointmentId).at(-1);
      return cancelled ? appointmentOf(stored, cancelled, 'cancelled') : null;
    },
  };
}
