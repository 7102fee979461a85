import * as z from 'zod/mini';
import { EscalationKind } from './escalation';

// A conversation with the bot, as the widget registers it with the handoff server so that
// supervisors see it live and analytics can report containment. Never any message text:
// when it started, the patient's locale, the portal page it started on, and how it ended.

/** How a bot conversation ended: the bot answered, a person took over, or the patient left. */
export const BotOutcome = z.enum(['contained', 'escalated', 'abandoned']);
export type BotOutcome = z.infer<typeof BotOutcome>;

/** The path of the portal page the chat was opened on (no origin, no query, no fragment). */
export const EntryPath = z
  .string()
  .check(z.minLength(1), z.maxLength(300), z.regex(/^\/[^?#\s]*$/, 'must be a path like /a/b'));
export type EntryPath = z.infer<typeof EntryPath>;

/** Why a bot conversation went to a person: the escalation detector's kind. */
export const BotEscalationReason = EscalationKind;

/** The patient's IANA time zone as the browser reports it (`Europe/Paris`), for analytics. */
export const PatientTimeZone = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'must be an IANA time zone like Europe/Paris'),
  );
export type PatientTimeZone = z.infer<typeof PatientTimeZone>;
