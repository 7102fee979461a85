import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { skipWithoutRedis, startRedis, type TestRedis } from '../support/redis';
import {
  connectPatient,
  type FrameClient,
  startTestServer,
  type TestServer,
  testSecrets,
} from '../support/server';

// A flooding patient loses every socket, on every node (issue #11 took the per-subject room
// off every idle connection: this node's sockets are found by a scan, the other nodes' are
// told through the Redis adapter). Another patient on the same nodes keeps hers.

describe.skipIf(skipWithoutRedis)('a flood across two nodes sharing Redis', () => {
  let redis: TestRedis;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await redis?.stop();
  });

  async function startNode(secrets: ReturnType<typeof testSecrets>): Promise<TestServer> {
    const pubClient = createClient({ url: redis.url });
    const subClient = pubClient.duplicate();
    await Promise.all([pubClient.connect(), subClient.connect()]);
    const node = await startTestServer({
      store: 'memory',
      secrets,
      redis: { pubClient, subClient },
      rateLimit: { burst: 5, perSecond: 0.001 },
      fairUse: { maxRefusedInARow: 20 },
    });
    cleanups.push(async () => {
      await node.close();
      await Promise.all([pubClient.quit(), subClient.quit()]);
    });
    return node;
  }

  const closedByServer = (client: { socket: FrameClient['socket'] }) =>
    new Promise<string>((resolve) => client.socket.once('disconnect', resolve));

  it('closes the subject’s sockets on both nodes and leaves another patient’s open', async () => {
    const secrets = testSecrets();
    const [a, b] = [await startNode(secrets), await startNode(secrets)];
    const token = await a.tokens.patient('p-flood');
    const flooder = [
      await connectPatient(a.url, token),
      await connectPatient(a.url, token),
      await connectPatient(b.url, token),
    ];
    const calm = [
      await connectPatient(a.url, await a.tokens.patient('p-calm')),
      await connectPatient(b.url, await b.tokens.patient('p-calm-b')),
    ];
    for (const client of [...flooder, ...calm]) cleanups.push(() => client.close());
    const gone = flooder.map(closedByServer);
    for (let i = 0; i < 100; i += 1) flooder[0]!.socket.emit('bogus', { i });
    expect(await Promise.all(gone)).toEqual(Array(3).fill('io server disconnect'));
    // The others were not touched: still connected, and served.
    for (const [i, client] of calm.entries()) {
      expect(client.socket.connected).toBe(true);
      client.send(handoffRequestFrame(`c-calm-${i}`));
      expect(await client.waitFor('ack')).toMatchObject({ conversationId: `c-calm-${i}` });
      expect(client.socket.connected).toBe(true);
    }
  });
});
