import { isRetryableStatus } from '../adapters/webhook/retry';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '../adapters/webhook/signature';
import { type Notifier, NotifyError } from './notifier';

export interface WebhookNotifierOptions {
  /** Where reminders are POSTed (https in production). */
  url: string;
  /** HMAC secret: requests carry `baton-signature` like the webhook adapter's. */
  signingSecret: string;
  /** Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Reminders to the organisation's own messaging (SMS gateway, patient app): a signed JSON
 * POST `{ type: 'appointment.reminder', id, … }` with the times, locale, time zone and links,
 * and `idempotency-key` stable across retries. It reaches every patient (the receiver knows
 * how to contact them); the e-mail address is not sent.
 */
export function webhookNotifier(options: WebhookNotifierOptions): Notifier {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    channel: 'webhook',
    canReach: () => true,
    async send(message, attempt) {
      const body = JSON.stringify({
        type: message.kind,
        id: attempt.idempotencyKey,
        conversationId: message.conversationId,
        patientId: message.patientId,
        slotId: message.slotId,
        ...(message.appointmentId ? { appointmentId: message.appointmentId } : {}),
        start: message.start,
        end: message.end,
        locale: message.locale,
        timeZone: message.timeZone,
        ...(message.cancelUrl ? { cancelUrl: message.cancelUrl } : {}),
        ...(message.rescheduleUrl ? { rescheduleUrl: message.rescheduleUrl } : {}),
      });
      const timestamp = Math.floor(Date.now() / 1000);
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': attempt.idempotencyKey,
            [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload(options.signingSecret, body, timestamp),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new NotifyError('webhook_unreachable', false, { cause: error });
      }
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok)
        throw new NotifyError(`http_${response.status}`, !isRetryableStatus(response.status));
    },
  };
}
