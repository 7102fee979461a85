import type { Priority, Transcript } from '@baton/handoff-protocol';
import type { ConversationRecord, ConversationState, MessageRecord, NewMessage } from './records';

/** A `handoff.request`: conversation, transcript and request log entry, committed together. */
export interface NewHandoff {
  conversationId: string;
  patientId: string;
  priority: Priority;
  transcript: Transcript;
  /** The request's log entry; its `clientMessageId` tells a retry from a new request. */
  entry: NewMessage;
  /**
   * States an existing conversation may be requested again from (compare-and-set), e.g.
   * `returned_to_bot`. A conversation that does not exist is created in `handoff_requested`.
   */
  reopenFrom: readonly ConversationState[];
  /** Deadlines armed in the same transaction (as `setSchedule`, keyed by the conversation). */
  deadlines?: readonly { kind: string; dueAt: string }[];
  /** The patient's IANA zone from the verified request context (analytics' patient days). */
  patientTimeZone?: string;
  /**
   * Why it escalated (the analytics record of `recordEscalation`), written in the same
   * transaction when the request is new; nothing is written for a duplicate.
   */
  escalation?: { kind: string; requestedAt: string };
  /**
   * Queued at once in the same transaction (an adapter whose queue lives in this store, the
   * built-in desk): the conversation goes on to `queued` in `queue` at the request's priority,
   * with its queue entry, as `enqueue` would. Ignored for a duplicate.
   */
  enqueue?: { queue: string };
}

export type HandoffCommit =
  | {
      ok: true;
      conversation: ConversationRecord;
      /** The conversation before this request (null: created by it). */
      previous: ConversationRecord | null;
      message: MessageRecord;
      /** This `clientMessageId` was committed before: nothing changed, the original is returned. */
      duplicate: boolean;
      /** With `enqueue`: the conversation as requested, before it was queued (`conversation`). */
      requested?: ConversationRecord;
    }
  | { ok: false; reason: 'state_mismatch'; current: ConversationRecord };

/**
 * One durable deadline: `kind` (queue, idle, reminder…) for `key` (usually a conversation
 * id), due at `dueAt`. A node claims due rows for a lease; `version` changes when re-armed.
 */
export interface ScheduleRecord {
  kind: string;
  key: string;
  dueAt: string;
  version: number;
  claimedBy: string | null;
  claimedUntil: string | null;
}

export interface ScheduleClaim {
  /** The claiming node. */
  owner: string;
  /** The claimer's clock (ISO). */
  now: string;
  /** How long the claim holds before another node may take the row again. */
  leaseMs: number;
  /** At most this many rows per call. */
  limit: number;
}

export const MAX_SCHEDULE_CLAIM = 500;
