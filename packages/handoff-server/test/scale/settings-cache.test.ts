import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SETTINGS_CHANGED_EVENT } from '../../src/insights/settings-cache';
import { createLogger } from '../../src/ops/logger';
import { createHandoffServer, type HandoffServer } from '../../src/server';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { skipWithoutRedis, startRedis, type TestRedis } from '../support/redis';
import { connectPatient, testSecrets, tokensFor, verifiersFor } from '../support/server';

// Each node caches the administrator's settings (read at every handoff request); a save on
// one node reaches the other's behaviour through the "settings changed" broadcast over Redis.
describe.skipIf(skipWithoutPostgres || skipWithoutRedis)('per-node settings cache', () => {
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
    const reads = vi.spyOn(store, 'getSetting');
    const server: HandoffServer = createHandoffServer({
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
    return { server, url, store, routingReads: () => countReads(reads.mock.calls, 'routing') };
  }

  it('routes by the rules saved on the other node, and reads them once per change', async () => {
    const databaseUrl = await postgres.createDatabase();
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const nodeA = await startNode(databaseUrl, secrets);
    const nodeB = await startNode(databaseUrl, secrets);

    const escalate = async (id: string) => {
      const patient = await connectPatient(nodeB.url, await tokens.patient(`pat-${id}`));
      cleanups.push(() => patient.close());
      patient.send(handoffRequestFrame(id));
      await patient.waitFor('handoff.queued', undefined, 5000);
      return (await nodeB.store.getConversation(id))?.queue;
    };

    // No rules stored: the department names the queue. Node B now holds "no routing setting" in its cache.
    expect(await escalate('conv-1')).toBe('cardiology');
    expect(await escalate('conv-2')).toBe('cardiology');
    expect(nodeB.routingReads()).toBe(1);

    // The administrator saves rules on node A; node B hears of it over Redis.
    const heard = new Promise<unknown>((resolve) => {
      nodeB.server.io.on(SETTINGS_CHANGED_EVENT, resolve);
    });
    const admin = await tokens.staff('root', ['admin'], []);
    const saved = await fetch(`${nodeA.url}/api/admin/settings/routing`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        queues: [{ queue: 'heart', department: 'cardiology' }],
        defaultQueue: 'general',
      }),
    });
    expect(saved.status).toBe(200);
    expect(await heard).toBe('routing');

    // Node B's next handoff follows the new rules (its cached copy was dropped), read once.
    expect(await escalate('conv-3')).toBe('heart');
    expect(await escalate('conv-4')).toBe('heart');
    expect(nodeB.routingReads()).toBe(2);
  });
});

function countReads(calls: unknown[][], name: string): number {
  return calls.filter(([asked]) => asked === name).length;
}
