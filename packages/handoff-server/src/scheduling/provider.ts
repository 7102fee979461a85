import type { Slot } from '@baton/handoff-protocol';

/** Which free slots to look for. */
export interface SlotQuery {
  /** Start of the period (ISO 8601, inclusive). */
  from: string;
  /** End of the period (ISO 8601, exclusive). */
  to: string;
  /** The queue or service the appointment is for; absent: any. */
  service?: string;
  /** The patient's locale and IANA time zone, for providers that label slots. */
  locale?: string;
  timeZone?: string;
  /** At most this many slots, soonest first. Default 6. */
  max?: number;
}

/** Who books: the authenticated patient, in one conversation. */
export interface BookingParty {
  patientId: string;
  conversationId: string;
}

/** An appointment as a scheduling provider keeps it. */
export interface ScheduledAppointment {
  /** The provider's id (built-in: the slot's id; FHIR: the `Appointment` id). */
  id: string;
  status: 'booked' | 'cancelled';
  slot: Slot;
  patientId: string;
  conversationId: string;
}

/**
 * `conflict`: the slot was taken meanwhile; `freeSlots` are fresh ones for the same
 * service (soonest first, possibly empty). `not_found`: no such slot or appointment of this
 * patient.
 */
export type SchedulingOutcome =
  | { ok: true; appointment: ScheduledAppointment }
  | { ok: false; reason: 'conflict'; freeSlots: Slot[] }
  | { ok: false; reason: 'not_found' };

/**
 * Where appointments live: Baton's own database (`builtInScheduling`), a FHIR R4 server
 * (`fhirScheduling`), or anything that passes `testSchedulingProvider`. Every method is
 * given the authenticated patient; a provider never acts on another patient's appointment.
 * Of concurrent bookings of one slot exactly one wins; the others get `conflict`.
 */
export interface SchedulingProvider {
  readonly name: string;
  searchFreeSlots(query: SlotQuery): Promise<Slot[]>;
  /** Books a free slot; `fresh` is the search for replacement slots after a conflict. */
  book(slotId: string, party: BookingParty, fresh: SlotQuery): Promise<SchedulingOutcome>;
  /** Cancels the patient's appointment (the slot becomes free again). */
  cancel(appointmentId: string, patientId: string): Promise<SchedulingOutcome>;
  /**
   * Moves the patient's appointment to another free slot, all or nothing: after a
   * `conflict` the old appointment still stands.
   */
  reschedule(
    appointmentId: string,
    newSlotId: string,
    patientId: string,
    fresh: SlotQuery,
  ): Promise<SchedulingOutcome>;
  /** The appointment, if it is this patient's (booked or cancelled). */
  appointment(appointmentId: string, patientId: string): Promise<ScheduledAppointment | null>;
}

export const DEFAULT_SLOT_COUNT = 6;
