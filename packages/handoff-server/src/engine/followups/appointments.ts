import { createId, type Slot } from '@baton/handoff-protocol';
import type { PatientPrincipal, StaffPrincipal } from '../../auth/principal';
import { contactFromRequest } from '../../patient-context/contact';
import type { SchedulingOutcome, SlotQuery } from '../../scheduling/provider';
import type { MessageRecord } from '../../storage/records';
import type { AgentAckFrame, AgentFrame, PatientAckFrame, PatientFrame } from '../frames';
import { logKey } from '../log-record';
import { refuse } from '../refusals';
import { ackFrame, followUpRecord, followUpsOfType, sameEarlier } from './commit';
import type { ReminderBookingRef, ReminderScheduler } from './reminders';
import { admitOfferedSlots, cancellationOf, confirmationFor, slotIdOf } from './slots';
import type { FollowUpContext } from './types';

/** An agent may offer appointments while chatting, or after the chat ended or failed. */
const OFFER_STATES = new Set(['assigned', 'ended', 'failed', 'expired']);

export interface AppointmentFlowOptions {
  offeredSlots: number;
  slotWindowMs: number;
}

type Offered = { slot: Slot; offerId: string; reschedules?: string };

/**
 * Appointment offers and bookings. Offers (from an agent, or from the server after a
 * fallback or a lost booking race) are logged; a patient's `appointment.select` books the
 * slot atomically in the store (of concurrent selections exactly one wins, the others get
 * `conflict` and a fresh offer), tells agents (`appointment.selected`), confirms to the
 * patient (`appointment.confirmed`) and plans the reminder.
 */
export class AppointmentFlow {
  readonly #ctx: FollowUpContext;
  readonly #reminders: ReminderScheduler;
  readonly #options: AppointmentFlowOptions;

  constructor(ctx: FollowUpContext, reminders: ReminderScheduler, options: AppointmentFlowOptions) {
    this.#ctx = ctx;
    this.#reminders = reminders;
    this.#options = options;
  }

  async offer(
    staff: StaffPrincipal,
    frame: AgentFrame<'appointment.offer'>,
  ): Promise<AgentAckFrame> {
    const { core, access, clock } = this.#ctx;
    const { conversationId, offer } = frame;
    const key = logKey('agent', frame.clientMessageId);
    const event = { type: 'appointment.offer' as const, offer };
    const record = await core.run(conversationId, async () => {
      const conversation = await access.staff(staff, conversationId);
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, staff.staffId, event);
      if (earlier) return earlier;
      if (!OFFER_STATES.has(conversation.state))
        throw refuse.illegal(conversation.state, 'appointment.offer');
      if (
        followUpsOfType(log, 'appointment.offer').some(
          (o) => o.event.offer.offerId === offer.offerId,
        )
      )
        throw refuse.conflict('offerId already used in this conversation');
      // Agents' own slots join Baton's database; a record system's slots must exist there.
      if (this.#ctx.scheduling.name === 'built-in')
        await admitOfferedSlots(core.store, offer.slots, clock.now());
      return core.append(conversationId, followUpRecord(key, 'agent', staff.staffId, event));
    });
    return ackFrame(conversationId, frame.clientMessageId, record.seq);
  }

  /** The free slots a conversation is offered: its queue, the coming days, soonest first. */
  async slotQuery(conversationId: string): Promise<SlotQuery> {
    const now = this.#ctx.clock.now();
    // Indexed reads (not the log): the conversation's queue, and the patient's locale and
    // time zone from the verified part of the handoff request (never what she typed).
    const [conversation, request] = await Promise.all([
      this.#ctx.core.store.getConversation(conversationId),
      this.#ctx.core.request(conversationId),
    ]);
    const zone = contactFromRequest(request)?.timeZone;
    return {
      from: new Date(now).toISOString(),
      to: new Date(now + this.#options.slotWindowMs).toISOString(),
      max: this.#options.offeredSlots,
      ...(conversation?.queue ? { service: conversation.queue } : {}),
      ...(request?.patient.locale ? { locale: request.patient.locale } : {}),
      ...(zone ? { timeZone: zone } : {}),
    };
  }

  /**
   * Offers the free slots of the coming days (from the scheduling provider), logged under
   * `key` (a repeat stores nothing); `reschedules` marks an offer that moves that appointment.
   * `null` when no slot is free. The caller holds the conversation's lock.
   */
  async offerFreeSlots(
    conversationId: string,
    key: string,
    reschedules?: string,
    found?: Slot[],
  ): Promise<MessageRecord | null> {
    const { core } = this.#ctx;
    const slots =
      found ?? (await this.#ctx.scheduling.searchFreeSlots(await this.slotQuery(conversationId)));
    if (slots.length === 0) return null;
    return core.append(
      conversationId,
      followUpRecord(key, 'system', 'baton', {
        type: 'appointment.offer',
        offer: { offerId: createId(), slots: slots.slice(0, 20) },
        ...(reschedules ? { reschedules } : {}),
      }),
    );
  }

  async select(
    patient: PatientPrincipal,
    frame: PatientFrame<'appointment.select'>,
    onAuthorized?: () => void,
  ): Promise<PatientAckFrame> {
    const { core, access, clock } = this.#ctx;
    const { conversationId, offerId, slotId } = frame;
    const key = logKey('patient', frame.clientMessageId);
    const event = { type: 'appointment.selected' as const, offerId, slotId };
    const outcome = await core.run(conversationId, async () => {
      await access.patient(patient, conversationId);
      onAuthorized?.();
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, patient.patientId, event);
      const offered = findOffered(log, offerId, slotId);
      if (earlier) {
        if (offered) await this.#confirm(conversationId, offered);
        return { record: earlier, booked: null, reschedules: undefined };
      }
      if (!offered) throw refuse.invalid('No such slot in an offer of this conversation');
      if (followUpsOfType(log, 'appointment.selected').some((s) => s.event.offerId === offerId))
        throw refuse.conflict('A slot of this offer was already chosen');
      if (Date.parse(offered.slot.start) <= clock.now())
        throw refuse.invalid('This slot has already started');
      const party = { conversationId, patientId: patient.patientId };
      const fresh = await this.slotQuery(conversationId);
      const { scheduling } = this.#ctx;
      let result: SchedulingOutcome = offered.reschedules
        ? await scheduling.reschedule(offered.reschedules, slotId, patient.patientId, fresh)
        : await scheduling.book(slotId, party, fresh);
      if (!result.ok && result.reason === 'conflict') {
        // Booked by this patient already (a retry after a crash): the booking stands.
        const own = await scheduling.appointment(slotId, patient.patientId);
        if (own?.status === 'booked') result = { ok: true, appointment: own };
      }
      if (!result.ok) {
        if (result.reason === 'not_found')
          throw refuse.invalid('This slot or appointment no longer exists');
        await this.offerFreeSlots(
          conversationId,
          logKey('event', `reoffer:${key}`),
          offered.reschedules,
          result.freeSlots,
        );
        throw refuse.conflict('This slot was just booked by someone else; pick another one');
      }
      const record = await core.append(
        conversationId,
        followUpRecord(key, 'patient', patient.patientId, event),
      );
      // The reminder's plan is stored before the patient is told.
      await this.#reminders.plan(
        {
          conversationId,
          patientId: patient.patientId,
          slotId,
          appointmentId: result.appointment.id,
        },
        offered.slot.start,
      );
      if (offered.reschedules) {
        const old = await scheduling.appointment(offered.reschedules, patient.patientId);
        if (old) await this.logCancelled(conversationId, old.id, old.slot, `moved:${key}`);
      }
      await this.#confirm(conversationId, offered, result.appointment.id);
      return { record, booked: offered.slot, reschedules: offered.reschedules };
    });
    if (outcome.booked) {
      this.#ctx.notify(
        outcome.reschedules
          ? {
              type: 'appointment.rescheduled',
              conversationId,
              appointmentId: outcome.reschedules,
              slotId,
              start: outcome.booked.start,
              via: 'chat',
            }
          : { type: 'appointment.booked', conversationId, slotId, start: outcome.booked.start },
      );
    }
    return ackFrame(conversationId, frame.clientMessageId, outcome.record.seq);
  }

  /** Plans (durably) the reminder of a booking made outside `select` (a signed link's reschedule). */
  planReminder(booking: ReminderBookingRef, start: string): Promise<void> {
    return this.#reminders.plan(booking, start);
  }

  /** Logs `appointment.cancelled` (once per `key`). The caller holds the lock. */
  async logCancelled(
    conversationId: string,
    id: string,
    slot: Slot,
    key: string,
  ): Promise<MessageRecord> {
    return this.#ctx.core.append(
      conversationId,
      followUpRecord(logKey('event', key), 'system', 'baton', {
        type: 'appointment.cancelled',
        appointment: cancellationOf(id, slot),
      }),
    );
  }

  /** The server's `appointment.confirmed` for a booked slot (once per offer). */
  async #confirm(conversationId: string, offered: Offered, appointmentId?: string): Promise<void> {
    const { core } = this.#ctx;
    const request = await core.request(conversationId);
    await core.append(
      conversationId,
      followUpRecord(logKey('event', `confirmed:${offered.offerId}`), 'system', 'baton', {
        type: 'appointment.confirmed',
        appointment: confirmationFor(offered.slot, request?.patient.displayName, appointmentId),
      }),
    );
  }

  /** An agent confirms (again, with more detail) an appointment booked in this conversation. */
  async confirm(
    staff: StaffPrincipal,
    frame: AgentFrame<'appointment.confirm'>,
  ): Promise<AgentAckFrame> {
    const { core, access } = this.#ctx;
    const { conversationId, appointment } = frame;
    const key = logKey('agent', frame.clientMessageId);
    const event = { type: 'appointment.confirmed' as const, appointment };
    const record = await core.run(conversationId, async () => {
      await access.staff(staff, conversationId);
      const log = await core.readLog(conversationId);
      const earlier = sameEarlier(log, key, staff.staffId, event);
      if (earlier) return earlier;
      // Slots this conversation booked: the server logs a selection only once it is booked.
      const booked = new Set(
        followUpsOfType(log, 'appointment.selected').map((s) => s.event.slotId),
      );
      const slotId = slotIdOf(appointment);
      const slots = followUpsOfType(log, 'appointment.offer')
        .flatMap((o) => o.event.offer.slots)
        .filter((s) => booked.has(s.id) && (slotId === null || s.id === slotId));
      const match = slots.find(
        (s) =>
          Date.parse(s.start) === Date.parse(appointment.start) &&
          Date.parse(s.end) === Date.parse(appointment.end),
      );
      if (!match)
        throw refuse.invalid('The appointment does not match a slot booked in this conversation');
      return core.append(conversationId, followUpRecord(key, 'agent', staff.staffId, event));
    });
    return ackFrame(conversationId, frame.clientMessageId, record.seq);
  }
}

function findOffered(
  log: readonly MessageRecord[],
  offerId: string,
  slotId: string,
): Offered | null {
  const offers = followUpsOfType(log, 'appointment.offer').filter(
    (o) => o.event.offer.offerId === offerId,
  );
  const last = offers.at(-1)?.event;
  const slot = last?.offer.slots.find((s) => s.id === slotId);
  if (!slot) return null;
  return last?.reschedules ? { slot, offerId, reschedules: last.reschedules } : { slot, offerId };
}
