import type { Slot } from '@baton/handoff-protocol';
import type { PatientPrincipal } from '../../auth/principal';
import type { ScheduledAppointment, SchedulingOutcome } from '../../scheduling/provider';
import type { PatientAckFrame, PatientFrame } from '../frames';
import { logKey } from '../log-record';
import { refuse } from '../refusals';
import type { AppointmentLinkClaims } from './appointment-links';
import type { AppointmentFlow } from './appointments';
import { ackFrame, followUpRecord } from './commit';
import { confirmationFor } from './slots';
import type { FollowUpContext } from './types';

/** What a signed link's page shows: the appointment (if still this patient's) and, to move it, free slots. */
export interface AppointmentLinkView {
  appointment: ScheduledAppointment | null;
  freeSlots: Slot[];
}

/**
 * Cancelling and moving appointments, from the chat (`appointment.cancel`,
 * `appointment.reschedule` then `appointment.select`) or from a signed link. Either way the
 * conversation's log gets the `appointment.cancelled` / `appointment.confirmed` entries, so the
 * patient and the agents watching see the change.
 */
export class AppointmentChanges {
  readonly #ctx: FollowUpContext;
  readonly #appointments: AppointmentFlow;

  constructor(ctx: FollowUpContext, appointments: AppointmentFlow) {
    this.#ctx = ctx;
    this.#appointments = appointments;
  }

  async cancel(
    patient: PatientPrincipal,
    frame: PatientFrame<'appointment.cancel'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const { core, access, scheduling } = this.#ctx;
    const { conversationId, appointmentId } = frame;
    const key = logKey('patient', frame.clientMessageId);
    const outcome = await core.run(conversationId, async () => {
      await access.patient(patient, conversationId);
      onAuthorized?.();
      const log = await core.readLog(conversationId);
      const earlier = log.find((r) => r.clientMessageId === key);
      if (earlier) return { record: earlier, fresh: false };
      const result = await scheduling.cancel(appointmentId, patient.patientId);
      if (!result.ok) throw refuse.invalid('No booked appointment of yours has this id');
      const record = await core.append(
        conversationId,
        followUpRecord(key, 'patient', patient.patientId, {
          type: 'appointment.cancelled',
          appointment: cancellation(result.appointment),
        }),
      );
      return { record, fresh: true };
    });
    if (outcome.fresh)
      this.#ctx.notify({
        type: 'appointment.cancelled',
        conversationId,
        appointmentId,
        via: 'chat',
      });
    return ackFrame(conversationId, frame.clientMessageId, outcome.record.seq);
  }

  /** Answers with an `appointment.offer` whose pick moves the appointment. */
  async reschedule(
    patient: PatientPrincipal,
    frame: PatientFrame<'appointment.reschedule'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const { core, access, scheduling } = this.#ctx;
    const { conversationId, appointmentId } = frame;
    const key = logKey('patient', frame.clientMessageId);
    const record = await core.run(conversationId, async () => {
      await access.patient(patient, conversationId);
      onAuthorized?.();
      const log = await core.readLog(conversationId);
      const earlier = log.find((r) => r.clientMessageId === key);
      if (earlier) return earlier;
      const current = await scheduling.appointment(appointmentId, patient.patientId);
      if (current?.status !== 'booked')
        throw refuse.invalid('No booked appointment of yours has this id');
      const offered = await this.#appointments.offerFreeSlots(conversationId, key, appointmentId);
      if (!offered) throw refuse.unavailable('No other slot is free; try later');
      return offered;
    });
    return ackFrame(conversationId, frame.clientMessageId, record.seq);
  }

  /** The page of a verified link: the appointment, and free slots when it is to be moved. */
  async linkView(claims: AppointmentLinkClaims): Promise<AppointmentLinkView> {
    const { scheduling } = this.#ctx;
    const appointment = await scheduling.appointment(claims.appointmentId, claims.patientId);
    if (appointment?.status !== 'booked' || claims.action === 'cancel')
      return { appointment, freeSlots: [] };
    const query = await this.#appointments.slotQuery(claims.conversationId);
    return { appointment, freeSlots: await scheduling.searchFreeSlots(query) };
  }

  async cancelByLink(claims: AppointmentLinkClaims): Promise<SchedulingOutcome> {
    const { core, scheduling } = this.#ctx;
    const { conversationId, appointmentId, patientId } = claims;
    const result = await core.run(conversationId, async () => {
      const outcome = await scheduling.cancel(appointmentId, patientId);
      if (outcome.ok)
        await this.#appointments.logCancelled(
          conversationId,
          appointmentId,
          outcome.appointment.slot,
          `link-cancel:${appointmentId}`,
        );
      return outcome;
    });
    if (result.ok)
      this.#ctx.notify({
        type: 'appointment.cancelled',
        conversationId,
        appointmentId,
        via: 'link',
      });
    return result;
  }

  async rescheduleByLink(
    claims: AppointmentLinkClaims,
    slotId: string,
  ): Promise<SchedulingOutcome> {
    const { core, scheduling } = this.#ctx;
    const { conversationId, appointmentId, patientId } = claims;
    const result = await core.run(conversationId, async () => {
      const old = await scheduling.appointment(appointmentId, patientId);
      const query = await this.#appointments.slotQuery(conversationId);
      const outcome = await scheduling.reschedule(appointmentId, slotId, patientId, query);
      if (!outcome.ok || !old) return outcome;
      await this.#appointments.logCancelled(
        conversationId,
        appointmentId,
        old.slot,
        `link-moved:${appointmentId}`,
      );
      await this.#appointments.planReminder(
        { conversationId, patientId, slotId, appointmentId: outcome.appointment.id },
        outcome.appointment.slot.start,
      );
      const request = await core.request(conversationId);
      const slot = { ...outcome.appointment.slot, status: 'free' as const };
      await core.append(
        conversationId,
        followUpRecord(
          logKey('event', `link-booked:${outcome.appointment.id}:${slotId}`),
          'system',
          'baton',
          {
            type: 'appointment.confirmed',
            appointment: confirmationFor(
              slot,
              request?.patient.displayName,
              outcome.appointment.id,
            ),
          },
        ),
      );
      return outcome;
    });
    if (result.ok) {
      this.#ctx.notify({
        type: 'appointment.rescheduled',
        conversationId,
        appointmentId,
        slotId,
        start: result.appointment.slot.start,
        via: 'link',
      });
    }
    return result;
  }
}

function cancellation(appointment: ScheduledAppointment) {
  return {
    resourceType: 'Appointment' as const,
    id: appointment.id,
    status: 'cancelled' as const,
    start: appointment.slot.start,
    end: appointment.slot.end,
  };
}
