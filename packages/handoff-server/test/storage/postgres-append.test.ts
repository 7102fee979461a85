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

  it('commits the appends of many conversations asked together in one statement (group commit)', async () => {
    const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 20 });
    const keyRing = testKeyRing();
    const store = await PostgresConversationStore.open({ pool, keyRing });
    const count = 40;
    const ids = Array.from({ length: count }, (_, i) => `c-${i}`);
    const send = (id: string, n: number) =>
      store.appendMessage(id, {
        clientMessageId: `${id}-m-${n}`,
        from: 'patient',
        senderId: 'p-1',
        body: `${id} says ${n}`,
      });
    try {
      for (const id of ids) {
        await store.createConversation({ id, patientId: 'p-1' });
        await send(id, 0);
      }
      const statements: string[] = [];
      const query = pool.query.bind(pool);
      let failNext: Error | null = null;
      pool.query = ((...args: Parameters<typeof query>) => {
        // Named statements (the acked path's) come as a config object.
        const first = args[0] as unknown;
        const sql = typeof first === 'string' ? first : String((first as { text: string }).text);
        statements.push(sql.includes('unnest(') ? 'many' : 'one');
        if (failNext && sql.includes('unnest(')) {
          const error = failNext;
          failNext = null;
          return Promise.reject(error);
        }
        return query(...args);
      }) as typeof pool.query;
      // Every conversation sends 5 messages, each after the previous one's ack.
      const chains = ids.map(async (id) => {
        for (let n = 1; n <= 5; n += 1) await send(id, n);
      });
      await Promise.all(chains);
      // Far fewer statements (and commits) than messages: the batches carried the load.
      expect(statements.filter((s) => s === 'many').length).toBeGreaterThan(0);
      expect(statements.length).toBeLessThan((count * 5) / 4);
      for (const id of ids) {
        const log = await store.listMessages(id);
        expect(log.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(log.map((m) => m.body)).toEqual([0, 1, 2, 3, 4, 5].map((n) => `${id} says ${n}`));
      }
      // A retry by client id inside a batch returns the stored record, once.
      const retried = await Promise.all(ids.map((id) => send(id, 3)));
      for (const result of retried) expect(result).toMatchObject({ duplicate: true });
      expect(retried[7]?.message).toMatchObject({ seq: 4, body: 'c-7 says 3' });

      // A batch aborted as a whole by a unique violation (a concurrent insert of the same
      // client id on another node): nothing of it was written; each append is retried alone.
      failNext = Object.assign(new Error('duplicate key value'), { code: '23505' });
      statements.length = 0;
      const afterConflict = await Promise.all(ids.map((id) => send(id, 6)));
      expect(statements[0]).toBe('many');
      expect(statements.filter((s) => s === 'one').length).toBe(count);
      for (const result of afterConflict) expect(result.duplicate).toBe(false);
      expect(afterConflict.map((r) => r.message.seq)).toEqual(ids.map(() => 7));

      // A lost connection: every append of the batch gets the typed retryable error, and
      // nothing of it is stored.
      failNext = Object.assign(new Error('Connection terminated unexpectedly'), {
        code: 'ECONNRESET',
      });
      const lost = await Promise.allSettled(ids.map((id) => send(id, 7)));
      for (const result of lost) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason).toMatchObject({
          code: 'store_unavailable',
        });
      }
      for (const id of ids) expect((await store.listMessages(id)).length).toBe(7);
      // The retry after the outage takes the next seq, gapless.
      const again = await Promise.all(ids.map((id) => send(id, 7)));
      expect(again.map((r) => r.message.seq)).toEqual(ids.map(() => 8));
    } finally {
      await store.close();
      await pool.end();
    }
  });
});
