import type { ConversationStore } from '../../storage/contract';
import type { DurableScheduler } from '../scheduler';
import {
  type AppointmentReminder,
  type ReminderClaims,
  type ReminderSender,
  sendReminder,
} from './reminders';

/** The schedule kind of a reminder being sent or sent (key: the reminder, as JSON). */
export const REMINDER_KIND = 'reminder';

/** The plan of a reminder not yet due (key: the reminder, as JSON), kept for restarts. */
export const REMINDER_PLAN_KIND = 'reminder.plan';

/** A sender that died between claim and audit: another node sends it after this long. */
const CLAIM_LEASE_MS = 5 * 60_000;
/** A sent reminder's marker stays until this long after the appointment. */
const KEEP_AFTER_MS = 24 * 60 * 60_000;

type ReminderStore = Pick<
  ConversationStore,
  'ensureSchedule' | 'setSchedule' | 'queryAudit' | 'appendAudit' | 'getConversation'
>;

function keyOf(r: AppointmentReminder): string {
  const fields = [r.conversationId, r.patientId, r.slotId, r.appointmentStart, r.dueAt];
  return JSON.stringify(r.appointmentId ? [...fields, r.appointmentId] : fields);
}

function reminderOf(key: string): AppointmentReminder | null {
  try {
    const fields = JSON.parse(key) as unknown;
    if (!Array.isArray(fields) || (fields.length !== 5 && fields.length !== 6)) return null;
    if (!fields.every((v) => typeof v === 'string')) return null;
    const [conversationId, patientId, slotId, appointmentStart, dueAt, appointmentId] =
      fields as string[];
    return {
      conversationId,
      patientId,
      slotId,
      ...(appointmentId ? { appointmentId } : {}),
      appointmentStart,
      dueAt,
    } as AppointmentReminder;
  } catch {
    return null;
  }
}

async function alreadySent(store: ReminderStore, r: AppointmentReminder): Promise<boolean> {
  const audit = await store.queryAudit({ conversationId: r.conversationId });
  return audit.some((a) => a.action === 'appointment.reminder' && a.targetId === r.slotId);
}

/**
 * Reminder claims in the store's schedules: the first node to create the row sends; the row
 * then marks the reminder sent until after the appointment. If the sender dies between claim
 * and audit, the row comes due and a node sends it late (better late than never), once.
 */
export function durableReminderClaims(
  store: ReminderStore,
  scheduler: DurableScheduler,
  sender: ReminderSender,
): ReminderClaims {
  scheduler.handle(REMINDER_KIND, async (key) => {
    const reminder = reminderOf(key);
    if (!reminder || (await alreadySent(store, reminder))) return;
    await sendReminder(store, sender, reminder);
  });
  // A planned reminder comes due: the node that claims it sends it (the process that planned
  // it may be gone, or may send it first; the claim keeps it to one).
  scheduler.handle(REMINDER_PLAN_KIND, async (key) => {
    const reminder = reminderOf(key);
    if (!reminder || Date.parse(reminder.appointmentStart) <= Date.now()) return;
    // Deleted since (retention, the patient's erasure): nothing to remind.
    if (!(await store.getConversation(reminder.conversationId))) return;
    if (!(await claims.claim(reminder))) return;
    await sendReminder(store, sender, reminder);
    await claims.done(reminder);
  });
  const claims: ReminderClaims = {
    async claim(reminder) {
      const due = new Date(Date.now() + CLAIM_LEASE_MS).toISOString();
      if (!(await store.ensureSchedule(REMINDER_KIND, keyOf(reminder), due))) return false;
      return !(await alreadySent(store, reminder));
    },
    async done(reminder) {
      const keepUntil = Date.parse(reminder.appointmentStart) + KEEP_AFTER_MS;
      await store.setSchedule(REMINDER_KIND, keyOf(reminder), new Date(keepUntil).toISOString());
    },
    async plan(reminder, delayMs) {
      const dueAt = new Date(Date.now() + Math.max(0, delayMs)).toISOString();
      await store.setSchedule(REMINDER_PLAN_KIND, keyOf(reminder), dueAt);
      scheduler.wake(REMINDER_PLAN_KIND, keyOf(reminder), delayMs);
    },
  };
  return claims;
}
