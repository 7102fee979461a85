import { agentMessage } from '@baton/handoff-protocol';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { createHandoffServer } from '../../src/server';
import type { ConversationStore } from '../../src/storage/contract';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { DeliveryClient } from '../support/delivery-client';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { skipWithoutRedis, startRedis, type TestRedis } from '../support/redis';
import { testSecrets, tokensFor, verifiersFor } from '../support/server';

// Delivery under faults, two server nodes on PostgreSQL + Redis, clients on the protocol's
// delivery core: the patient on node A and the agent on node B write at once; one client
// reconnects mid-burst; Redis is restarted for 3 s mid-burst. Every acked message must end
// up exactly once, in seq order, in both clients' logs, as in the store; no client ever
// resumes past a record it has not received.

/** Polls `check` until it holds (bounded); the failure message says what was still missing. */
async function until(check: () => boolean, what: () => string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The store's chat log of a conversation: seq → text. */
async function storedChat(store: ConversationStore, conversationId: string) {
  const records = await store.listMessages(conversationId, { afterSeq: 0, limit: 1000 });
  const chat = new Map<number, string>();
  for (const record of records) {
    const body = JSON.parse(record.body) as { kind: string; text?: string };
    if (body.kind === 'chat') chat.set(record.seq, body.text ?? '');
  }
  return { chat, lastSeq: records.at(-1)?.seq ?? 0 };
}

describe.skipIf(skipWithoutPostgres || skipWithoutRedis)('delivery under faults, two nodes', () => {
  let redis: TestRedis;
  let postgres: TestPostgres;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const redisClients: { isReady: boolean }[] = [];
  const secrets = testSecrets();
  const tokens = tokensFor(secrets);

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await Promise.all([redis?.stop(), postgres?.stop()]);
  });

  async function startNodes() {
    const databaseUrl = await postgres.createDatabase();
    const keyRing = testKeyRing();
    const nodes = [];
    for (let n = 0; n < 2; n += 1) {
      const store = await PostgresConversationStore.open({
        connectionString: databaseUrl,
        keyRing,
      });
      const pubClient = createClient({ url: redis.url });
      const subClient = pubClient.duplicate();
      for (const client of [pubClient, subClient]) client.on('error', () => undefined);
      redisClients.push(pubClient, subClient);
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
        await Promise.allSettled([pubClient.close(), subClient.close()]);
      });
      nodes.push({ url, store });
    }
    return nodes as [(typeof nodes)[0], (typeof nodes)[0]];
  }

  /** A patient on node A with an agent on node B holding the conversation. */
  async function assignedConversation(conversationId: string) {
    const [nodeA, nodeB] = await startNodes();
    const patient = new DeliveryClient(
      nodeA.url,
      await tokens.patient(`pat-${conversationId}`),
      'patient',
      conversationId,
    );
    const agent = new DeliveryClient(
      nodeB.url,
      await tokens.staff(`agent-${conversationId}`),
      'agent',
      conversationId,
    );
    cleanups.push(
      () => patient.close(),
      () => agent.close(),
    );
    await until(
      () => patient.socket.connected && agent.socket.connected,
      () => 'both connected',
    );
    patient.socket.emit('frame', handoffRequestFrame(conversationId, 'request'));
    await until(
      () => patient.acked.has('request'),
      () => 'request acked',
    );
    patient.follow();
    // Claim once the queue entry is there (a claim that comes first is refused: try again).
    for (let attempt = 0; !agent.assigned; attempt += 1) {
      if (attempt === 20) throw new Error('never assigned');
      agent.socket.emit('frame', agentMessage('conversation.claim', { conversationId }));
      await until(
        () => agent.assigned || agent.refusals > attempt,
        () => 'claim answered',
      );
    }
    agent.follow();
    agent.resume(); // `conversation.open` from 0, as the console does on `conversation.assigned`
    return { patient, agent, store: nodeA.store };
  }

  async function expectSameLogs(
    store: ConversationStore,
    conversationId: string,
    clients: DeliveryClient[],
    sent: number,
  ) {
    await until(
      () => clients.every((c) => c.outbox.entries.size === 0),
      () => clients.map((c) => `${c.side}: ${c.outbox.entries.size} unacked`).join(', '),
    );
    const stored = await storedChat(store, conversationId);
    expect(stored.chat.size).toBe(sent);
    const asStored = [...stored.chat.entries()];
    for (const client of clients) {
      await until(
        () => client.log.size >= stored.chat.size && client.inbox.contiguous >= stored.lastSeq,
        () => `${client.side}: ${client.log.size}/${stored.chat.size} messages`,
      );
      const shown = [...client.log.entries()].sort(([a], [b]) => a - b);
      expect(shown, client.side).toEqual(asStored);
      expect(client.skipped, `${client.side} skipped a record`).toBe(0);
      expect(client.inbox.held.size).toBe(0);
      // Never resumed past a record it did not hold.
      for (const resume of client.resumes) {
        for (const seq of stored.chat.keys()) {
          if (seq <= resume.sinceSeq)
            expect(resume.held.has(seq), `${client.side} ${seq}`).toBe(true);
        }
      }
    }
  }

  it('both sides writing at once across nodes, the patient reconnecting mid-burst: no gap ever', async () => {
    const { patient, agent, store } = await assignedConversation('conv-burst');
    const N = 30;
    for (let i = 0; i < N; i += 1) {
      patient.send(`p${i}`, `patient ${i}`);
      agent.send(`a${i}`, `agent ${i}`);
      if (i === N / 2) {
        await until(
          () => patient.acked.size > 5,
          () => 'some patient acks',
        );
        patient.socket.disconnect();
        patient.socket.connect();
      }
    }
    await expectSameLogs(store, 'conv-burst', [patient, agent], 2 * N);
    expect(patient.resumes.length).toBeGreaterThan(0);
  }, 90_000);

  it('a 3-second Redis restart mid-burst loses no live frame for a connected client', async () => {
    const { patient, agent, store } = await assignedConversation('conv-redis');
    let sent = 0;
    const burst = async (from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        patient.send(`p${i}`, `patient ${i}`);
        agent.send(`a${i}`, `agent ${i}`);
        sent += 2;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await burst(0, 10);
    // The outage, with both sides still writing through it; nothing is written after it.
    await Promise.all([redis.restart(3000), burst(10, 40)]);
    // Each node tells its clients to resync once its subscriber is back.
    await until(
      () => patient.resyncs > 0 && agent.resyncs > 0,
      () => `resyncs: patient ${patient.resyncs}, agent ${agent.resyncs}`,
    );
    await expectSameLogs(store, 'conv-redis', [patient, agent], sent);
    expect(patient.socket.connected && agent.socket.connected).toBe(true);
    // And every node's Redis link is back by itself.
    await until(
      () => redisClients.every((client) => client.isReady),
      () => `${redisClients.filter((client) => !client.isReady).length} Redis clients not ready`,
    );
  }, 90_000);
});
