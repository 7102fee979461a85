import type { Priority } from '@baton/handoff-protocol';

/** Why a follow-up item exists: what the patient left behind, or a handoff nobody took. */
export type FollowUpKind = 'message' | 'callback' | 'appointment' | 'expired' | 'failed';

export type FollowUpStatus = 'open' | 'claimed' | 'closed';

/**
 * The actor id under which the system itself claims and closes items (an unanswered item
 * superseded by the patient's request). Such items are not staff work: `followUpStats`
 * does not count them as closed.
 */
export const SYSTEM_ACTOR_ID = 'system';

/**
 * What the patient asked, as staff read it. PHI: encrypted at rest (SQLite, PostgreSQL),
 * never logged, never audited.
 */
export interface FollowUpDetail {
  patientDisplayName?: string;
  /** A left message. */
  text?: string;
  /** A callback request: E.164 number and the time the patient prefers. */
  phone?: string;
  preferredTime?: string;
  /** Why the handoff did not reach a person (`no-agents`, `out-of-hours`, `expired`…). */
  reason?: string;
}

export interface NewFollowUpItem {
  id: string;
  /**
   * One item per cause: a second create with the same key returns the first item
   * (`created: false`), on every node.
   */
  key: string;
  conversationId: string;
  queue: string;
  priority: Priority;
  patientId: string;
  kind: FollowUpKind;
  detail: FollowUpDetail;
}

export interface FollowUpItemRecord extends NewFollowUpItem {
  createdAt: string;
  status: FollowUpStatus;
  claimedBy: string | null;
  claimedAt: string | null;
  /** Written by the staff member who closed it: may hold PHI, encrypted at rest. */
  outcomeNote: string | null;
  closedAt: string | null;
}

export interface FollowUpFilter {
  statuses?: readonly FollowUpStatus[];
  /** Only these queues; absent = every queue. */
  queues?: readonly string[];
  /** Oldest first; default and ceiling 500. */
  limit?: number;
}

export type FollowUpChange =
  | { ok: true; item: FollowUpItemRecord }
  | {
      ok: false;
      reason: 'not_found' | 'status_mismatch' | 'not_claimant';
      current: FollowUpItemRecord | null;
    };

/** Worklist figures for the dashboard. */
export interface FollowUpStats {
  open: number;
  claimed: number;
  /** `createdAt` of the oldest item not closed yet. */
  oldestOpenAt: string | null;
  /** Items closed at or after the given instant. */
  closedSince: number;
}

export const FOLLOW_UP_LIST_LIMIT = 500;

/** One patient taken from a queue by an agent: what wait estimates are measured from. */
export interface QueueWaitSample {
  queue: string;
  conversationId: string;
  /** Time from entering the queue to being claimed. */
  waitedMs: number;
  claimedAt: string;
}

/** Ceiling of `recentQueueWaits`. */
export const QUEUE_WAIT_LIMIT = 200;
