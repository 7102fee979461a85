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
}

/**
 * Checkpoints the WAL on a worker thread. SQLite's automatic checkpoint runs inside a commit,
 * on the event loop: it copies the WAL's pages into the database file and fsyncs it, and every
 * socket waits meanwhile. Here the main handle never checkpoints (`wal_autocheckpoint = 0`);
 * after enough group commits a thread with its own connection runs a PASSIVE checkpoint while
 * the next groups commit. The WAL stays bounded by what is written between two checkpoints.
 * If the thread cannot run, the main handle checkpoints by itself again, as before.
 */
export class WalCheckpointer {
  readonly #db: Database.Database;
  readonly #everyCommits: number;
  readonly #everyMs: number;
  #worker: Worker | null = null;
  #commits = 0;
  #lastAt = performance.now();
  #running = false;
  #closed = false;
  #listeners: ((result: CheckpointResult) => void)[] = [];

  constructor(db: Database.Database, pace: CheckpointPace = {}) {
    this.#db = db;
    this.#everyCommits = pace.everyCommits ?? EVERY_COMMITS;
    this.#everyMs = pace.everyMs ?? EVERY_MS;
    db.pragma('wal_autocheckpoint = 0');
  }

  /** After a group commit: starts a checkpoint when enough was written since the last. */
  committed(): void {
    this.#commits += 1;
    if (this.#running || this.#closed || this.#commits < this.#everyCommits) return;
    if (performance.now() - this.#lastAt < this.#everyMs) return;
    this.#commits = 0;
    this.#running = true;
    try {
      this.#worker ??= this.#start();
      this.#worker.postMessage('checkpoint');
    } catch {
      this.#fallBack();
    }
  }

  /** The next checkpoint's outcome (tests and the bench). */
  next(): Promise<CheckpointResult> {
    return new Promise((resolve) => this.#listeners.push(resolve));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
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
    this.#running = false;
    this.#lastAt = performance.now();
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener(result);
  }

  /** The thread is gone: the main handle checkpoints inside its commits again. */
  #fallBack(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#worker = null;
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    this.#done({ ok: false, code: 'checkpoint_thread_failed' });
  }
}
