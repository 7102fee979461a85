import type { HandoffRequest } from '@baton/handoff-protocol';
import { Counter, type Registry } from 'prom-client';
import type { EngineLogger } from '../engine/types';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { contactFromRequest } from '../patient-context/contact';
import type { ConversationStore } from '../storage/contract';
import { createDeliveryRoutes } from './delivery-routes';
import type { Notifier } from './notifier';
import { DeliveryOutbox, type DeliveryRetryPolicy } from './outbox';
import {
  type AppointmentLinks,
  outboxReminderSender,
  type ReminderBooking,
} from './reminder-outbox';

/** Appointment reminders through the outbox (`createHandoffServer({ notifications })`). */
export interface NotificationOptions {
  /** E-mail (`smtpNotifier`), the signed webhook (`webhookNotifier`), or both. */
  notifiers: readonly Notifier[];
  /** Who the appointment is with, as written in the message. Default "your care team". */
  organization?: string;
  /** Time zone used when the patient's context names none. Default UTC. */
  defaultTimeZone?: string;
  retry?: Partial<DeliveryRetryPolicy>;
  /** How often each node looks at the outbox. Default 5 s. */
  pollMs?: number;
  /** How long a node holds a row it is sending. Default 2 min. */
  leaseMs?: number;
  /** This node's name in claims. */
  owner?: string;
  /** Signed cancel/reschedule links for a booking (the scheduling side's). */
  linksFor?: (
    booking: ReminderBooking,
  ) => AppointmentLinks | null | Promise<AppointmentLinks | null>;
}

/** The outbox worker, the reminder sender that fills it, and the admin routes over it. */
export function createNotifications(
  options: NotificationOptions,
  deps: {
    store: ConversationStore;
    logger: EngineLogger;
    verifiers: TokenVerifiers;
    request: (conversationId: string) => Promise<Pick<HandoffRequest, 'patient'> | null>;
    /** The scheduling provider's appointment (a FHIR reminder is skipped once it is not booked). */
    appointment?: (
      appointmentId: string,
      patientId: string,
    ) => Promise<{ status: string; conversationId: string } | null>;
    /** Where `baton_notifications_total{channel,outcome}` is registered. */
    registry?: Registry;
  },
) {
  const settled = deps.registry
    ? new Counter({
        name: 'baton_notifications_total',
        help: 'Reminder deliveries settled, by channel and outcome (sent, retry, failed)',
        labelNames: ['channel', 'outcome'],
        registers: [deps.registry],
      })
    : null;
  const outbox = new DeliveryOutbox({
    store: deps.store,
    notifiers: options.notifiers,
    logger: deps.logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    onSettled: (channel, outcome) => settled?.inc({ channel, outcome }),
  });
  const queued = outboxReminderSender({
    store: deps.store,
    notifiers: options.notifiers,
    contactFor: async (reminder) => contactFromRequest(await deps.request(reminder.conversationId)),
    organization: options.organization ?? 'your care team',
    defaultTimeZone: options.defaultTimeZone ?? 'UTC',
    ...(options.linksFor ? { linksFor: options.linksFor } : {}),
    ...(deps.appointment ? { appointment: deps.appointment } : {}),
  });
  return {
    outbox,
    reminderSender: {
      async send(reminder: Parameters<typeof queued.send>[0]) {
        await queued.send(reminder);
        outbox.poll();
      },
    },
    routes: createDeliveryRoutes({
      store: deps.store,
      verifiers: deps.verifiers,
      onRetry: () => outbox.poll(),
    }),
  };
}
