import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { createHandoffServer, type HandoffServer } from '../../src/server';
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

describe.skipIf(skipWithoutPostgres || skipWithoutRedis)(
  'two server nodes with Redis and PostgreSQL',
  () => {
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

    async function startNode(
      databaseUrl: string,
      keyRing: ReturnType<typeof testKeyRing>,
      secrets: ReturnType<typeof testSecrets>,
    ) {
      const store = await PostgresConversationStore.open({
        connectionString: databaseUrl,
        keyRing,
      });
      const pubClient = createClient({ url: redis.url });
      const subClient = pubClient.duplicate();
      await Promise.all([pubClient.connect(), subClient.connect()]);
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
      return { server, url };
    }

    it('carries a whole conversation with the patient on node A and the agent on node B', async () => {
      const databaseUrl = await postgres.createDatabase();
      const keyRing = testKeyRing();
      const secrets = testSecrets();
      const tokens = tokensFor(secrets);
      const nodeA = await startNode(databaseUrl, keyRing, secrets);
      const nodeB = await startNode(databaseUrl, keyRing, secrets);
      const ready = await fetch(`${nodeB.url}/readyz`);
      expect(await ready.json()).toMatchObject({ checks: { database: 'ok', redis: 'ok' } });

      const patient = await connectPatient(nodeA.url, await tokens.patient('pat-1'));
      const agent = await connectAgent(nodeB.url, await tokens.staff('agent-1'));
      cleanups.push(
        () => patient.close(),
        () => agent.close(),
      );
      agent.send(agentMessage('queue.subscribe', {}));
      await agent.waitFor('queue.snapshot');

      patient.send(handoffRequestFrame('conv-scale'));
      await patient.waitFor('ack');
      await patient.waitFor('handoff.queued');
      const upsert = await agent.waitFor('queue.update', (u) => u.change.op === 'upsert');
      expect(upsert.change).toMatchObject({ op: 'upsert', item: { conversationId: 'conv-scale' } });

      agent.send(agentMessage('conversation.claim', { conversationId: 'conv-scale' }));
      await agent.waitFor('conversation.assigned');
      expect((await patient.waitFor('agent.joined')).agent.id).toBe('agent-1');

      patient.send(
        patientMessage('message', {
          conversationId: 'conv-scale',
          clientMessageId: 'p1',
          text: 'from node A',
        }),
      );
      const patientAck = await patient.waitFor('ack', (a) => a.clientMessageId === 'p1');
      expect(await agent.waitFor('message', (m) => m.from === 'patient')).toMatchObject({
        text: 'from node A',
        seq: patientAck.seq,
      });

      agent.send(
        agentMessage('message', {
          conversationId: 'conv-scale',
          clientMessageId: 'a1',
          text: 'from node B',
        }),
      );
      const agentAck = await agent.waitFor('ack', (a) => a.clientMessageId === 'a1');
      expect(await patient.waitFor('message', (m) => m.from === 'agent')).toMatchObject({
        text: 'from node B',
        seq: agentAck.seq,
      });

      agent.send(agentMessage('typing', { conversationId: 'conv-scale', active: true }));
      await patient.waitFor('typing');

      agent.send(
        agentMessage('conversation.end', { conversationId: 'conv-scale', reason: 'resolved' }),
      );
      expect(await patient.waitFor('handoff.ended')).toMatchObject({ endedBy: 'agent' });
    }, 60_000);
  },
);
