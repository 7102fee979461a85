import { agentMessage, patientMessage } from '@baton/handoff-protocol';
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

// The supervisor's map on every node (Redis + PostgreSQL): a bot conversation registered
// on node A shows up, then ends, on the dashboard of a supervisor connected to node B; her
// whisper from node B reaches the agent on node A, and her barge-in the patient on node A.

describe.skipIf(skipWithoutPostgres || skipWithoutRedis)('supervisor map across two nodes', () => {
  let redis: TestRedis;
  let postgres: TestPostgres;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const keyRing = testKeyRing();

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await Promise.all([redis?.stop(), postgres?.stop()]);
  });

  async function startNode(databaseUrl: string, secrets: ReturnType<typeof testSecrets>) {
    const store = await PostgresConversationStore.open({ connectionString: databaseUrl, keyRing });
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

  it('shows bot conversations and relays whisper and barge-in between nodes', async () => {
    const databaseUrl = await postgres.createDatabase();
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const nodeA = await startNode(databaseUrl, secrets);
    const nodeB = await startNode(databaseUrl, secrets);
    const sam = await connectAgent(nodeB.url, await tokens.staff('sam', ['supervisor'], []));
    cleanups.push(() => sam.close());
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');

    const patient = await connectPatient(nodeA.url, await tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(patientMessage('bot.started', { conversationId: 'b1', locale: 'es' }));
    await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'b1' && !c.endedAt)),
    );
    patient.send(
      patientMessage('bot.ended', {
        conversationId: 'b1',
        outcome: 'escalated',
        escalation: 'patient-requested',
        handoffConversationId: 'c1',
      }),
    );
    const ended = await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'b1' && c.endedAt)),
    );
    expect(ended.upserted?.[0]).toMatchObject({
      botOutcome: 'escalated',
      escalation: 'patient-requested',
      handoffConversationId: 'c1',
    });

    const handoff = await connectPatient(nodeA.url, await tokens.patient('p1'));
    cleanups.push(() => handoff.close());
    handoff.send(handoffRequestFrame('c1'));
    await handoff.waitFor('handoff.queued');
    const ana = await connectAgent(nodeA.url, await tokens.staff('ana', ['agent'], ['cardiology']));
    cleanups.push(() => ana.close());
    await ana.waitFor('agent.assignments');
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned');
    await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'c1' && c.state === 'assigned')),
    );

    // One patient, one row: a supervisor subscribing on node B now sees the handoff only.
    const kai = await connectAgent(nodeB.url, await tokens.staff('kai', ['supervisor'], []));
    cleanups.push(() => kai.close());
    kai.send(agentMessage('supervisor.subscribe', {}));
    const snapshot = await kai.waitFor('supervisor.snapshot');
    expect(snapshot.conversations.map((c) => c.conversationId)).toEqual(['c1']);

    sam.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    await sam.waitFor('conversation.transcript');
    sam.send(
      agentMessage('conversation.whisper', {
        conversationId: 'c1',
        clientMessageId: 'w-1',
        text: 'Slot on Tuesday',
      }),
    );
    const whisper = await ana.waitFor('whisper');
    expect(whisper.text).toBe('Slot on Tuesday');
    sam.send(agentMessage('conversation.barge', { conversationId: 'c1', clientMessageId: 'b-1' }));
    expect((await handoff.waitFor('supervisor.joined')).supervisor.id).toBe('sam');
    expect(JSON.stringify(handoff.frames)).not.toContain('Tuesday');
  });
});
