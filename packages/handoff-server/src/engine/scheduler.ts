import { hostname } from 'node:os';
import { createId } from '@baton/handoff-protocol';
import type { ConversationStore } from '../storage/contract';
import type { ScheduleRecord } from '../storage/durability';
import { errorCode } from './errors';
import type { EngineLogger } from './types';

export type ScheduleStore = Pick<
  ConversationStore,
  'setSchedule' | 'ensureSchedule' | 'clearSchedules' | 'claimDueSchedules' | 'completeSchedule'
>;

/** Runs a due schedule; resolve when done (the row is then deleted), reject to retry later. */
export type ScheduleHandler = (key: string, row: ScheduleRecord) => Promise<void>;

export interface SchedulerOptions {
  store: ScheduleStore;
  logger: EngineLogger;
  /** How often each node looks for due rows it may claim. Default 1 s. */
  pollMs?: number;
  /** How long a claim holds before another node may run the row again. Default 30 s. */
  leaseMs?: number;
  /** This node's name in claims. Default: host, pid and a random part. */
  owner?: string;
}

const CLAIM_BATCH = 100;
const MAX_ROUNDS = 20;
const MAX_HINT_MS = 60 * 60_000;

/**
 * Durable deadlines shared by every node: rows in the store's `schedules` table, claimed by
 * compare-and-set so one node runs each, once. Each node polls (bounded, indexed); a local
 * timer set when this node arms a row is only a wake-up hint. Writes for one key are applied
 * in call order; `settled` waits for them.
 */
export class DurableScheduler {
  readonly owner: string;
  readonly #store: ScheduleStore;
  readonly #logger: EngineLogger;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #handlers = new Map<string, ScheduleHandler>();
  readonly #writes = new Map<string, Promise<void>>();
  readonly #hints = new Map<string, NodeJS.Timeout>();
  #poller: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;
  #again = false;
  #running = false;

  constructor(options: SchedulerOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.#pollMs = options.pollMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${createId().slice(0, 8)}`;
  }

  /** One handler per kind; rows of kinds this node does not know wait for a node that does. */
  handle(kind: string, handler: ScheduleHandler): void {
    this.#handlers.set(kind, handler);
  }

  set(kind: string, key: string, delayMs: number): void {
    const dueAt = new Date(Date.now() + Math.max(0, delayMs)).toISOString();
    this.#write(key, 'schedule not armed', () => this.#store.setSchedule(kind, key, dueAt));
    this.#hint(`${kind}:${key}`, delayMs);
  }

  /** Only the local wake-up, for a row another write stored (e.g. with a handoff request). */
  wake(kind: string, key: string, delayMs: number): void {
    this.#hint(`${kind}:${key}`, delayMs);
  }

  /** Arms only when no row exists for (kind, key). */
  ensure(kind: string, key: string, delayMs: number): void {
    const dueAt = new Date(Date.now() + Math.max(0, delayMs)).toISOString();
    this.#write(key, 'schedule not armed', async () => {
      await this.#store.ensureSchedule(kind, key, dueAt);
    });
    this.#hint(`${kind}:${key}`, delayMs);
  }

  clear(key: string, kinds: readonly string[]): void {
    for (const kind of kinds) this.#dropHint(`${kind}:${key}`);
    this.#write(key, 'schedule not cleared', async () => {
      await this.#store.clearSchedules(key, kinds);
    });
  }

  /** Resolves when every write issued so far has been applied (or failed and was logged). */
  async settled(): Promise<void> {
    await Promise.all([...this.#writes.values()]);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#poller = setInterval(() => this.poll(), this.#pollMs);
    this.#poller.unref();
    this.poll();
  }

  /** Stops polling and hints; in-flight handlers finish. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#poller) clearInterval(this.#poller);
    this.#poller = null;
    for (const hint of this.#hints.values()) clearTimeout(hint);
    this.#hints.clear();
    await this.#polling;
    await this.settled();
  }

  /** Claims and runs what is due now; concurrent calls coalesce into one more round. */
  poll(): void {
    if (!this.#running) return;
    if (this.#polling) {
      this.#again = true;
      return;
    }
    this.#polling = this.#drain().finally(() => {
      this.#polling = null;
      if (this.#again) {
        this.#again = false;
        this.poll();
      }
    });
  }

  async #drain(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS && this.#running; round += 1) {
      let claimed: ScheduleRecord[];
      try {
        claimed = await this.#store.claimDueSchedules({
          owner: this.owner,
          now: new Date().toISOString(),
          leaseMs: this.#leaseMs,
          limit: CLAIM_BATCH,
        });
      } catch (error) {
        this.#logger.warn({ err: errorCode(error) }, 'schedules not polled');
        return;
      }
      await Promise.all(claimed.map((row) => this.#run(row)));
      if (claimed.length < CLAIM_BATCH) return;
    }
  }

  async #run(row: ScheduleRecord): Promise<void> {
    const handler = this.#handlers.get(row.kind);
    if (!handler) return;
    try {
      await this.#writes.get(row.key);
      await handler(row.key, row);
      await this.#store.completeSchedule(row);
    } catch (error) {
      // The claim runs out and a node (maybe this one) runs the row again.
      // Ids only: a key may name more than a conversation (reminders), so it stays out.
      this.#logger.warn({ timer: row.kind, err: errorCode(error) }, 'timer failed');
    }
  }

  #write(key: string, what: string, task: () => Promise<void>): void {
    const previous = this.#writes.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => {
      this.#logger.warn({ key, err: errorCode(error) }, what);
    });
    this.#writes.set(key, next);
    void next.then(() => {
      if (this.#writes.get(key) === next) this.#writes.delete(key);
    });
  }

  #hint(id: string, delayMs: number): void {
    this.#dropHint(id);
    if (!this.#running || delayMs > MAX_HINT_MS) return;
    const hint = setTimeout(() => {
      this.#hints.delete(id);
      this.poll();
    }, Math.max(0, delayMs) + 5);
    hint.unref();
    this.#hints.set(id, hint);
  }

  #dropHint(id: string): void {
    const hint = this.#hints.get(id);
    if (hint) clearTimeout(hint);
    this.#hints.delete(id);
  }
}
