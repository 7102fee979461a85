import { createId, type Slot } from '@baton/handoff-protocol';
import type { PatientPrincipal, StaffPrincipal } from '../../auth/principal';
import type { MessageRecord } from '../../storage/records';
import type { AgentAckFrame, AgentFrame, PatientAckFrame, PatientFrame } from '../frames';
import { logKey } from '../log-record';
import { refuse } from '../refusals';
import { ackFrame, followUpRecord, followUpsOfType, sameEarlier } from './commit';
import type { ReminderScheduler } from './reminders';
import { admitOfferedSlots, confirmationFor, freeSlots, slotIdOf } from './slots';
import type { FollowUpContext } from './types';

/** An agent may offer appointments while chatting, or after the chat ended or failed. */
const OFFER_STATES = new Set(['assigned', 'ended', 'failed', 'expired']);

export interface AppointmentFlowOptions {
  offeredSlots: number;
  slotWindowMs: number;
}

type Offered = { slot: Slot; offerId: string };

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
      await admitOfferedSlots(core.store, offer.slots, clock.now());
      return core.append(conversationId, followUpRecord(key, 'agent', staff.staffId, event));
    });
    return ackFrame(conversationId, frame.clientMessageId, record.seq);
  }

  /**
   * Offers the free slots of the coming days, logged under `key` (a repeat stores nothing).
   * `null` when no slot is free. The caller holds the conversation's lock.
   */
  async offerFreeSlots(conversationId: string, key: string): Promise<MessageRecord | null> {
    const { core, clock } = this.#ctx;
    const slots = await freeSlots(
      core.store,
      clock.now(),
      this.#options.slotWindowMs,
      this.#options.offeredSlots,
    );
    if (slots.length === 0) return null;
    return core.append(
      conversationId,
      followUpRecord(key, 'system', 'baton', {
        type: 'appointment.offer',
        offer: { offerId: createId(), slots },
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
        return { record: earlier, booked: null };
      }
      if (!offered) throw refuse.invalid('No such slot in an offer of this conversation');
      if (followUpsOfType(log, 'appointment.selected').some((s) => s.event.offerId === offerId))
        throw refuse.conflict('A slot of this offer was already chosen');
      if (Date.parse(offered.slot.start) <= clock.now())
        throw refuse.invalid('This slot has already started');
      const result = await core.store.bookSlot(slotId, {
        conversationId,
        patientId: patient.patientId,
      });
      if (!result.ok) {
        const bookings = await core.store.listBookings({ conversationId });
        if (!bookings.some((b) => b.slotId === slotId)) {
          await this.offerFreeSlots(conversationId, logKey('event', `reoffer:${key}`));
          throw refuse.conflict('This slot was just booked by someone else; pick another one');
        }
      }
      const record = await core.append(
        conversationId,
        followUpRecord(key, 'patient', patient.patientId, event),
      );
      await this.#confirm(conversationId, offered);
      return { record, booked: offered.slot };
    });
    if (outcome.booked) {
      this.#reminders.schedule(
        { conversationId, patientId: patient.patientId, slotId },
        outcome.booked.start,
      );
      this.#ctx.notify({
        type: 'appointment.booked',
        conversationId,
        slotId,
        start: outcome.booked.start,
      });
    }
    return ackFrame(conversationId, frame.clientMessageId, outcome.record.seq);
  }

  /** The server's `appointment.confirmed` for a booked slot (once per offer). */
  async #confirm(conversationId: string, offered: Offered): Promise<void> {
    const { core } = this.#ctx;
    const request = await core.request(conversationId);
    await core.append(
      conversationId,
      followUpRecord(logKey('event', `confirmed:${offered.offerId}`), 'system', 'baton', {
        type: 'appointment.confirmed',
        appointment: confirmationFor(offered.slot, request?.patient.displayName),
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
      const bookings = await core.store.listBookings({ conversationId });
      const booked = new Set(bookings.map((b) => b.slotId));
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
  const slot = offers.at(-1)?.event.offer.slots.find((s) => s.id === slotId);
  return slot ? { slot, offerId } : null;
}
