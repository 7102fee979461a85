import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/storage/sqlite/group-commit';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';

const dir = mkdtempSync(join(tmpdir(), 'baton-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const message = (n: number) => ({
  clientMessageId: `m-${n}`,
  from: 'patient' as const,
  senderId: 'p-1',
  body: `hello ${n}`,
});

describe('SQLite group commit', () => {
  it('commits the appends of one turn in one transaction, on disk before any settles', async () => {
    const filename = join(dir, 'group.db');
    const store = new SqliteConversationStore({ filename, keyRing: testKeyRing() });
    const reader = new Database(filename, { readonly: true });
    try {
      await store.createConversation({ id: 'c-1', patientId: 'p-1' });
      const commits: number[] = [];
      const committedRows = () =>
        (reader.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
      const dataVersion = () => reader.pragma('data_version', { simple: true }) as number;
      const versionBefore = dataVersion();
      const appends = Array.from({ length: 50 }, (_, i) =>
        store.appendMessage('c-1', message(i)).then((r) => {
          // When an append settles, its row is committed: another connection reads it.
          commits.push(committedRows());
          return r;
        }),
      );
      // Nothing is committed in the turn the appends were asked for.
      expect(committedRows()).toBe(0);
      const results = await Promise.all(appends);
      expect(results.map((r) => r.message.seq)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      expect(commits.every((n) => n === 50)).toBe(true);
      // One commit seen by the other connection, not fifty.
      expect(dataVersion() - versionBefore).toBe(1);
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('rolls back a failing write alone: the others of its group commit', async () => {
    const store = new SqliteConversationStore({
      filename: join(dir, 'partial.db'),
      keyRing: testKeyRing(),
    });
    try {
      await store.createConversation({ id: 'c-1', patientId: 'p-1' });
      const [first, missing, duplicate, second] = await Promise.allSettled([
        store.appendMessage('c-1', message(1)),
        store.appendMessage('nope', message(2)),
        store.createConversation({ id: 'c-1', patientId: 'p-2' }),
        store.appendMessage('c-1', message(3)),
      ]);
      expect(first.status).toBe('fulfilled');
      expect(second.status).toBe('fulfilled');
      expect(missing).toMatchObject({ status: 'rejected', reason: { code: 'not_found' } });
      expect(duplicate).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
      const log = await store.listMessages('c-1');
      expect(log.map((m) => [m.seq, m.body])).toEqual([
        [1, 'hello 1'],
        [2, 'hello 3'],
      ]);
      expect((await store.getConversation('c-1'))?.patientId).toBe('p-1');
    } finally {
      await store.close();
    }
  });

  describe('writes of one statement (atomic)', () => {
    const open = (name: string) => {
      const statements: string[] = [];
      const db = new Database(join(dir, name), { verbose: (sql) => statements.push(String(sql)) });
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
      const rows = () => db.prepare('SELECT id, v FROM t ORDER BY id').all();
      return { db, statements, insert, rows };
    };

    it('run without a savepoint; a failing one is undone alone by SQLite', async () => {
      const { db, statements, insert, rows } = open('atomic.db');
      try {
        const group = new GroupCommit(db, (error) => error);
        statements.length = 0;
        const outcomes = await Promise.allSettled([
          group.write(() => insert.run(1, 'a').changes, true),
          group.write(() => insert.run(1, 'again').changes, true),
          group.write(() => insert.run(2, 'b').changes, true),
          group.write(() => {
            insert.run(3, 'c');
            return insert.run(3, 'undone with its savepoint').changes;
          }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual([
          'fulfilled',
          'rejected',
          'fulfilled',
          'rejected',
        ]);
        expect(rows()).toEqual([
          { id: 1, v: 'a' },
          { id: 2, v: 'b' },
        ]);
        // Only the write of several statements took a savepoint.
        expect(statements.filter((sql) => sql.startsWith('SAVEPOINT'))).toHaveLength(1);
      } finally {
        db.close();
      }
    });

    it('fail as one group when SQLite rolled the whole transaction back', async () => {
      const { db, insert, rows } = open('rolled-back.db');
      try {
        const group = new GroupCommit(db, (error) => error);
        const outcomes = await Promise.allSettled([
          group.write(() => insert.run(1, 'a').changes, true),
          group.write(() => insert.run(2, 'b').changes),
          // What SQLite does on a full disk or an I/O error: the transaction is gone.
          group.write(() => {
            db.exec('ROLLBACK');
            throw new Error('disk I/O error');
          }, true),
          group.write(() => insert.run(3, 'c').changes, true),
        ]);
        // Nothing run in that transaction is stored, so none of it may settle as done; the
        // write not run yet goes to the next group.
        expect(outcomes.map((o) => o.status)).toEqual([
          'rejected',
          'rejected',
          'rejected',
          'fulfilled',
        ]);
        expect(rows()).toEqual([{ id: 3, v: 'c' }]);
        expect(db.inTransaction).toBe(false);
        await expect(group.write(() => insert.run(4, 'd').changes, true)).resolves.toBe(1);
        expect(rows()).toEqual([
          { id: 3, v: 'c' },
          { id: 4, v: 'd' },
        ]);
      } finally {
        db.close();
      }
    });
  });
});
