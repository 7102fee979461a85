import * as z from 'zod/mini';
import { PatientContext, StatedPatientContext } from './patient';
import { Id, Locale, Priority } from './primitives';
import { Transcript } from './transcript';

export const EscalationKind = z.enum([
  'bot-initiated',
  'patient-requested',
  'bot-failure',
  'urgent',
  'host',
]);
export type EscalationKind = z.infer<typeof EscalationKind>;

/**
 * What the patient was shown when the escalation fired (red-flag emergency guidance), in the
 * patient's language, so the agent knows what the patient has already been told.
 */
export const EscalationGuidance = z.object({
  emergencyNumber: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
  text: z.optional(z.string().check(z.maxLength(1000))),
});
export type EscalationGuidance = z.infer<typeof EscalationGuidance>;

export const EscalationReason = z.object({
  kind: EscalationKind,
  /** Which detector or signal fired, e.g. `handoff.initiate`, `omnichannel-escalate-tag`. */
  detail: z.optional(z.string().check(z.maxLength(500))),
  /** The text that matched (phrase list, red flag), when there is one. */
  matchedText: z.optional(z.string().check(z.maxLength(500))),
  /** The guidance the patient was shown (e.g. call the emergency number), when any. */
  guidance: z.optional(EscalationGuidance),
});
export type EscalationReason = z.infer<typeof EscalationReason>;

/** Where the bot conversation lives, so the server can mute the bot or return to it. */
export const DirectLineRef = z.object({
  conversationId: Id,
  watermark: z.optional(z.string().check(z.maxLength(128))),
});
export type DirectLineRef = z.infer<typeof DirectLineRef>;

const RoutingLabel = z.string().check(z.minLength(1), z.maxLength(64));

/** Hints the router may use to pick a queue. */
export const RoutingHints = z.object({
  department: z.optional(RoutingLabel),
  skills: z.optional(z.array(RoutingLabel).check(z.maxLength(16))),
  language: z.optional(Locale),
});
export type RoutingHints = z.infer<typeof RoutingHints>;

/**
 * How the server decided a handoff's priority. The browser's priority is a hint: the server
 * re-runs red-flag detection on the patient's words in the transcript. `red-flag`: a red
 * flag was found, the handoff is `emergency` (confirmed or raised); `no-red-flag`: the
 * browser claimed `emergency` and no red flag was found, so it is downgraded to `urgent`;
 * `as-requested`: `routine` or `urgent` kept as asked.
 */
export const PriorityDecision = z.object({
  requested: Priority,
  decided: Priority,
  basis: z.enum(['red-flag', 'no-red-flag', 'as-requested']),
  /** The red-flag phrase found in the transcript, when there is one. */
  matchedText: z.optional(z.string().check(z.maxLength(500))),
});
export type PriorityDecision = z.infer<typeof PriorityDecision>;

/**
 * Everything an adapter receives when a conversation needs a human. As the server hands it
 * on, `patient` holds only verified context (the patient token's claims or the server's
 * patient context provider), `statedByPatient` what the browser said, and `priority` the
 * server's decision, explained by `triage`.
 */
export const HandoffRequest = z.object({
  reason: EscalationReason,
  priority: Priority,
  patient: PatientContext,
  transcript: Transcript,
  directLine: z.optional(DirectLineRef),
  routing: z.optional(RoutingHints),
  /** Set by the server: what the browser stated about the patient, never verified. */
  statedByPatient: z.optional(StatedPatientContext),
  /** Set by the server: why the handoff has its priority. */
  triage: z.optional(PriorityDecision),
});
export type HandoffRequest = z.infer<typeof HandoffRequest>;
