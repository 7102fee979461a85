import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';
import type Database from 'better-sqlite3';
import { HandoffServerError } from '../../internal/errors';
import type { WalSync } from './wal-sync';

/** Most writes joined in one transaction; the rest wait for the next one. */
const MAX_GROUP = 256;
/** Most time spent running one group's writes before it commits (the rest wait a turn). */
const MAX_GROUP_MS = 15;
/**
 * Writes settled per event-loop turn after a commit. Each settled promise resumes its caller
 * (a handoff, an ack) in the same microtask drain; settling a whole group at once would run
 * all that work as one long stall (a surge of escalations starves every socket). Larger slices
 * put more frames in each socket's one write per turn: 32 → 128 gave +5–11 % acked messages/s
 * (an agent's copies leave 128 to a write) with the surge's longest stall unchanged (251–370 ms
 * against 294 ms, 10,000 escalations).
 */
const SETTLE_SLICE = 128;

interface PendingWrite {
  run: () => unknown;
  /** Changes at most one row, in one statement: needs no savepoint of its own. */
  atomic: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the writes asked for during one event-loop turn run, in the order asked, in
 * one `BEGIN IMMEDIATE` transaction, each in its own savepoint (a failing write is rolled back
 * alone and rejects alone). Their promises settle only after the transaction committed, so
 * with `synchronous = FULL` every acknowledged write is on disk: one fsync per turn instead
 * of one per write. Callers are resumed {@link SETTLE_SLICE} at a time, with event-loop turns
 * between. The flush runs on the real `setImmediate` (fake timers do not hold it). With a
 * {@link WalSync} (a file database in WAL mode) that fsync runs off the event loop: callers
 * are resumed once it returned, and the next group commits meanwhile.
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #translate: (error: unknown) => unknown;
  readonly #walSync: WalSync | null;
  readonly #savepoint: Savepoint;
  #pending: PendingWrite[] = [];
  #scheduled = false;

  constructor(
    db: Database.Database,
    translate: (error: unknown) => unknown,
    walSync: WalSync | null = null,
  ) {
    this.#db = db;
    this.#translate = translate;
    this.#walSync = walSync;
    this.#savepoint = savepointOf(db);
  }

  /**
   * Runs `fn` in the next group transaction; settles once that transaction committed. `atomic`:
   * `fn` writes with one statement at most, last, so a failure leaves nothing of it to undo
   * (SQLite rolls a failing statement back itself) and it runs without a savepoint.
   */
  write<T>(fn: () => T, atomic = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run: fn, atomic, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const checkpoints = this.#walSync?.checkpoints;
    if (checkpoints?.holding) {
      // A short catch-up checkpoint lets the WAL start over: this group waits for it.
      checkpoints.whenReleased(() => this.#flush());
      return;
    }
    this.#scheduled = false;
    const group: PendingWrite[] = [];
    const outcomes: Outcome[] = [];
    try {
      if (!this.#db.open) throw new TypeError('The database connection is not open');
      const transaction = this.#db.transaction(() => {
        const started = performance.now();
        // Bounded in count and in time: a long group would hold the event loop.
        while (
          group.length < this.#pending.length &&
          group.length < MAX_GROUP &&
          performance.now() - started < MAX_GROUP_MS
        ) {
          const item = this.#pending[group.length]!;
          group.push(item);
          try {
            const value = item.atomic ? item.run() : this.#savepoint.run(item.run);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // SQLite rolled the whole transaction back (a full disk, an I/O error): every
            // write of the group is undone, so the group fails as one.
            if (!this.#db.inTransaction) throw error;
            outcomes.push({ ok: false, error: this.#translate(error) });
          }
        }
      });
      if (this.#walSync) this.#walSync.commitRelaxed(() => transaction.immediate());
      else transaction.immediate();
    } catch (error) {
      const failure = this.#translate(error);
      if (group.length === 0) group.push(...this.#pending.slice(0, MAX_GROUP));
      this.#pending.splice(0, group.length);
      for (const item of group) item.reject(failure);
      this.#scheduleRest();
      return;
    }
    this.#pending.splice(0, group.length);
    this.#scheduleRest();
    if (!this.#walSync) {
      settleInSlices(group, outcomes, 0);
      return;
    }
    this.#walSync.afterSync((error) => {
      if (error) {
        // Committed, but not known to be on disk: no ack; a retry finds the stored record.
        const failure = new HandoffServerError('store_unavailable', undefined, { cause: error });
        for (let i = 0; i < outcomes.length; i += 1) {
          if (outcomes[i]!.ok) outcomes[i] = { ok: false, error: failure };
        }
      }
      settleInSlices(group, outcomes, 0);
    });
  }

  #scheduleRest(): void {
    if (this.#pending.length === 0 || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }
}

interface Savepoint {
  run(fn: () => unknown): unknown;
}

/**
 * Each write in its own savepoint: a failure undoes that write only. The statements are
 * prepared once (`db.transaction(fn)` would build four wrapper functions per write).
 */
function savepointOf(db: Database.Database): Savepoint {
  const begin = db.prepare('SAVEPOINT baton_group_write');
  const release = db.prepare('RELEASE baton_group_write');
  const undo = db.prepare('ROLLBACK TO baton_group_write');
  return {
    run(fn) {
      begin.run();
      try {
        const value = fn();
        if (value && typeof (value as { then?: unknown }).then === 'function')
          throw new TypeError('A group write cannot return a promise');
        release.run();
        return value;
      } catch (error) {
        if (db.inTransaction) {
          undo.run();
          release.run();
        }
        throw error;
      }
    },
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settleInSlices(group: PendingWrite[], outcomes: Outcome[], from: number): void {
  const to = Math.min(group.length, from + SETTLE_SLICE);
  for (let index = from; index < to; index += 1) {
    const outcome = outcomes[index]!;
    if (outcome.ok) group[index]!.resolve(outcome.value);
    else group[index]!.reject(outcome.error);
  }
  if (to < group.length) setImmediate(() => settleInSlices(group, outcomes, to));
}
