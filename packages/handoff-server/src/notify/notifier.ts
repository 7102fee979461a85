import type { DeliveryChannel } from '../storage/deliveries';

/**
 * What an appointment reminder carries: times, the patient's locale and time zone, the
 * trusted address, links. Never message text, a diagnosis or the slot's label.
 */
export interface ReminderMessage {
  kind: 'appointment.reminder';
  conversationId: string;
  patientId: string;
  slotId: string;
  /** The provider's appointment id when it is not the slot id (FHIR `Appointment`). */
  appointmentId?: string;
  /** ISO instants. */
  start: string;
  end: string;
  /** BCP 47 tag; templates exist for en, fr and es (others fall back to en). */
  locale: string;
  /** IANA zone the appointment is written in (default: the server's configured zone). */
  timeZone: string;
  /** The patient's address from trusted context (token claims or a record system). */
  email?: string;
  /** Who the appointment is with, as the organisation wants it shown. */
  organization: string;
  cancelUrl?: string;
  rescheduleUrl?: string;
}

/** One try of one outbox row, as a notifier sees it. */
export interface DeliveryAttempt {
  /** The outbox row id: stable across retries and nodes. */
  deliveryId: string;
  /** Stable per delivery: SMTP `Message-ID`, webhook `idempotency-key`. */
  idempotencyKey: string;
  /** 1 for the first try. */
  attempt: number;
}

/**
 * A way to reach a patient. `send` resolves once the channel accepted the message and
 * rejects with a `NotifyError`: `permanent` ones are not retried. A notifier is given the
 * same `idempotencyKey` on every retry of one delivery, so a receiver can drop a repeat
 * (a node that died between sending and recording it sends it again).
 */
export interface Notifier {
  readonly channel: DeliveryChannel;
  /** False when this message cannot go this way (e.g. no trusted e-mail address). */
  canReach(message: ReminderMessage): boolean;
  send(message: ReminderMessage, attempt: DeliveryAttempt): Promise<void>;
}

/** Why a send failed: a short code (logged and listed), never content. */
export class NotifyError extends Error {
  override readonly name = 'NotifyError';
  readonly code: string;
  readonly permanent: boolean;

  constructor(code: string, permanent: boolean, options?: { cause?: unknown }) {
    super(`notification not sent: ${code}`, options);
    this.code = code;
    this.permanent = permanent;
  }

  static is(value: unknown): value is NotifyError {
    return value instanceof Error && value.name === 'NotifyError' && 'code' in value;
  }
}

/** The stable idempotency key of a delivery (also the SMTP Message-ID's local part). */
export function idempotencyKeyOf(deliveryId: string): string {
  return `reminder-${deliveryId}`;
}
