import {
  type AppointmentCancellation,
  type AppointmentConfirmation,
  createId,
  FhirId,
  type Slot,
} from '@baton/handoff-protocol';
import { HandoffServerError } from '../../internal/errors';
import type { ConversationStore } from '../../storage/contract';
import type { AppointmentSlot, NewAppointmentSlot } from '../../storage/records';
import { refuse } from '../refusals';

/** A stored slot as a FHIR-shaped `Slot` (`label` becomes `schedule.display`). */
export function toFhirSlot(slot: AppointmentSlot): Slot | null {
  if (!FhirId.safeParse(slot.id).success) return null;
  if (Date.parse(slot.startsAt) >= Date.parse(slot.endsAt)) return null;
  return {
    resourceType: 'Slot',
    id: slot.id,
    status: slot.booking ? 'busy' : 'free',
    start: slot.startsAt,
    end: slot.endsAt,
    ...(slot.label ? { schedule: { display: slot.label.slice(0, 200) } } : {}),
  };
}

/** The stored slot with this id starting at `start`, if any. */
async function storedSlot(store: ConversationStore, slot: Slot): Promise<AppointmentSlot | null> {
  const start = Date.parse(slot.start);
  const found = await store.listSlots({
    from: new Date(start).toISOString(),
    to: new Date(start + 1).toISOString(),
  });
  return found.find((s) => s.id === slot.id) ?? null;
}

/**
 * Checks an agent's offer against the store: every slot must be free and in the future;
 * a slot the store knows must match its times and be unbooked; unknown slots are added.
 */
export async function admitOfferedSlots(
  store: ConversationStore,
  slots: readonly Slot[],
  now: number,
): Promise<void> {
  const ids = new Set(slots.map((s) => s.id));
  if (ids.size !== slots.length) throw refuse.invalid('Slot ids in an offer must be unique');
  const added: NewAppointmentSlot[] = [];
  for (const slot of slots) {
    if (slot.status !== 'free') throw refuse.invalid('Only free slots can be offered');
    if (Date.parse(slot.start) <= now) throw refuse.invalid('A slot in the offer has started');
    const known = await storedSlot(store, slot);
    if (known) {
      if (Date.parse(known.endsAt) !== Date.parse(slot.end))
        throw refuse.invalid('A slot in the offer does not match the schedule');
      if (known.booking) throw refuse.conflict('A slot in the offer is already booked');
      continue;
    }
    added.push({
      id: slot.id,
      startsAt: slot.start,
      endsAt: slot.end,
      label: slot.schedule?.display ?? slot.serviceType?.[0]?.text ?? null,
    });
  }
  if (added.length === 0) return;
  try {
    await store.addSlots(added);
  } catch (error) {
    if (HandoffServerError.is(error, 'conflict'))
      throw refuse.conflict('A slot id in the offer is already used for another time');
    throw error;
  }
}

/** The `appointment.confirmed` the server sends after a booking. */
export function confirmationFor(
  slot: Slot,
  patientName: string | undefined,
  appointmentId?: string,
): AppointmentConfirmation {
  const participant: AppointmentConfirmation['participant'] = [];
  if (slot.schedule)
    participant.push({ actor: { display: slot.schedule.display }, status: 'accepted' });
  participant.push({
    actor: { display: (patientName ?? 'Patient').slice(0, 200) },
    status: 'accepted',
  });
  return {
    resourceType: 'Appointment',
    id: appointmentId ?? createId(),
    status: 'booked',
    start: slot.start,
    end: slot.end,
    ...(slot.serviceType ? { serviceType: slot.serviceType } : {}),
    participant,
    slot: [{ reference: `Slot/${slot.id}` }],
  };
}

/** The slot id an appointment points at (`Slot/<id>`), if any. */
export function slotIdOf(appointment: AppointmentConfirmation): string | null {
  const reference = appointment.slot?.[0]?.reference;
  return reference?.startsWith('Slot/') ? reference.slice('Slot/'.length) : null;
}

/** The `appointment.cancelled` of an appointment (times only). */
export function cancellationOf(id: string, slot: Slot): AppointmentCancellation {
  return { resourceType: 'Appointment', id, status: 'cancelled', start: slot.start, end: slot.end };
}
