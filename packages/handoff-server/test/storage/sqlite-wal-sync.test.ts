import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/storage/sqlite/group-commit';
import { type SyncFile, WalSync } from '../../src/storage/sqlite/wal-sync';

const dir = mkdtempSync(join(tmpdir(), 'baton-walsync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A WAL sync the test holds: each call waits until `release()`. */
function heldSync() {
  const held: ((error: Error | null) => void)[] = [];
  const sync: SyncFile = (_fd, callback) => {
    held.push(callback);
  };
  return { sync, held, release: (error: Error | null = null) => held.shift()?.(error) };
}

function openDb(name: string) {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  return db;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('SQLite group commit with the WAL synced off the event loop', () => {
  it('settles a group only after the sync that follows its commit, while later groups commit', async () => {
    const db = openDb('held.db');
    const { sync, held, release } = heldSync();
    const walSync = WalSync.open(db, sync)!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const count = () => (db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c;
    const settled: number[] = [];
    const write = (n: number) =>
      group
        .write(() => insert.run(n))
        .then(() => {
          settled.push(n);
        });
    try {
      const first = [write(1), write(2)];
      await nextTurn();
      // Committed (another statement reads the rows), the sync asked for, nobody resumed.
      expect(count()).toBe(2);
      expect(held.length).toBe(1);
      // The handle's other writes keep synchronous = FULL.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      const second = [write(3)];
      await nextTurn();
      expect(count()).toBe(3);
      // The second group waits for a sync of its own, after the one under way.
      expect(held.length).toBe(1);
      expect(settled).toEqual([]);
      release();
      await Promise.all(first);
      expect(settled).toEqual([1, 2]);
      expect(held.length).toBe(1);
      release();
      await Promise.all(second);
      expect(settled).toEqual([1, 2, 3]);
    } finally {
      walSync.close();
      db.close();
    }
  });

  it('a failed sync fails the writes of its groups with a typed retryable error', async () => {
    const db = openDb('failed.db');
    const { sync, release } = heldSync();
    const walSync = WalSync.open(db, sync)!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    try {
      const pending = group.write(() => insert.run(1));
      await nextTurn();
      release(Object.assign(new Error('I/O error'), { code: 'EIO' }));
      await expect(pending).rejects.toMatchObject({ code: 'store_unavailable' });
    } finally {
      walSync.close();
      db.close();
    }
  });

  it('after close, a late caller gets an error and the descriptor is closed once', async () => {
    const db = openDb('closed.db');
    const calls: number[] = [];
    const walSync = WalSync.open(db, (fd, callback) => {
      calls.push(fd);
      fdatasync(fd, callback);
    })!;
    try {
      await new Promise<void>((resolve, reject) =>
        walSync.afterSync((error) => (error ? reject(error) : resolve())),
      );
      await walSync.close();
      const late = await new Promise<Error | null>((resolve) => walSync.afterSync(resolve));
      expect(late?.message).toMatch(/closed/);
      // Only the sync before close touched the descriptor.
      expect(calls.length).toBe(1);
      await walSync.close();
    } finally {
      db.close();
    }
  });

  it('a caller resumed by a sync that asks for another one while closing is still synced', async () => {
    const db = openDb('closing.db');
    const { sync, held, release } = heldSync();
    const walSync = WalSync.open(db, sync)!;
    const results: (Error | null)[] = [];
    try {
      walSync.afterSync((error) => {
        results.push(error);
        // Resumed inside the sync's callback, this caller commits again and waits.
        walSync.afterSync((again) => results.push(again));
      });
      const closing = walSync.close();
      release();
      // The second wait has a sync of its own, on the still open descriptor.
      expect(held.length).toBe(1);
      release();
      expect(results).toEqual([null, null]);
      await closing;
      const late = await new Promise<Error | null>((resolve) => walSync.afterSync(resolve));
      expect(late?.message).toMatch(/closed/);
    } finally {
      db.close();
    }
  });

  it('is not used for a database in memory', () => {
    const db = new Database(':memory:');
    expect(WalSync.open(db)).toBeNull();
    db.close();
  });
});
