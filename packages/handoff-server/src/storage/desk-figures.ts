import type { Priority } from '@baton/handoff-protocol';
import type { QueueEntry } from './records';

/** Where a queued conversation stands in its queue: its entry, its position, whether it is last. */
export interface QueuePosition extends QueueEntry {
  /** 1-based, in the queue's order (priority, then age). */
  position: number;
  /** Nobody waits behind it. */
  last: boolean;
}

/** The desk dashboard's counts, read with a few indexed counts whatever the history holds. */
export interface DeskCounts {
  bot: number;
  handoffRequested: number;
  queued: number;
  assigned: number;
  /** Conversations `ended` at or after the `since` asked for. */
  endedSince: number;
  /** Conversations `abandoned` at or after the `since` asked for. */
  abandonedSince: number;
  /** The oldest queue entry's `enqueuedAt`, or null when nobody waits. */
  oldestQueuedAt: string | null;
}

/**
 * What the desk reads on every handoff and dashboard tick, each a bounded indexed query (a
 * count over the queue's index, counts per state): the desk's cost per event stays flat
 * however long the queue or the history.
 */
export interface DeskFigureOps {
  /** Position of a queued conversation and whether it is last; null when it is not queued. */
  queuePosition(conversationId: string): Promise<QueuePosition | null>;
  /** Entries of `queue` a new entry of `priority` would wait behind (same or higher priority). */
  countQueuedAhead(queue: string, priority: Priority): Promise<number>;
  /** Live conversations per state, finished ones since `since`, the oldest wait. */
  deskCounts(since: string): Promise<DeskCounts>;
  /** The queues somebody waits in, sorted (an index scan: no conversation is read). */
  queuedQueueNames(): Promise<string[]>;
}
