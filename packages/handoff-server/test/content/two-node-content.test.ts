import { agentMessage } from '@baton/handoff-protocol';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { createHandoffServer } from '../../src/server';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { skipWithoutRedis, startRedis, type TestRedis } from '../support/redis';
import { connectAgent, testSecrets, tokensFor, verifiersFor } from '../support/server';

// An admin's edit on node A reaches an agent console on node B (Redis adapter), and node B
// lists the edited item from the shared PostgreSQL store.

describe.skipIf(skipWithoutPostgres || skipWithoutRedis)('agent content across two nodes', () => {
  let redis: TestRedis;
  let postgres: TestPostgres;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await Promise.all([redis?.stop(), postgres?.stop()]);
  });

  async function startNode(databaseUrl: string, secrets: ReturnType<typeof testSecrets>) {
    const store = await PostgresConversationStore.open({
      connectionString: databaseUrl,
      keyRing: testKeyRing(),
    });
    const pubClient = createClient({ url: redis.url });
    const subClient = pubClient.duplicate();
    await Promise.all([pubClient.connect(), subClient.connect()]);
    const server = createHandoffServer({
      store,
      auth: verifiersFor(secrets),
      logger: createLogger({ level: 'silent' }),
      redis: { pubClient, subClient },
    });
    const { url } = await server.listen(0);
    cleanups.push(async () => {
      await server.close();
      await Promise.all([pubClient.quit(), subClient.quit()]);
    });
    return { url };
  }

  it('an edit on node A is pushed to a console on node B, which lists it', async () => {
    const databaseUrl = await postgres.createDatabase();
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const nodeA = await startNode(databaseUrl, secrets);
    const nodeB = await startNode(databaseUrl, secrets);
    const ada = await connectAgent(nodeA.url, await tokens.staff('ada', ['admin'], []));
    const ana = await connectAgent(nodeB.url, await tokens.staff('ana'));
    cleanups.push(
      () => ada.close(),
      () => ana.close(),
    );
    await ana.waitFor('agent.assignments');

    ada.send(
      agentMessage('content.save', {
        draft: {
          kind: 'canned',
          queue: 'cardiology',
          title: 'Greeting',
          shortcut: 'hello',
          body: 'Hello {patient.firstName}',
        },
      }),
    );
    const pushed = await ana.waitFor('content.changed');
    expect(pushed.item).toMatchObject({ title: 'Greeting', version: 1 });
    const list = agentMessage('content.list', { queue: 'cardiology' });
    ana.send(list);
    const items = await ana.waitFor('content.items', (f) => f.inReplyTo === list.id);
    expect(items.items.map((i) => [i.id, i.version])).toEqual([[pushed.item.id, 1]]);
  });
});
