import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { type CheckpointPace, WalCheckpointer } from './wal-checkpoint';

/**
 * Makes group commits durable off the event loop. With `synchronous = FULL` SQLite fsyncs
 * the WAL inside every commit, on the main thread: on a busy disk each fsync stalls every
 * socket for milliseconds. A group instead commits with `synchronous = NORMAL` (the WAL
 * frames are written, not yet synced) and its writers are resumed only after an
 * `fdatasync` of the WAL file, run on libuv's thread pool, has returned: the same guarantee
 * as FULL (an acknowledged write survives power loss), while the next group already runs.
 * Groups committed while a sync is under way share the next one. A checkpoint during a
 * commit syncs the WAL and the database itself (NORMAL does that), so nothing committed is
 * left unsynced by it. Every other write of the handle keeps `synchronous = FULL`.
 *
 * Checkpoints run on a thread of their own ({@link WalCheckpointer}), not inside a commit.
 *
 * Used only for a file database in WAL mode; otherwise {@link WalSync.open} returns null and
 * the group commits with FULL as before.
 */
export type SyncFile = (fd: number, callback: (error: Error | null) => void) => void;

export class WalSync {
  readonly #fd: number;
  readonly #relaxed: Database.Statement;
  readonly #strict: Database.Statement;
  readonly #fdatasync: SyncFile;
  readonly checkpoints: WalCheckpointer;
  /** Callers whose group committed and who wait for the next sync to start. */
  #waiting: ((error: Error | null) => void)[] = [];
  #syncing = false;
  #closed = false;
  #fdClosed = false;

  private constructor(
    db: Database.Database,
    fd: number,
    sync: SyncFile,
    pace: CheckpointPace | undefined,
  ) {
    this.#fd = fd;
    this.#fdatasync = sync;
    this.checkpoints = new WalCheckpointer(db, pace);
    this.#relaxed = db.prepare('PRAGMA synchronous = NORMAL');
    this.#strict = db.prepare('PRAGMA synchronous = FULL');
  }

  /** `sync` is `fs.fdatasync` (a test may hold it to see who waits for it). */
  static open(
    db: Database.Database,
    sync: SyncFile = fdatasync,
    pace?: CheckpointPace,
  ): WalSync | null {
    if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    // The WAL exists once the handle has read the database (migrations did).
    let fd: number;
    try {
      fd = openSync(`${db.name}-wal`, 'r');
    } catch {
      return null;
    }
    // The WAL's directory entry is on disk too (a new file is lost on power loss without it).
    syncDirectory(dirname(db.name));
    return new WalSync(db, fd, sync, pace);
  }

  /** Runs `commit` (a whole transaction) with the WAL written but not synced yet. */
  commitRelaxed<T>(commit: () => T): T {
    this.#relaxed.run();
    let committed: T;
    try {
      committed = commit();
    } finally {
      this.#strict.run();
    }
    this.checkpoints.committed();
    return committed;
  }

  /** Calls `done` once everything committed so far is on disk (or with the sync's error). */
  afterSync(done: (error: Error | null) => void): void {
    if (this.#fdClosed) {
      // A group that committed after the store closed: its descriptor is gone (and its
      // number may already be another file's), so it cannot be synced.
      process.nextTick(done, new Error('the SQLite WAL is closed'));
      return;
    }
    this.#waiting.push(done);
    if (!this.#syncing) this.#sync();
  }

  /** Ends the checkpoint thread (its connection closed) and, once idle, the descriptor. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    // A sync under way, or callers waiting for one, still need the descriptor.
    if (!this.#syncing) this.#closeFd();
    return this.checkpoints.close();
  }

  #sync(): void {
    const batch = this.#waiting;
    this.#waiting = [];
    this.#syncing = true;
    this.#fdatasync(this.#fd, (error) => {
      this.#syncing = false;
      for (const done of batch) done(error);
      if (this.#syncing) return; // a caller above already asked for the next sync
      if (this.#waiting.length > 0) this.#sync();
      else if (this.#closed) this.#closeFd();
    });
  }

  #closeFd(): void {
    if (this.#fdClosed) return;
    this.#fdClosed = true;
    closeSync(this.#fd);
  }
}

function syncDirectory(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse to sync a directory: SQLite itself ignores that too.
  }
}
