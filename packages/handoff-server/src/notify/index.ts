export {
  idempotencyKeyOf,
  type Notifier,
  NotifyError,
  type ReminderMessage,
} from './notifier';
export type { DeliveryRetryPolicy } from './outbox';
export type { NotificationOptions } from './setup';
export { type SmtpNotifierOptions, smtpNotifier } from './smtp';
export { type WebhookNotifierOptions, webhookNotifier } from './webhook';
