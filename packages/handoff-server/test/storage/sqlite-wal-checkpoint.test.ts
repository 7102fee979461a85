import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/storage/sqlite/group-commit';
import type { CheckpointResult } from '../../src/storage/sqlite/wal-checkpoint';
import { WalSync } from '../../src/storage/sqlite/wal-sync';

const dir = mkdtempSync(join(tmpdir(), 'baton-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openDb(name: string) {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)');
  return db;
}

describe('SQLite WAL checkpoints on a thread of their own', () => {
  it('the main handle never checkpoints inside a commit; the thread copies the whole WAL', async () => {
    const db = openDb('thread.db');
    const walSync = WalSync.open(db, undefined, { everyCommits: 3, everyMs: 0 })!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n, pad) VALUES (?, randomblob(4000))');
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const checkpointed = walSync.checkpoints.next();
      // Three group commits (one per turn), the third starts a checkpoint.
      for (let n = 1; n <= 3; n += 1) await group.write(() => insert.run(n));
      const result = await checkpointed;
      expect(result.ok).toBe(true);
      expect(result.frames).toBeGreaterThan(0);
      expect(result.copied).toBe(result.frames);
      // Everything is in the database file itself.
      expect(statSync(join(dir, 'thread.db')).size).toBeGreaterThan(3 * 4000);
    } finally {
      await walSync.close();
      db.close();
    }
    // SQLite removes the WAL when its last connection closes: the thread's one was closed.
    expect(existsSync(join(dir, 'thread.db-wal'))).toBe(false);
  });

  it('under steady writes the WAL starts over: a catch-up checkpoint holds group commits briefly', async () => {
    const db = openDb('steady.db');
    const walSync = WalSync.open(db, undefined, {
      everyCommits: 2,
      everyMs: 0,
      catchUpFrames: 40,
    })!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n, pad) VALUES (?, randomblob(4000))');
    const walFrames = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]!.log;
    let written = 0;
    // The WAL header's salt changes each time SQLite starts the WAL over.
    const walSalt = () => {
      const fd = openSync(join(dir, 'steady.db-wal'), 'r');
      try {
        const header = Buffer.alloc(8);
        readSync(fd, header, 0, 8, 16);
        return header.toString('hex');
      } finally {
        closeSync(fd);
      }
    };
    try {
      // The thread up first (its start takes longer than the writes below), and the WAL
      // started over once after its first checkpoint, with nothing committed meanwhile.
      const started = walSync.checkpoints.next();
      for (let g = 0; g < 2; g += 1) await group.write(() => insert.run(++written));
      await started;
      await group.write(() => insert.run(++written));
      const salt = walSalt();
      // 300 groups of 10 rows (about 10 frames each), one per turn: checkpoints keep
      // overlapping commits.
      const pending: Promise<unknown>[] = [];
      for (let g = 0; g < 300; g += 1) {
        for (let r = 0; r < 10; r += 1) {
          written += 1;
          const n = written;
          pending.push(group.write(() => insert.run(n)));
        }
        // The next group is asked for in the next turn, without waiting for this one's sync.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(pending);
      // About 3,000 frames were written; the WAL started over (before, it only grew).
      expect(walSync.checkpoints.catchUps).toBeGreaterThan(0);
      expect(walSalt()).not.toBe(salt);
      expect(walFrames()).toBeLessThan(written);
      expect((db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c).toBe(written);
    } finally {
      await walSync.close();
      db.close();
    }
  });

  it('starts the WAL over when each checkpoint leaves only a few frames behind', async () => {
    // A WAL past `catchUpFrames`, checkpoints that each leave fewer frames than that behind
    // (the usual case under steady load): until the eighth session no catch-up ran then, and
    // the WAL grew for as long as the writes lasted.
    const db = openDb('few-behind.db');
    const walSync = WalSync.open(db, undefined, {
      everyCommits: 2,
      everyMs: 0,
      catchUpFrames: 400,
    })!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n, pad) VALUES (?, randomblob(4000))');
    const wal = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]!.log;
    let written = 0;
    try {
      const started = walSync.checkpoints.next();
      for (let g = 0; g < 2; g += 1) await group.write(() => insert.run(++written));
      await started;
      // One row (one or two frames) per turn: a checkpoint often leaves a handful behind. Up
      // to 1,500 turns, until the WAL started over from 400 frames or more (without the
      // catch-up it could hold about 3,000 frames at the end). When the thread copies
      // everything between two commits by itself, the WAL starts over without a catch-up,
      // often before it reaches 400: fine too (it happens more on a loaded machine).
      let longest = 0;
      let restarts = 0;
      let restartedLong = false;
      let previous = 0;
      for (let g = 0; g < 1500 && !restartedLong; g += 1) {
        await group.write(() => insert.run(++written));
        const frames = wal();
        if (frames < previous) {
          restarts += 1;
          restartedLong = previous >= 400;
        }
        previous = frames;
        longest = Math.max(longest, frames);
      }
      expect(restarts).toBeGreaterThan(0);
      if (longest >= 400) expect(restartedLong).toBe(true);
      expect((db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c).toBe(written);
    } finally {
      await walSync.close();
      db.close();
    }
  });

  it('checkpoints a long WAL before the commit count and the pace are reached, and shrinks its file', async () => {
    // Large groups (a surge): 50 rows of 4 KB a commit. The commit count and the pace alone
    // would not checkpoint before 1,000 commits or a minute; the WAL's length does, and the
    // file it grew to is cut back when it starts over.
    const db = openDb('growth.db');
    const walSync = WalSync.open(db, undefined, {
      everyCommits: 1000,
      everyMs: 60_000,
      growthFrames: 400,
      keptWalBytes: 256 * 1024,
    })!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n, pad) VALUES (?, randomblob(4000))');
    const walBytes = () => statSync(join(dir, 'growth.db-wal')).size;
    let written = 0;
    const groupOf = (rows: number) => {
      const pending: Promise<unknown>[] = [];
      for (let r = 0; r < rows; r += 1) {
        const n = ++written;
        pending.push(group.write(() => insert.run(n)));
      }
      return Promise.all(pending);
    };
    try {
      let result: CheckpointResult | undefined;
      void walSync.checkpoints.next().then((r) => {
        result = r;
      });
      // Until the first checkpoint has run (its thread starts meanwhile), 300 commits at most.
      let commits = 0;
      let peakBytes = 0;
      while ((!result || written < 1200) && commits < 300) {
        await groupOf(50);
        commits += 1;
        peakBytes = Math.max(peakBytes, walBytes());
      }
      expect(result?.ok).toBe(true);
      expect(result?.frames).toBeGreaterThanOrEqual(400);
      expect(peakBytes).toBeGreaterThan(1024 * 1024);
      // Once a checkpoint copied every frame, the next commit starts the WAL over and cuts
      // the file back (a checkpoint that left frames behind waits for the next one).
      let shrunk = false;
      for (let g = 0; g < 200 && !shrunk; g += 1) {
        await groupOf(20);
        shrunk = walBytes() <= 256 * 1024;
      }
      expect(shrunk).toBe(true);
      expect((db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c).toBe(written);
    } finally {
      await walSync.close();
      db.close();
    }
  });

  it('does not start a thread for a store that writes little', async () => {
    const db = openDb('quiet.db');
    const walSync = WalSync.open(db, undefined, { everyCommits: 1000, everyMs: 0 })!;
    const group = new GroupCommit(db, (e) => e, walSync);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    try {
      for (let n = 1; n <= 5; n += 1) await group.write(() => insert.run(n));
      // Nothing checkpointed the WAL: every frame is still there.
      const [left] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
      expect(left!.log).toBeGreaterThan(0);
      expect(left!.checkpointed).toBe(0);
    } finally {
      await walSync.close();
      db.close();
    }
  });
});
