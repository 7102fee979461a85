import * as z from 'zod/mini';
import { Id, Timestamp } from './primitives';

/** FHIR R4 `id` datatype: `[A-Za-z0-9\-\.]{1,64}`. */
export const FhirId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9.-]{1,64}$/, 'must be a FHIR id (letters, digits, - and ., max 64)'));

const Display = z.string().check(z.minLength(1), z.maxLength(200));

/** FHIR R4 CodeableConcept, reduced to its readable text. */
export const CodeableText = z.object({ text: Display });

/** FHIR R4 Reference, reduced to its display (and optional literal reference). */
export const ReferenceDisplay = z.object({
  reference: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  display: Display,
});

function startsBeforeEnd(value: { start: string; end: string }): boolean {
  return Date.parse(value.start) < Date.parse(value.end);
}

/**
 * A bookable time, shaped like a FHIR R4 `Slot`: `schedule.display` names who the slot is
 * with (practitioner, clinic), `serviceType[].text` what it is for.
 */
export const Slot = z
  .object({
    resourceType: z.literal('Slot'),
    id: FhirId,
    status: z.enum(['free', 'busy']),
    start: Timestamp,
    end: Timestamp,
    serviceType: z.optional(z.array(CodeableText).check(z.maxLength(5))),
    schedule: z.optional(ReferenceDisplay),
    comment: z.optional(z.string().check(z.maxLength(500))),
  })
  .check(z.refine(startsBeforeEnd, { message: 'start must be before end', path: ['end'] }));
export type Slot = z.infer<typeof Slot>;

/** Slots offered to the patient; the patient answers with `appointment.select`. */
export const AppointmentOffer = z.object({
  offerId: Id,
  slots: z.array(Slot).check(z.minLength(1), z.maxLength(20)),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type AppointmentOffer = z.infer<typeof AppointmentOffer>;

export const AppointmentParticipant = z.object({
  actor: ReferenceDisplay,
  status: z.enum(['accepted', 'tentative', 'needs-action']),
});

/** A booked appointment, shaped like a FHIR R4 `Appointment`. */
export const AppointmentConfirmation = z
  .object({
    resourceType: z.literal('Appointment'),
    id: FhirId,
    status: z.literal('booked'),
    start: Timestamp,
    end: Timestamp,
    serviceType: z.optional(z.array(CodeableText).check(z.maxLength(5))),
    description: z.optional(z.string().check(z.maxLength(500))),
    participant: z.array(AppointmentParticipant).check(z.minLength(1), z.maxLength(10)),
    /** The slot this appointment fills, as a FHIR reference `Slot/<id>`. */
    slot: z.optional(
      z.array(z.object({ reference: z.string().check(z.maxLength(80)) })).check(z.maxLength(5)),
    ),
  })
  .check(z.refine(startsBeforeEnd, { message: 'start must be before end', path: ['end'] }));
export type AppointmentConfirmation = z.infer<typeof AppointmentConfirmation>;

/** The patient's pick from an `appointment.offer`. */
export const AppointmentSelection = z.object({
  offerId: Id,
  slotId: FhirId,
});
export type AppointmentSelection = z.infer<typeof AppointmentSelection>;
