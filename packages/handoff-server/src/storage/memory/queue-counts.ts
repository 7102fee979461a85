import type { Priority } from '@baton/handoff-protocol';
import type { QueueEntry } from '../records';
import { compareText, PRIORITY_RANK } from '../shared';

/** One (queue, priority): who waits there, and the entry at its back (null: look again). */
interface Bucket {
  readonly ids: Set<string>;
  back: QueueEntry | null;
}

const bucketKey = (queue: string, priority: Priority) => `${queue}\u0000${priority}`;

/** Queue order within one priority: age, then conversation id. */
const after = (a: QueueEntry, b: QueueEntry) =>
  compareText(a.enqueuedAt, b.enqueuedAt) || compareText(a.conversationId, b.conversationId);

/**
 * The in-memory queue entries, by conversation id, with who waits per (queue, priority) kept
 * on every `set` and `delete`, whichever code path makes them: what the SQL stores' triggers
 * keep in `queue_counts`. A new entry's place is a sum over the priorities, and whether an
 * entry is at the back of its priority is one comparison.
 */
export class CountedQueue extends Map<string, QueueEntry> {
  readonly #buckets = new Map<string, Bucket>();

  override set(conversationId: string, entry: QueueEntry): this {
    this.#leave(conversationId);
    super.set(conversationId, entry);
    const key = bucketKey(entry.queue, entry.priority);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { ids: new Set(), back: entry };
      this.#buckets.set(key, bucket);
    } else if (bucket.back && after(entry, bucket.back) > 0) bucket.back = entry;
    bucket.ids.add(conversationId);
    return this;
  }

  override delete(conversationId: string): boolean {
    this.#leave(conversationId);
    return super.delete(conversationId);
  }

  override clear(): void {
    this.#buckets.clear();
    super.clear();
  }

  /** Entries of `queue` at `priority` or a higher one (O(number of priorities)). */
  waitingThrough(queue: string, priority: Priority): number {
    let n = 0;
    for (const p of Object.keys(PRIORITY_RANK) as Priority[])
      if (PRIORITY_RANK[p] <= PRIORITY_RANK[priority])
        n += this.#buckets.get(bucketKey(queue, p))?.ids.size ?? 0;
    return n;
  }

  /** Whether an entry of a lower priority than `priority` waits in `queue`. */
  lowerWaiting(queue: string, priority: Priority): boolean {
    for (const p of Object.keys(PRIORITY_RANK) as Priority[])
      if (PRIORITY_RANK[p] > PRIORITY_RANK[priority] && this.#buckets.has(bucketKey(queue, p)))
        return true;
    return false;
  }

  /** Entries of the same queue and priority behind `entry` (0 at the back, without a walk). */
  behind(entry: QueueEntry): number {
    const bucket = this.#buckets.get(bucketKey(entry.queue, entry.priority));
    if (!bucket) return 0;
    if (!bucket.back) {
      for (const id of bucket.ids) {
        const other = super.get(id)!;
        if (!bucket.back || after(other, bucket.back) > 0) bucket.back = other;
      }
    }
    if (bucket.back?.conversationId === entry.conversationId) return 0;
    let n = 0;
    for (const id of bucket.ids) if (after(super.get(id)!, entry) > 0) n += 1;
    return n;
  }

  /** The queues with somebody waiting. */
  queueNames(): Set<string> {
    return new Set([...this.#buckets.keys()].map((key) => key.slice(0, key.indexOf('\u0000'))));
  }

  #leave(conversationId: string): void {
    const entry = super.get(conversationId);
    if (!entry) return;
    const key = bucketKey(entry.queue, entry.priority);
    const bucket = this.#buckets.get(key);
    if (!bucket) return;
    bucket.ids.delete(conversationId);
    if (bucket.ids.size === 0) this.#buckets.delete(key);
    else if (bucket.back?.conversationId === conversationId) bucket.back = null;
  }
}
