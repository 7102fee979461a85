import { once } from 'node:events';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Group commits between two checkpoints, at least (a quiet store never starts the thread). */
const EVERY_COMMITS = 64;
/** Time between the end of one checkpoint and the next, at least. */
const EVERY_MS = 500;
/** SQLite's own default, restored if the thread cannot run. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * WAL length (frames) from which a checkpoint that left frames behind (written while it ran)
 * is followed by a short second one with group commits held, so that the WAL starts over
 * (about 8 MB of 4 KiB pages). A shorter WAL is left to grow until the next checkpoint.
 */
const CATCH_UP_FRAMES = 2048;
/** Longest wait for that second checkpoint: past it, commits go on and the WAL grows a while. */
const MAX_HOLD_MS = 250;
/**
 * WAL length (frames) from which a checkpoint starts without waiting for {@link EVERY_COMMITS}
 * and {@link EVERY_MS}: large groups (hundreds of writes each) otherwise wrote 150 MB of WAL
 * between two checkpoints. About 64 MB of 4 KiB pages: above what steady acked messages
 * reach (about 50 MB at 200 conversations), where an extra checkpoint copies the same hot
 * pages again.
 */
const GROWTH_FRAMES = 16_384;
/** Group commits between two readings of the WAL's length (a read of the WAL index). */
const GROWTH_CHECK_COMMITS = 8;
/**
 * Bytes the WAL file keeps when SQLite starts it over: a surge's WAL is given back to the disk
 * (SQLite reuses the file from its start and never shrinks it by itself).
 */
const KEPT_WAL_BYTES = 64 * 1024 * 1024;

// The thread: its own connection to the same file; a PASSIVE checkpoint takes no writer lock
// and waits for nobody. With synchronous = FULL it syncs the WAL and the database file.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma('synchronous = FULL');
parentPort.on('message', (command) => {
  if (command === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, frames: result.log, copied: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, code: String((error && error.code) || 'error') });
  }
});
`;

export interface CheckpointResult {
  ok: boolean;
  /** Frames in the WAL, and how many of them are now in the database file. */
  frames?: number;
  copied?: number;
  code?: string;
}

export interface CheckpointPace {
  everyCommits?: number;
  everyMs?: number;
  /** WAL length from which frames left behind get a catch-up checkpoint (tests: small). */
  catchUpFrames?: number;
  /** WAL length from which a checkpoint starts before `everyCommits` and `everyMs`. */
  growthFrames?: number;
  /** Bytes the WAL file keeps when it starts over (SQLite's `journal_size_limit`). */
  keptWalBytes?: number;
}

/**
 * Checkpoints the WAL on a worker thread. SQLite's automatic checkpoint runs inside a commit,
 * on the event loop: it copies the WAL's pages into the database file and fsyncs it, and every
 * socket waits meanwhile. Here the main handle never checkpoints (`wal_autocheckpoint = 0`);
 * after enough group commits a thread with its own connection runs a PASSIVE checkpoint while
 * the next groups commit. If the thread cannot run, the main handle checkpoints by itself
 * again, as before.
 *
 * SQLite starts the WAL over only when a write begins with every frame already copied. Under
 * steady load a group commits while each checkpoint runs, so that moment never comes and the
 * WAL grows without end (228 MB for a 17 MB database in the acked benchmark), and every page
 * read searches a longer WAL index. So when a checkpoint of a WAL of at least
 * {@link CATCH_UP_FRAMES} frames leaves any behind, group commits are held (`holding`) while
 * a second one copies just those (a few milliseconds, at most {@link MAX_HOLD_MS}); the next
 * group then starts the WAL over. (Until the eighth session only more than that many frames
 * left behind started a catch-up: a checkpoint that left a few hundred, the usual case under
 * steady load, let the WAL grow for as long as the load lasted: 337 MB after 60,000 acked
 * messages in the benchmark.) Writes made outside group commits may still land during it: the
 * WAL then starts over at a later checkpoint. A WAL of {@link GROWTH_FRAMES} or more is
 * checkpointed without waiting for the commit count or the pace, and the file is cut back to
 * {@link KEPT_WAL_BYTES} when the WAL starts over.
 */
export class WalCheckpointer {
  readonly #db: Database.Database;
  readonly #everyCommits: number;
  readonly #everyMs: number;
  readonly #catchUpFrames: number;
  readonly #growthFrames: number;
  /** `PRAGMA wal_checkpoint(NOOP)`: the WAL's length and how much is copied, no work done. */
  readonly #walState: Database.Statement;
  #worker: Worker | null = null;
  #commits = 0;
  #lastAt = performance.now();
  #running = false;
  #closed = false;
  #listeners: ((result: CheckpointResult) => void)[] = [];
  /** Group commits wait for these while a catch-up checkpoint runs. */
  #held: (() => void)[] | null = null;
  /** Catch-up checkpoints run so far (tests and the bench). */
  catchUps = 0;
  #holdTimer: NodeJS.Timeout | null = null;
  #catchingUp = false;

  constructor(db: Database.Database, pace: CheckpointPace = {}) {
    this.#db = db;
    this.#everyCommits = pace.everyCommits ?? EVERY_COMMITS;
    this.#everyMs = pace.everyMs ?? EVERY_MS;
    this.#catchUpFrames = pace.catchUpFrames ?? CATCH_UP_FRAMES;
    this.#growthFrames = pace.growthFrames ?? GROWTH_FRAMES;
    this.#walState = db.prepare('PRAGMA wal_checkpoint(NOOP)');
    db.pragma('wal_autocheckpoint = 0');
    db.pragma(`journal_size_limit = ${Math.trunc(pace.keptWalBytes ?? KEPT_WAL_BYTES)}`);
  }

  /**
   * After a group commit: starts a checkpoint when enough was written since the last (enough
   * commits and time, or a WAL past {@link GROWTH_FRAMES}).
   */
  committed(): void {
    this.#commits += 1;
    if (this.#running || this.#closed) return;
    const due =
      this.#commits >= this.#everyCommits && performance.now() - this.#lastAt >= this.#everyMs;
    if (!due && (this.#commits % GROWTH_CHECK_COMMITS !== 0 || !this.#long())) return;
    this.#commits = 0;
    this.#running = true;
    try {
      this.#worker ??= this.#start();
      this.#worker.postMessage('checkpoint');
    } catch {
      this.#fallBack();
    }
  }

  /** A catch-up checkpoint is running: group commits wait ({@link whenReleased}). */
  get holding(): boolean {
    return this.#held !== null;
  }

  /** Runs `resume` once the catch-up checkpoint is over (at once if none is running). */
  whenReleased(resume: () => void): void {
    if (this.#held) this.#held.push(resume);
    else resume();
  }

  /** The next checkpoint's outcome (tests and the bench). */
  next(): Promise<CheckpointResult> {
    return new Promise((resolve) => this.#listeners.push(resolve));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage('close');
    await exited;
  }

  #start(): Worker {
    const worker = new Worker(THREAD, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        filename: this.#db.name,
      },
    });
    worker.unref();
    worker.on('message', (result: CheckpointResult) => this.#done(result));
    worker.on('error', () => this.#fallBack());
    worker.on('exit', () => {
      if (!this.#closed) this.#fallBack();
    });
    return worker;
  }

  #done(result: CheckpointResult): void {
    // The catch-up's own result (even one that came after its hold ran out) starts no other.
    const caughtUp = this.#catchingUp;
    this.#catchingUp = false;
    if (
      !caughtUp &&
      result.ok &&
      !this.#closed &&
      this.#worker &&
      (result.frames ?? 0) >= this.#catchUpFrames &&
      this.#behind() > 0
    ) {
      // Frames written while it ran: copy them with group commits held, once.
      this.#held = [];
      this.#catchingUp = true;
      this.catchUps += 1;
      this.#holdTimer = setTimeout(() => this.#release(), MAX_HOLD_MS);
      this.#holdTimer.unref?.();
      this.#worker.postMessage('checkpoint');
      return;
    }
    this.#release();
    this.#running = false;
    this.#lastAt = performance.now();
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener(result);
  }

  /** Frames in the WAL not copied yet (committed while the checkpoint ran); a header read. */
  #behind(): number {
    const state = this.#state();
    return state ? state.log - state.checkpointed : 0;
  }

  /** The WAL holds {@link GROWTH_FRAMES} or more. */
  #long(): boolean {
    return (this.#state()?.log ?? 0) >= this.#growthFrames;
  }

  #state(): { log: number; checkpointed: number } | undefined {
    if (!this.#db.open) return undefined;
    return this.#walState.get() as { log: number; checkpointed: number } | undefined;
  }

  #release(): void {
    if (this.#holdTimer) clearTimeout(this.#holdTimer);
    this.#holdTimer = null;
    const held = this.#held;
    this.#held = null;
    // Each on a turn of its own, as a group commit's flush always runs.
    for (const resume of held ?? []) setImmediate(resume);
  }

  /** The thread is gone: the main handle checkpoints inside its commits again. */
  #fallBack(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#worker = null;
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.#release();
    this.#done({ ok: false, code: 'checkpoint_thread_failed' });
  }
}
