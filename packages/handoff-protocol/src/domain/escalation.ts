import * as z from 'zod';
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
  detail: z.string().max(500).optional(),
  /** The text that matched (phrase list, red flag), when there is one. */
  matchedText: z.string().max(500).optional(),
});
export type EscalationReason = z.infer<typeof EscalationReason>;

/** Where the bot conversation lives, so the server can mute the bot or return to it. */
export const DirectLineRef = z.object({
  conversationId: Id,
  watermark: z.string().max(128).optional(),
});
export type DirectLineRef = z.infer<typeof DirectLineRef>;

/** Hints the router may use to pick a queue. */
export const RoutingHints = z.object({
  department: z.string().min(1).max(64).optional(),
  skills: z.array(z.string().min(1).max(64)).max(16).optional(),
  language: Locale.optional(),
});
export type RoutingHints = z.infer<typeof RoutingHints>;

/** Everything an adapter receives when a conversation needs a human. */
export const HandoffRequest = z.object({
  reason: EscalationReason,
  priority: Priority,
  patient: PatientContext,
  transcript: Transcript,
  directLine: DirectLineRef.optional(),
  routing: RoutingHints.optional(),
});
export type HandoffRequest = z.infer<typeof HandoffRequest>;
