import { agentMessage } from '@baton/handoff-protocol';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { createHandoffServer } from '../../src/server';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { skipWithoutRedis, startRedis, type TestRedis } from '../support/redis';
import {
  connectAgent,
  connectPatient,
  testSecrets,
  tokensFor,
  verifiersFor,
} from '../support/server';

// Access across two nodes (Redis + PostgreSQL). Revocation reaches every node: an
// administrator disables a user on node A while her console socket is on node B; B cuts it
// through the Redis adapter's `disconnectSockets`. Racing claims from two nodes: the loser
// always gets `conflict`, never `forbidden`, and no denial is audited.

describe.skipIf(skipWithoutPostgres || skipWithoutRedis)('access across two nodes', () => {
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
      keyRing: keyRing,
    });
    const pubClient = createClient({ url: redis.url });
    const subClient = pubClient.duplicate();
    await Promise.all([pubClient.connect(), subClient.connect()]);
    const server = createHandoffServer({
      store,
      auth: verifiersFor(secrets),
      logger: createLogger({ level: 'silent' }),
      redis: { pubClient, subClient },
      desk: { agentCapacity: 100 },
    });
    const { url } = await server.listen(0);
    cleanups.push(async () => {
      await server.close();
      await Promise.all([pubClient.quit(), subClient.quit()]);
    });
    return { url, store };
  }
  const keyRing = testKeyRing();

  it('disabling a user on node A cuts her socket on node B within a second', async () => {
    const databaseUrl = await postgres.createDatabase();
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const nodeA = await startNode(databaseUrl, secrets);
    const nodeB = await startNode(databaseUrl, secrets);
    const anaToken = await tokens.staff('ana');
    const ana = await connectAgent(nodeB.url, anaToken);
    cleanups.push(() => ana.close());
    const cut = new Promise<number>((resolve) =>
      ana.socket.once('disconnect', () => resolve(Date.now())),
    );
    const asked = Date.now();
    const response = await fetch(`${nodeA.url}/api/admin/staff/ana/disable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokens.staff('root', ['admin'], [])}` },
    });
    expect(response.status).toBe(200);
    const elapsed = (await cut) - asked;
    expect(elapsed).toBeLessThan(1000);
    // And node B refuses her token at the handshake from now on.
    const again = await connectAgent(nodeB.url, anaToken).then(
      () => 'connected',
      (error: Error & { data?: { code?: string } }) => error.data?.code,
    );
    expect(again).toBe('unauthorized');
  });

  it('a claimant losing a race on the other node gets conflict, never forbidden', async () => {
    const databaseUrl = await postgres.createDatabase();
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const nodeA = await startNode(databaseUrl, secrets);
    const nodeB = await startNode(databaseUrl, secrets);
    const ids = Array.from({ length: 30 }, (_, i) => `race-${i}`);
    for (const [i, id] of ids.entries()) {
      const patient = await connectPatient(nodeA.url, await tokens.patient(`pat-${i}`));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame(id));
      await patient.waitFor('handoff.queued');
    }
    const ana = await connectAgent(nodeA.url, await tokens.staff('ana'));
    const ben = await connectAgent(nodeB.url, await tokens.staff('ben'));
    cleanups.push(
      () => ana.close(),
      () => ben.close(),
    );
    await Promise.all([ana.waitFor('agent.assignments'), ben.waitFor('agent.assignments')]);
    for (const id of ids) {
      ana.send(agentMessage('conversation.claim', { conversationId: id }));
      ben.send(agentMessage('conversation.claim', { conversationId: id }));
    }
    const outcome = async (client: typeof ana, id: string) =>
      Promise.race([
        client.waitFor('conversation.assigned', (f) => f.conversationId === id).then(() => 'won'),
        client.waitFor('error', (f) => f.conversationId === id).then((e) => e.code),
      ]);
    const results = await Promise.all(
      ids.map(async (id) => [await outcome(ana, id), await outcome(ben, id)].sort()),
    );
    expect(results).toEqual(ids.map(() => ['conflict', 'won']));
    const denied = (await nodeA.store.queryAudit({})).filter((a) => a.outcome === 'denied');
    expect(denied).toEqual([]);
  });
});
