import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

describe.skipIf(skipWithoutPostgres)('PostgreSQL acked path', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('appends a message in one round trip once the node knows the last seq', async () => {
    const pool = new pg.Pool({ connectionString: await server.createDatabase() });
    const keyRing = testKeyRing();
    const store = await PostgresConversationStore.open({ pool, keyRing });
    const other = await PostgresConversationStore.open({ pool, keyRing });
    try {
      await store.createConversation({ id: 'c-1', patientId: 'p-1' });
      const send = (s: PostgresConversationStore, n: number) =>
        s.appendMessage('c-1', {
          clientMessageId: `m-${n}`,
          from: 'patient',
          senderId: 'p-1',
          body: `hello ${n}`,
        });
      await send(store, 0);
      let queries = 0;
      let checkouts = 0;
      const query = pool.query.bind(pool);
      pool.query = ((...args: Parameters<typeof query>) => {
        queries += 1;
        return query(...args);
      }) as typeof pool.query;
      pool.on('acquire', () => {
        checkouts += 1;
      });
      for (let n = 1; n <= 20; n += 1) await send(store, n);
      // One statement per message: no BEGIN, row lock, duplicate check, UPDATE, INSERT, COMMIT.
      expect(queries).toBe(20);
      expect(checkouts).toBe(20);
      // A repeated client id returns the stored record in the same one statement.
      const again = await send(store, 5);
      expect(again).toMatchObject({ duplicate: true, message: { seq: 6, body: 'hello 5' } });
      expect(queries).toBe(21);
      // Another node wrote meanwhile: this node's hint is stale, the seq stays gapless.
      await send(other, 21);
      await send(store, 22);
      const log = await store.listMessages('c-1');
      expect(log.map((m) => m.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
      expect(log.at(-1)?.body).toBe('hello 22');
    } finally {
      await store.close();
      await other.close();
      await pool.end();
    }
  });
});
