import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConversationStore } from '../../src/storage/postgres/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectAgent, connectPatient, startTestServer } from '../support/server';

// Issue #11: the acked message path with PostgreSQL in at most two round trips per message
// (the authorization read and the append, each shared with the other conversations' messages
// asked in the same turn), counted at the driver, every statement of every connection.

const CONVERSATIONS = 12;
const MESSAGES = 10;

describe.skipIf(skipWithoutPostgres)('PostgreSQL acked path: statements per message', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it('sends fewer statements than messages while patients chat at once', async () => {
    const pool = new pg.Pool({ connectionString: await postgres.createDatabase(), max: 10 });
    let counting = false;
    const statements: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        if (counting) {
          const first = args[0] as string | { text: string };
          statements.push(typeof first === 'string' ? first : first.text);
        }
        return query(...args);
      }) as typeof client.query;
    });
    const store = await PostgresConversationStore.open({ pool, keyRing: testKeyRing() });
    const server = await startTestServer({ store, desk: { agentCapacity: CONVERSATIONS } });
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `conv-rt-${i}`);
    const patients = await Promise.all(
      ids.map(async (_, i) => connectPatient(server.url, await server.tokens.patient(`pat-${i}`))),
    );
    const agent = await connectAgent(server.url, await server.tokens.staff('agent-rt'));
    try {
      agent.send(agentMessage('queue.subscribe', {}));
      await agent.waitFor('queue.snapshot');
      for (const [i, id] of ids.entries()) {
        patients[i]!.send(handoffRequestFrame(id));
        await patients[i]!.waitFor('handoff.queued');
        agent.send(agentMessage('conversation.claim', { conversationId: id }));
        await agent.waitFor('conversation.assigned', (f) => f.conversationId === id);
      }

      counting = true;
      const acks = await Promise.all(
        ids.map(async (id, i) => {
          const seqs: number[] = [];
          for (let n = 0; n < MESSAGES; n += 1) {
            const clientMessageId = `${id}-m-${n}`;
            patients[i]!.send(
              patientMessage('message', { conversationId: id, clientMessageId, text: `hi ${n}` }),
            );
            const ack = await patients[i]!.waitFor(
              'ack',
              (a) => a.clientMessageId === clientMessageId,
            );
            seqs.push(ack.seq);
          }
          return seqs;
        }),
      );
      // The agent's copy of the last message of each conversation comes after every append.
      for (const id of ids) {
        await agent.waitFor('message', (m) => m.conversationId === id && m.text === 'hi 9');
      }
      counting = false;

      const total = CONVERSATIONS * MESSAGES;
      // Before the read was shared, each message cost its own read plus its share of the
      // batched append (more than one statement per message).
      expect(statements.length).toBeLessThanOrEqual(total);
      expect(statements.length / total).toBeLessThanOrEqual(2);
      const reads = statements.filter((s) =>
        /^SELECT id, patient_id, state, .* FROM conversations WHERE id = ANY/s.test(s),
      );
      expect(reads.length).toBeLessThan(total);
      // Exactly once, in order: gapless seqs per conversation, each message once at the agent.
      for (const [i, id] of ids.entries()) {
        const seqs = acks[i]!;
        expect(seqs).toEqual(seqs.map((_, n) => seqs[0]! + n));
        const copies = agent.of('message').filter((m) => m.conversationId === id);
        expect(copies.map((m) => m.seq)).toEqual(seqs);
      }
    } finally {
      counting = false;
      agent.close();
      for (const patient of patients) patient.close();
      await server.close();
      await pool.end();
    }
  });
});
