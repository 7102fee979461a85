import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { appointmentCalendar } from './ics';
import { type DeliveryAttempt, type Notifier, NotifyError, type ReminderMessage } from './notifier';
import { renderReminder } from './templates';

export interface SmtpNotifierOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; or `transport` options. */
  url?: string;
  transport?: SMTPTransport.Options;
  /** The sender, e.g. `"Clinic" <no-reply@clinic.example>`. */
  from: string;
  /** Domain of the Message-ID; default the `from` address's domain. */
  messageIdDomain?: string;
  /** Connection, greeting and socket timeouts; default 10 s. */
  timeoutMs?: number;
}

/** A simple e-mail address check: what the token says must look like one. */
const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

function domainOf(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'baton.invalid';
}

/**
 * Appointment reminders by e-mail (nodemailer over SMTP): a text and an HTML part in the
 * patient's language, the appointment in her time zone, an `.ics` attachment, the
 * reschedule and cancel links. The Message-ID is the delivery's idempotency key, so a
 * message sent again after a crash has the same Message-ID (mail stores and readers can
 * drop the repeat; the outbox shows the extra attempt).
 */
export function smtpNotifier(options: SmtpNotifierOptions): Notifier & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const base: SMTPTransport.Options = {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.transport ?? {}),
  };
  const transport = nodemailer.createTransport(
    options.url ? { ...base, ...smtpUrlOptions(options.url) } : base,
  );
  const domain = options.messageIdDomain ?? domainOf(options.from);
  return {
    channel: 'email',
    canReach: (message) => typeof message.email === 'string' && EMAIL.test(message.email),
    async send(message: ReminderMessage, attempt: DeliveryAttempt) {
      if (!message.email || !EMAIL.test(message.email)) throw new NotifyError('no_contact', true);
      const rendered = renderReminder(message);
      try {
        await transport.sendMail({
          from: options.from,
          to: message.email,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: `<${attempt.idempotencyKey}@${domain}>`,
          headers: { 'Content-Language': rendered.locale, 'Auto-Submitted': 'auto-generated' },
          attachments: [
            {
              filename: 'appointment.ics',
              content: appointmentCalendar(message, rendered.summary),
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ],
        });
      } catch (error) {
        throw smtpError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** `smtp(s)://user:pass@host:port` → transport options (`smtps`: TLS from the start). */
export function smtpUrlOptions(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  if (!secure && parsed.protocol !== 'smtp:')
    throw new TypeError('SMTP URL must be smtp: or smtps:');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username
      ? {
          auth: {
            user: decodeURIComponent(parsed.username),
            pass: decodeURIComponent(parsed.password),
          },
        }
      : {}),
  };
}

/** 5xx replies are final (unknown mailbox, refused); connection trouble and 4xx are retried. */
function smtpError(error: unknown): NotifyError {
  const info = error as { code?: string; responseCode?: number };
  if (typeof info.responseCode === 'number') {
    return new NotifyError(`smtp_${info.responseCode}`, info.responseCode >= 500, {
      cause: error,
    });
  }
  const code = info.code ?? '';
  if (code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS')
    return new NotifyError('smtp_unreachable', false, { cause: error });
  if (code === 'EAUTH') return new NotifyError('smtp_auth', false, { cause: error });
  return new NotifyError('smtp_error', false, { cause: error });
}
