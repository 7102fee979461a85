import * as z from 'zod/mini';
import { PatientContext } from './patient';
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

export const EscalationReason = z.object({
  kind: EscalationKind,
  /** Which detector or signal fired, e.g. `handoff.initiate`, `omnichannel-escalate-tag`. */
  detail: z.optional(z.string().check(z.maxLength(500))),
  /** The text that matched (phrase list, red flag), when there is one. */
  matchedText: z.optional(z.string().check(z.maxLength(500))),
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

/** Everything an adapter receives when a conversation needs a human. */
export const HandoffRequest = z.object({
  reason: EscalationReason,
  priority: Priority,
  patient: PatientContext,
  transcript: Transcript,
  directLine: z.optional(DirectLineRef),
  routing: z.optional(RoutingHints),
});
export type HandoffRequest = z.infer<typeof HandoffRequest>;
