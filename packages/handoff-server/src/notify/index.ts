export { appointmentCalendar } from './ics';
export {
  type DeliveryAttempt,
  idempotencyKeyOf,
  type Notifier,
  NotifyError,
  type ReminderMessage,
} from './notifier';
export {
  DEFAULT_DELIVERY_RETRY,
  DeliveryOutbox,
  type DeliveryRetryPolicy,
  deliveryBackoff,
} from './outbox';
export {
  type AppointmentLinks,
  contactFromRequest,
  outboxReminderSender,
  type PatientContact,
  type ReminderBooking,
} from './reminder-outbox';
export { createNotifications, type NotificationOptions } from './setup';
export { type SmtpNotifierOptions, smtpNotifier } from './smtp';
export { renderReminder } from './templates';
export { type WebhookNotifierOptions, webhookNotifier } from './webhook';
