import type { Priority, QueueStatus } from '@baton/handoff-protocol';
import type { ConversationStore } from '../storage/contract';
import { yieldToEventLoop } from './event-loop';
import type { WaitEstimator } from './wait-estimate';

/** The lowest priority: entries "ahead" of it are the whole queue. */
const LAST_PRIORITY: Priority = 'routine';
/** Patients told per batch before the event loop gets a turn. */
const BATCH = 200;
/** Positions remembered per node; beyond this they are forgotten (and told again). */
const MAX_TRACKED = 100_000;

export interface QueuePositionsOptions {
  store: Pick<ConversationStore, 'listQueue' | 'countQueuedAhead'>;
  /** The queue's wait estimator, built once per update (see `waitEstimator`). */
  estimator: (queue: string) => Promise<WaitEstimator>;
  /** Sends `handoff.queued` to one patient. */
  tell: (conversationId: string, status: QueueStatus) => void;
  /** How long changes of one queue are gathered into one update. */
  debounceMs: number;
  onError: (error: unknown) => void;
}

/**
 * Keeps waiting patients' positions current at a cost that does not grow with each event:
 * changes of a queue are gathered for `debounceMs`, then the queue is read once, the estimator
 * built once, and only patients whose position changed since they were last told get a
 * `handoff.queued`, in batches with event-loop turns between them.
 */
export class QueuePositions {
  readonly #options: QueuePositionsOptions;
  readonly #told = new Map<string, number>();
  readonly #pending = new Set<string>();
  /** Queues whose update is being computed (told positions there may be about to change). */
  readonly #updating = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(options: QueuePositionsOptions) {
    this.#options = options;
  }

  /** The position a patient was just told (with the handoff's first `handoff.queued`). */
  told(conversationId: string, position: number): void {
    if (this.#told.size >= MAX_TRACKED && !this.#told.has(conversationId)) this.#told.clear();
    this.#told.set(conversationId, position);
  }

  toldPosition(conversationId: string): number | undefined {
    return this.#told.get(conversationId);
  }

  /** Left the queue: nothing more to tell. */
  forget(conversationId: string): void {
    this.#told.delete(conversationId);
  }

  /**
   * `conversationId` left `queue`. Nobody moved when it was told the last place and the queue
   * now holds one fewer than that (a sum over the store's per-priority counts): no update, so
   * a removal from the back costs the same at any queue length. Otherwise (someone stood
   * behind it, or what it was told may be stale) one coalesced update, see {@link changed}.
   */
  async removed(queue: string, conversationId: string): Promise<void> {
    const told = this.#told.get(conversationId);
    this.forget(conversationId);
    if (told !== undefined && !this.#pending.has(queue) && !this.#updating.has(queue)) {
      const waiting = await this.#options.store.countQueuedAhead(queue, LAST_PRIORITY);
      if (told === waiting + 1 && !this.#pending.has(queue) && !this.#updating.has(queue)) return;
    }
    this.changed(queue);
  }

  /** Positions in `queue` may have moved: one update soon, whatever else changes meanwhile. */
  changed(queue: string): void {
    this.#pending.add(queue);
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const queues = [...this.#pending];
      this.#pending.clear();
      for (const q of queues) this.#updating.set(q, (this.#updating.get(q) ?? 0) + 1);
      this.#running = this.#running
        .then(async () => {
          for (const q of queues) await this.#update(q);
        })
        .catch(this.#options.onError)
        .finally(() => {
          for (const q of queues) {
            const left = (this.#updating.get(q) ?? 1) - 1;
            if (left > 0) this.#updating.set(q, left);
            else this.#updating.delete(q);
          }
        });
    }, this.#options.debounceMs);
    this.#timer.unref?.();
  }

  /** Waits for the scheduled and running updates (shutdown, tests). */
  async settle(): Promise<void> {
    for (let round = 0; round < 10 && (this.#timer || this.#pending.size > 0); round += 1)
      await new Promise((resolve) => setTimeout(resolve, this.#options.debounceMs));
    await this.#running;
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    this.#updating.clear();
  }

  async #update(queue: string): Promise<void> {
    const entries = await this.#options.store.listQueue(queue);
    let estimate: WaitEstimator | undefined;
    let sent = 0;
    for (const [index, entry] of entries.entries()) {
      const position = index + 1;
      if (this.#told.get(entry.conversationId) === position) continue;
      estimate ??= await this.#options.estimator(queue);
      this.told(entry.conversationId, position);
      this.#options.tell(entry.conversationId, {
        queue,
        position,
        estimatedWaitSeconds: estimate(position),
      });
      sent += 1;
      if (sent % BATCH === 0) await yieldToEventLoop();
    }
  }
}
