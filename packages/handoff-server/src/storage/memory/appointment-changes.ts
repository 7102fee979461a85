import type { AppointmentChangeOps } from '../composed';
import type { CancelledBooking } from '../records';
import { compareText, nowIso } from '../shared';
import type { MemoryState } from './state';

const histories = new WeakMap<MemoryState, CancelledBooking[]>();

function historyOf(state: MemoryState): CancelledBooking[] {
  let history = histories.get(state);
  if (!history) {
    history = [];
    histories.set(state, history);
  }
  return history;
}

/** Drops the cancellation history of a deleted patient or conversation. */
export function forgetCancelledBookings(
  state: MemoryState,
  match: { patientId?: string; conversationId?: string },
): void {
  const history = historyOf(state);
  const kept = history.filter(
    (c) => c.patientId !== match.patientId && c.conversationId !== match.conversationId,
  );
  history.splice(0, history.length, ...kept);
}

/** Cancel and reschedule: the booking leaves its slot and joins the history. */
export function memoryAppointmentChanges(state: MemoryState): AppointmentChangeOps {
  const cancelIn = (slotId: string, patientId: string): CancelledBooking | null => {
    const slot = state.slots.get(slotId);
    if (!slot?.booking || slot.booking.patientId !== patientId) return null;
    const cancelled: CancelledBooking = { ...slot.booking, cancelledAt: nowIso() };
    state.slots.set(slotId, { ...slot, booking: null });
    historyOf(state).push(cancelled);
    return cancelled;
  };

  return {
    async cancelBooking(slotId, patientId) {
      const cancelled = cancelIn(slotId, patientId);
      return cancelled
        ? { ok: true, booking: { ...cancelled } }
        : { ok: false, reason: 'not_found' };
    },

    async rescheduleBooking(fromSlotId, toSlotId, patientId) {
      const from = state.slots.get(fromSlotId);
      const to = state.slots.get(toSlotId);
      if (!from?.booking || from.booking.patientId !== patientId || !to)
        return { ok: false, reason: 'not_found' };
      if (to.booking) return { ok: false, reason: 'already_booked' };
      const booking = {
        slotId: toSlotId,
        conversationId: from.booking.conversationId,
        patientId,
        bookedAt: nowIso(),
      };
      cancelIn(fromSlotId, patientId);
      state.slots.set(toSlotId, { ...to, booking });
      return { ok: true, booking: { ...booking } };
    },

    async getSlot(slotId) {
      const slot = state.slots.get(slotId);
      return slot ? structuredClone(slot) : null;
    },

    async removeSlot(slotId) {
      const slot = state.slots.get(slotId);
      if (!slot) return 'not_found';
      if (slot.booking) return 'booked';
      state.slots.delete(slotId);
      return 'removed';
    },

    async listCancelledBookings(filter) {
      return historyOf(state)
        .filter((c) => filter.patientId === undefined || c.patientId === filter.patientId)
        .filter(
          (c) => filter.conversationId === undefined || c.conversationId === filter.conversationId,
        )
        .sort(
          (a, b) => compareText(a.cancelledAt, b.cancelledAt) || compareText(a.slotId, b.slotId),
        )
        .map((c) => ({ ...c }));
    },
  };
}
