import { setImmediate } from 'node:timers';
import type Database from 'better-sqlite3';

/** Most writes joined in one transaction; the rest wait for the next one. */
const MAX_GROUP = 256;
/**
 * Writes settled per event-loop turn after a commit. Each settled promise resumes its caller
 * (a handoff, an ack) in the same microtask drain; settling a whole group at once would run
 * all that work as one long stall (a surge of escalations starves every socket).
 */
const SETTLE_SLICE = 32;

interface PendingWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes asked for during one event-loop turn run, in the order asked, in
 * one `BEGIN IMMEDIATE` transaction, each in its own savepoint (a failing write is rolled back
 * alone and rejects alone). Their promises settle only after the transaction committed, so
 * with `synchronous = FULL` every acknowledged write is on disk: one fsync per turn instead
 * of one per write. Callers are resumed {@link SETTLE_SLICE} at a time, with event-loop turns
 * between. The flush runs on the real `setImmediate` (fake timers do not hold it).
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #translate: (error: unknown) => unknown;
  #pending: PendingWrite[] = [];
  #scheduled = false;

  constructor(db: Database.Database, translate: (error: unknown) => unknown) {
    this.#db = db;
    this.#translate = translate;
  }

  /** Runs `fn` in the next group transaction; settles once that transaction committed. */
  write<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run: fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const group = this.#pending.splice(0, MAX_GROUP);
    if (this.#pending.length > 0) setImmediate(() => this.#flush());
    else this.#scheduled = false;
    if (group.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      if (!this.#db.open) throw new TypeError('The database connection is not open');
      this.#db
        .transaction(() => {
          for (const item of group) {
            try {
              // A nested transaction is a savepoint: a failure undoes this write only.
              outcomes.push({ ok: true, value: this.#db.transaction(item.run)() });
            } catch (error) {
              outcomes.push({ ok: false, error: this.#translate(error) });
            }
          }
        })
        .immediate();
    } catch (error) {
      const failure = this.#translate(error);
      for (const item of group) item.reject(failure);
      return;
    }
    settleInSlices(group, outcomes, 0);
  }
}

function settleInSlices(
  group: PendingWrite[],
  outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[],
  from: number,
): void {
  const to = Math.min(group.length, from + SETTLE_SLICE);
  for (let index = from; index < to; index += 1) {
    const outcome = outcomes[index]!;
    if (outcome.ok) group[index]!.resolve(outcome.value);
    else group[index]!.reject(outcome.error);
  }
  if (to < group.length) setImmediate(() => settleInSlices(group, outcomes, to));
}
