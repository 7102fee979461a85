import { afterAll, beforeAll, describe } from 'vitest';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { testConversationStore } from '../../src/testing';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';

describe.skipIf(skipWithoutPostgres)('postgres', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  testConversationStore('postgres', async (options) => {
    const store = await PostgresConversationStore.open({
      connectionString: await server.createDatabase(),
      keyRing: testKeyRing(),
      ...options,
    });
    return { store, cleanup: () => store.close() };
  });
});
