import * as z from 'zod/mini';
import { AgentInfo } from './agent';
import { HandoffFailureReason } from './fallback';
import { Id, Priority, Timestamp } from './primitives';
import { QueueName } from './queue';

// The follow-up worklist: everything a patient left behind (a message, a callback or an
// appointment request) and every handoff nobody took (expired, failed), as staff see it.

export const FollowUpKind = z.enum(['message', 'callback', 'appointment', 'expired', 'failed']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;

export const FollowUpStatus = z.enum(['open', 'claimed', 'closed']);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

/** What the patient asked: the left message, the callback number, why nobody answered. */
export const FollowUpRequest = z.object({
  text: z.optional(z.string().check(z.maxLength(4000))),
  /** E.164. */
  phone: z.optional(z.string().check(z.maxLength(32))),
  preferredTime: z.optional(z.string().check(z.maxLength(200))),
  reason: z.optional(HandoffFailureReason),
});
export type FollowUpRequest = z.infer<typeof FollowUpRequest>;

export const OutcomeNote = z.string().check(z.minLength(1), z.maxLength(2000));

export const FollowUpItem = z.object({
  id: Id,
  conversationId: Id,
  queue: QueueName,
  priority: Priority,
  kind: FollowUpKind,
  patientDisplayName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  request: FollowUpRequest,
  createdAt: Timestamp,
  status: FollowUpStatus,
  claimedBy: z.optional(AgentInfo),
  claimedAt: z.optional(Timestamp),
  outcomeNote: z.optional(OutcomeNote),
  closedAt: z.optional(Timestamp),
});
export type FollowUpItem = z.infer<typeof FollowUpItem>;

const Count = z.int().check(z.gte(0));

/** Worklist figures: what is waiting, for how long, and what was done today. */
export const FollowUpCounts = z.object({
  open: Count,
  claimed: Count,
  /** Age of the oldest item not closed; `null` when there is none. */
  oldestOpenSeconds: z.nullable(z.number().check(z.gte(0))),
  closedToday: Count,
});
export type FollowUpCounts = z.infer<typeof FollowUpCounts>;
