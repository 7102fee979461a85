import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
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
});
