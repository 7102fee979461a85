import * as z from 'zod/mini';
import { FhirId } from '../domain/appointment';
import { Seq, Timestamp } from '../domain/primitives';
import { ClientMessageId, conversationMessage } from './envelope';

/** A cancelled appointment, shaped like a FHIR R4 `Appointment` (times only, no PHI). */
export const AppointmentCancellation = z.object({
  resourceType: z.literal('Appointment'),
  id: FhirId,
  status: z.literal('cancelled'),
  start: Timestamp,
  end: Timestamp,
});
export type AppointmentCancellation = z.infer<typeof AppointmentCancellation>;

/** The patient cancels an appointment of theirs (`appointment.confirmed`'s `appointment.id`). */
export const PatientAppointmentCancel = conversationMessage('appointment.cancel', {
  clientMessageId: ClientMessageId,
  appointmentId: FhirId,
});

/**
 * The patient asks to move an appointment: the server answers with an `appointment.offer` of
 * free slots; picking one (`appointment.select`) moves the appointment, all or nothing.
 */
export const PatientAppointmentReschedule = conversationMessage('appointment.reschedule', {
  clientMessageId: ClientMessageId,
  appointmentId: FhirId,
});

/** An appointment was cancelled (from the chat, a signed link, or moved by a reschedule). */
export const AppointmentCancelledToPatient = conversationMessage('appointment.cancelled', {
  seq: Seq,
  appointment: AppointmentCancellation,
});

/** Agents watching the conversation see the same cancellation. */
export const AppointmentCancelledToAgent = conversationMessage('appointment.cancelled', {
  seq: Seq,
  appointment: AppointmentCancellation,
});
