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

// An administrator on node A demotes a supervisor whose console is on node B (Redis +
// PostgreSQL): B tells her socket `token_expired` and cuts it through the Redis adapter; on
// reconnecting, B resolves her token under the stored assignment: no dashboard any more.

describe.skipIf(skipWithoutPostgres || skipWithoutRedis)('staff assignments across nodes', () => {
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
    return { url, store };
  }

  it('a supervisor demoted on node A loses the dashboard on node B at once', async () => {
    const databaseUrl = await postgres.createDatabase();
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const nodeA = await startNode(databaseUrl, secrets);
    const nodeB = await startNode(databaseUrl, secrets);
    const samToken = await tokens.staff('sam', ['supervisor'], []);
    const sam = await connectAgent(nodeB.url, samToken);
    cleanups.push(() => sam.close());
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    const cut = new Promise<void>((resolve) => sam.socket.once('disconnect', () => resolve()));
    const response = await fetch(`${nodeA.url}/api/admin/staff/sam/assignment`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await tokens.staff('root', ['admin'], [])}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ roles: ['agent'], queues: ['general'] }),
    });
    expect(response.status).toBe(200);
    await sam.waitFor('error', (f) => f.code === 'token_expired');
    await cut;
    const again = await connectAgent(nodeB.url, samToken);
    cleanups.push(() => again.close());
    await again.waitFor('agent.assignments');
    again.send(agentMessage('supervisor.subscribe', {}));
    await again.waitFor('error', (f) => f.code === 'forbidden');
    expect((await nodeB.store.getAgent('sam'))?.queues).toEqual(['general']);
  });
});
