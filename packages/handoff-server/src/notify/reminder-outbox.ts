import { createId } from '@baton/handoff-protocol';
import type { AppointmentReminder, ReminderSender } from '../engine/followups/reminders';
import type { PatientContact } from '../patient-context/contact';
import type { ConversationStore } from '../storage/contract';
import type { DeliveryChannel } from '../storage/deliveries';
import type { Notifier, ReminderMessage } from './notifier';

/** The booking a link is made for (the integrator's `appointmentLinks(booking)`). */
export interface ReminderBooking {
  conversationId: string;
  patientId: string;
  slotId: string;
  /** The provider's appointment id when it is not the slot id (FHIR `Appointment`). */
  appointmentId?: string;
  start: string;
  end: string;
  /** The patient's language and time zone, for the link's page. */
  locale?: string;
  timeZone?: string;
}

export interface AppointmentLinks {
  cancelUrl: string;
  rescheduleUrl: string;
}

export interface ReminderOutboxOptions {
  store: Pick<ConversationStore, 'enqueueDelivery' | 'listSlots'>;
  notifiers: readonly Notifier[];
  /** The patient's trusted contact; null when none is known. */
  contactFor(reminder: AppointmentReminder): Promise<PatientContact | null>;
  /** Shown in the message: who the appointment is with. */
  organization: string;
  /** When the patient's context names no zone. */
  defaultTimeZone: string;
  /** Signed cancel/reschedule links, when the scheduling side offers them. */
  linksFor?: (
    booking: ReminderBooking,
  ) => AppointmentLinks | null | Promise<AppointmentLinks | null>;
  /**
   * The provider's appointment (FHIR), for reminders that name one: a cancelled or moved
   * appointment gets no reminder. Built-in bookings are checked in the store's slots.
   */
  appointment?: (
    appointmentId: string,
    patientId: string,
  ) => Promise<{ status: string; conversationId: string } | null>;
}

/**
 * A `ReminderSender` that puts the reminder in the outbox, once per channel and booking
 * (the key makes a second node's or a restart's attempt a no-op): one row per notifier
 * that can reach the patient; when none can, one `undeliverable` row (`no_contact`) that
 * administrators see. The `DeliveryOutbox` sends the rows.
 */
export function outboxReminderSender(options: ReminderOutboxOptions): ReminderSender {
  return {
    async send(reminder) {
      const contact = await options.contactFor(reminder);
      const slots = await options.store.listSlots({
        from: reminder.appointmentStart,
        to: new Date(Date.parse(reminder.appointmentStart) + 1).toISOString(),
      });
      const slot = slots.find((s) => s.id === reminder.slotId);
      // Cancelled or moved since it was planned: nothing to remind of (a moved appointment
      // has its own reminder).
      if (slot && slot.booking?.conversationId !== reminder.conversationId) return;
      if (reminder.appointmentId && options.appointment) {
        const current = await options.appointment(reminder.appointmentId, reminder.patientId);
        if (current?.status !== 'booked' || current.conversationId !== reminder.conversationId)
          return;
      }
      const start = reminder.appointmentStart;
      const end = slot?.endsAt ?? new Date(Date.parse(start) + 30 * 60_000).toISOString();
      const booking = {
        ...pick(reminder),
        start,
        end,
        ...(contact?.locale ? { locale: contact.locale } : {}),
        ...(contact?.timeZone ? { timeZone: contact.timeZone } : {}),
      };
      const links = options.linksFor ? await options.linksFor(booking) : null;
      const message: ReminderMessage = {
        kind: 'appointment.reminder',
        ...pick(reminder),
        start,
        end,
        locale: contact?.locale ?? 'en',
        timeZone: contact?.timeZone ?? options.defaultTimeZone,
        organization: options.organization,
        ...(contact?.email ? { email: contact.email } : {}),
        ...(links ? { cancelUrl: links.cancelUrl, rescheduleUrl: links.rescheduleUrl } : {}),
      };
      const reaching = options.notifiers.filter((n) => n.canReach(message));
      const key = (channel: DeliveryChannel) =>
        `reminder/${reminder.conversationId}/${reminder.slotId}/${start}/${channel}`;
      const row = (channel: DeliveryChannel) => ({
        id: createId(),
        key: key(channel),
        channel,
        kind: message.kind,
        conversationId: reminder.conversationId,
        patientId: reminder.patientId,
        payload: message as unknown as Record<string, unknown>,
        dueAt: new Date().toISOString(),
      });
      for (const notifier of reaching) await options.store.enqueueDelivery(row(notifier.channel));
      if (reaching.length === 0) {
        const channel = options.notifiers[0]?.channel ?? 'email';
        await options.store.enqueueDelivery({
          ...row(channel),
          status: 'undeliverable',
          lastError: 'no_contact',
        });
      }
    },
  };
}

function pick(r: AppointmentReminder) {
  return {
    conversationId: r.conversationId,
    patientId: r.patientId,
    slotId: r.slotId,
    ...(r.appointmentId ? { appointmentId: r.appointmentId } : {}),
  };
}
