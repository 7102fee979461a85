import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  builtInScheduling,
  type ConversationStore,
  MemoryConversationStore,
  PostgresConversationStore,
  SqliteConversationStore,
} from '@baton/handoff-server';
import { testSchedulingProvider } from '@baton/handoff-server/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

const HOUR = 3_600_000;

/** Eight free slots tomorrow, on the half hour, and a conversation per booking party. */
async function fixture(store: ConversationStore, close: () => Promise<void>) {
  const first = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
  await store.addSlots(
    Array.from({ length: 8 }, (_, i) => ({
      id: `slot-${i}`,
      startsAt: new Date(first + i * HOUR).toISOString(),
      endsAt: new Date(first + i * HOUR + HOUR / 2).toISOString(),
      label: 'Dr. Rivera',
      service: 'general',
    })),
  );
  return {
    provider: builtInScheduling(store),
    query: {
      from: new Date(first - HOUR).toISOString(),
      to: new Date(first + 9 * HOUR).toISOString(),
      service: 'general',
    },
    async party() {
      const patientId = `pat-${randomUUID()}`;
      const conversationId = `conv-${randomUUID()}`;
      await store.createConversation({ id: conversationId, patientId });
      return { patientId, conversationId };
    },
    cleanup: close,
  };
}

testSchedulingProvider('built-in (memory)', async () => {
  const store = new MemoryConversationStore();
  return fixture(store, () => store.close());
});

testSchedulingProvider('built-in (SQLite)', async () => {
  const store = new SqliteConversationStore({
    filename: join(tmpdir(), `baton-scheduling-${randomUUID()}.db`),
    keyRing: testKeyRing(),
  });
  return fixture(store, () => store.close());
});

describe.skipIf(skipWithoutPostgres)('postgres', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  testSchedulingProvider('built-in (PostgreSQL)', async () => {
    const store = await PostgresConversationStore.open({
      connectionString: await server.createDatabase(),
      keyRing: testKeyRing(),
    });
    return fixture(store, () => store.close());
  });
});
