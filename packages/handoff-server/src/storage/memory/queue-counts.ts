import type { Priority } from '@baton/handoff-protocol';
import type { QueueEntry } from '../records';
import { compareText, PRIORITY_RANK } from '../shared';

const bucketKey = (queue: string, priority: Priority) => `${queue}\u0000${priority}`;

/** Queue order within one priority: age, then conversation id. */
const compareInPriority = (a: QueueEntry, b: QueueEntry) =>
  compareText(a.enqueuedAt, b.enqueuedAt) || compareText(a.conversationId, b.conversationId);

/** Where `entry` stands (or would stand) in `sorted`: a binary search, no walk. */
function indexIn(sorted: readonly QueueEntry[], entry: QueueEntry): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareInPriority(sorted[mid]!, entry) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The in-memory queue entries, by conversation id, with the entries of each (queue, priority)
 * kept in queue order on every `set` and `delete`, whichever code path makes them: what the SQL
 * stores' triggers keep in `queue_counts`. A new entry's place is a sum over the priorities,
 * and the number behind an entry in its priority is a binary search.
 */
export class CountedQueue extends Map<string, QueueEntry> {
  readonly #buckets = new Map<string, QueueEntry[]>();

  override set(conversationId: string, entry: QueueEntry): this {
    this.#leave(conversationId);
    super.set(conversationId, entry);
    const key = bucketKey(entry.queue, entry.priority);
    const bucket = this.#buckets.get(key);
    if (!bucket) this.#buckets.set(key, [entry]);
    else bucket.splice(indexIn(bucket, entry), 0, entry);
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
        n += this.#buckets.get(bucketKey(queue, p))?.length ?? 0;
    return n;
  }

  /** Whether an entry of a lower priority than `priority` waits in `queue`. */
  lowerWaiting(queue: string, priority: Priority): boolean {
    for (const p of Object.keys(PRIORITY_RANK) as Priority[])
      if (PRIORITY_RANK[p] > PRIORITY_RANK[priority] && this.#buckets.has(bucketKey(queue, p)))
        return true;
    return false;
  }

  /** Entries of the same queue and priority behind `entry`, which waits there. */
  behind(entry: QueueEntry): number {
    const bucket = this.#buckets.get(bucketKey(entry.queue, entry.priority)) ?? [];
    return Math.max(0, bucket.length - indexIn(bucket, entry) - 1);
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
    const at = indexIn(bucket, entry);
    if (bucket[at]?.conversationId === conversationId) bucket.splice(at, 1);
    if (bucket.length === 0) this.#buckets.delete(key);
  }
}
