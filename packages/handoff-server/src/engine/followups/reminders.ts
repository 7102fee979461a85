import type { ConversationStore } from '../../storage/contract';
import { errorCode } from '../core';
import type { EngineLogger } from '../types';
import { type Clock, DEFAULT_REMINDER_LEAD_MS, systemClock } from './types';

/** One appointment reminder: ids and times only. */
export interface AppointmentReminder {
  conversationId: string;
  patientId: string;
  slotId: string;
  /** The scheduling provider's appointment id when it is not the slot id (FHIR `Appointment`). */
  appointmentId?: string;
  /** When the appointment starts (ISO). */
  appointmentStart: string;
  /** When the reminder is due (ISO): `appointmentStart` minus the lead time. */
  dueAt: string;
}

/**
 * Delivers a reminder (SMS, e-mail, a portal notification…). Resolve once it is handed
 * over; a rejection is logged and the reminder is not retried. Baton ships no real channel:
 * the default sender only emits an event (and the scheduler writes the audit record).
 */
export interface ReminderSender {
  send(reminder: AppointmentReminder): Promise<void>;
}

/** The default sender: tells a listener (ids only), sends nothing anywhere. */
export function eventReminderSender(
  onReminder: (reminder: AppointmentReminder) => void,
): ReminderSender {
  return {
    async send(reminder) {
      onReminder(reminder);
    },
  };
}

/**
 * Makes a reminder go out once across nodes and restarts: `claim` before sending (false:
 * another node has it), `done` after the audit record. See `durableReminderClaims`.
 */
/** Sends one reminder, then records it in the audit log (ids only): what marks it sent. */
export async function sendReminder(
  store: Pick<ConversationStore, 'appendAudit'>,
  sender: ReminderSender,
  reminder: AppointmentReminder,
): Promise<void> {
  await sender.send(reminder);
  await store.appendAudit({
    action: 'appointment.reminder',
    outcome: 'allowed',
    actorId: 'baton',
    actorRole: 'system',
    conversationId: reminder.conversationId,
    patientId: reminder.patientId,
    targetId: reminder.slotId,
    reason: 'sent',
  });
}

export interface ReminderClaims {
  claim(reminder: AppointmentReminder): Promise<boolean>;
  done(reminder: AppointmentReminder): Promise<void>;
  /**
   * Keeps the plan in the database, due in `delayMs`: a node that restarts (or another node)
   * sends it even though this process's timer is gone, whatever the scheduling provider.
   */
  plan?(reminder: AppointmentReminder, delayMs: number): Promise<void>;
}

/** The booking a reminder is planned for. */
export interface ReminderBookingRef {
  conversationId: string;
  patientId: string;
  slotId: string;
  /** The provider's appointment id (FHIR `Appointment`); built-in: the slot id. */
  appointmentId?: string;
}

export interface ReminderSchedulerOptions {
  store: Pick<ConversationStore, 'appendAudit' | 'queryAudit' | 'listBookings' | 'listSlots'>;
  sender: ReminderSender;
  logger: EngineLogger;
  /** How long before the appointment. Default 24 hours. */
  leadMs?: number;
  clock?: Clock;
  claims?: ReminderClaims;
}

/** Longest single wait: timers re-arm, so far-away reminders never overflow setTimeout. */
const MAX_WAIT_MS = 6 * 60 * 60_000;

/**
 * Keeps one reminder per booking and sends it `leadMs` before the appointment (at once when
 * the booking is made later than that). A sent reminder is written to the audit log
 * (`appointment.reminder`, ids only), which is also how `recover` knows, after a restart,
 * which bookings still need one. Time comes from an injectable `Clock`.
 */
export class ReminderScheduler {
  readonly #options: ReminderSchedulerOptions;
  readonly #clock: Clock;
  readonly #leadMs: number;
  readonly #pending = new Map<string, AppointmentReminder>();
  #timer: unknown = null;
  #sending: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: ReminderSchedulerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#leadMs = options.leadMs ?? DEFAULT_REMINDER_LEAD_MS;
  }

  /** Reminders waiting to be sent. */
  get pending(): AppointmentReminder[] {
    return [...this.#pending.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /** Plans the reminder of a booking (this process); an appointment already started gets none. */
  schedule(booking: ReminderBookingRef, start: string) {
    const reminder = this.#reminderOf(booking, start);
    if (!reminder) return;
    this.#pending.set(`${booking.conversationId}/${booking.slotId}`, reminder);
    this.#arm();
  }

  /**
   * Plans it and waits until the plan is in the database (call it before the booking is
   * confirmed): a node that dies after the confirmation cannot lose the reminder.
   */
  async plan(booking: ReminderBookingRef, start: string): Promise<void> {
    const reminder = this.#reminderOf(booking, start);
    if (!reminder) return;
    await this.#options.claims?.plan?.(reminder, Date.parse(reminder.dueAt) - this.#clock.now());
    this.schedule(booking, start);
  }

  #reminderOf(booking: ReminderBookingRef, start: string): AppointmentReminder | null {
    const startMs = Date.parse(start);
    if (this.#stopped || !Number.isFinite(startMs) || startMs <= this.#clock.now()) return null;
    return {
      conversationId: booking.conversationId,
      patientId: booking.patientId,
      slotId: booking.slotId,
      // The built-in provider's appointment is its slot: no second id.
      ...(booking.appointmentId && booking.appointmentId !== booking.slotId
        ? { appointmentId: booking.appointmentId }
        : {}),
      appointmentStart: new Date(startMs).toISOString(),
      dueAt: new Date(startMs - this.#leadMs).toISOString(),
    };
  }

  /** After a restart: plans reminders of upcoming bookings that have not had one. */
  async recover(): Promise<number> {
    const { store } = this.#options;
    const now = this.#clock.now();
    const upcoming = await store.listSlots({ from: new Date(now).toISOString() });
    let planned = 0;
    for (const slot of upcoming) {
      const booking = slot.booking;
      if (!booking) continue;
      const audit = await store.queryAudit({ conversationId: booking.conversationId });
      const sent = audit.some((a) => a.action === 'appointment.reminder' && a.targetId === slot.id);
      if (sent) continue;
      this.schedule(booking, slot.startsAt);
      planned += 1;
    }
    return planned;
  }

  /** Resolves when every reminder due so far has been handed to the sender. */
  async idle(): Promise<void> {
    await this.#sending;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer);
    this.#timer = null;
    this.#pending.clear();
  }

  #arm(): void {
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer);
    this.#timer = null;
    if (this.#stopped || this.#pending.size === 0) return;
    let next = Number.POSITIVE_INFINITY;
    for (const reminder of this.#pending.values())
      next = Math.min(next, Date.parse(reminder.dueAt));
    const wait = Math.min(Math.max(0, next - this.#clock.now()), MAX_WAIT_MS);
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = null;
      this.#fire();
    }, wait);
  }

  #fire(): void {
    const now = this.#clock.now();
    const due: AppointmentReminder[] = [];
    for (const [key, reminder] of this.#pending) {
      if (Date.parse(reminder.dueAt) <= now) {
        due.push(reminder);
        this.#pending.delete(key);
      }
    }
    for (const reminder of due) this.#sending = this.#sending.then(() => this.#send(reminder));
    this.#arm();
  }

  async #send(reminder: AppointmentReminder): Promise<void> {
    const { sender, store, logger, claims } = this.#options;
    try {
      if (claims && !(await claims.claim(reminder))) return;
      await sendReminder(store, sender, reminder);
      await claims?.done(reminder);
    } catch (error) {
      logger.warn(
        { conversationId: reminder.conversationId, slotId: reminder.slotId, err: errorCode(error) },
        'appointment reminder not sent',
      );
    }
  }
}
