import { patientMessage } from '@baton/handoff-protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server';
import { handoffRequestFrame } from '../support/frames';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectPatient, type FrameClient, testSecrets, tokensFor } from '../support/server';
import { backendFor, countEvents, databaseFor, type FaultBackend, until } from './support';

const PATIENTS = 10;
const MESSAGES = 6;
/** Crash rounds on the same data (each kill lands at a different point of the writes). */
const ROUNDS = 3;

let postgres: TestPostgres | undefined;
let cleanups: (() => Promise<unknown> | unknown)[] = [];
beforeAll(async () => {
  if (!skipWithoutPostgres) postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

type Patient = FrameClient<import('@baton/handoff-protocol').ServerToPatient>;

/** Every frame patient `p` sends: the handoff request, then its messages (same ids on retry). */
function framesOf(p: string) {
  const conversationId = `conv-${p}`;
  return [
    handoffRequestFrame(conversationId, `req-${p}`),
    ...Array.from({ length: MESSAGES }, (_, j) =>
      patientMessage('message', {
        conversationId,
        clientMessageId: `m-${p}-${j}`,
        text: `burst text ${p}/${j}`,
      }),
    ),
  ];
}

const backends: FaultBackend['name'][] = skipWithoutPostgres ? ['sqlite'] : ['sqlite', 'postgres'];

describe.each(backends)('kill -9 during a burst of handoff requests and messages (%s)', (name) => {
  it('keeps every acked request and message exactly once, leaves no orphan, accepts retries', async () => {
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const backend = backendFor(name, secrets, await databaseFor(name, postgres));
    cleanups.push(() => backend.cleanup());
    const clients: Patient[] = [];
    cleanups.push(() => {
      for (const client of clients) client.close();
    });

    const acked = new Map<string, number>();
    const everyone: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const ids = Array.from({ length: PATIENTS }, (_, i) => `${round}-${i}`);
      everyone.push(...ids);
      const node: ChildServer = await startChildServer(backend.env);
      cleanups.push(() => node.kill('SIGKILL'));
      const patients = await Promise.all(
        ids.map(async (p) => connectPatient(node.url, await tokens.patient(`pat-${p}`))),
      );
      clients.push(...patients);
      // Half the patients start; the other half asks for a handoff while the process dies.
      const half = PATIENTS / 2;
      const sendAll = (from: number, to: number) => {
        for (let j = 0; j <= MESSAGES; j += 1) {
          for (let i = from; i < to; i += 1) patients[i]!.send(framesOf(ids[i]!)[j]);
        }
      };
      const ackCount = (from: number, to: number) =>
        patients.slice(from, to).reduce((n, c) => n + c.of('ack').length, 0);
      sendAll(0, half);
      await until(() => ackCount(0, half) >= 2 + round);
      sendAll(half, PATIENTS);
      await until(() => ackCount(half, PATIENTS) >= 1);
      await node.kill('SIGKILL');
      for (const client of patients) {
        for (const ack of client.of('ack'))
          acked.set(`${ack.conversationId}/${ack.clientMessageId}`, ack.seq);
      }
    }

    // What the store holds after the crash: acked exactly once with its seq, no orphan.
    const store = await backend.open();
    cleanups.push(() => store.close());
    for (const conversation of await store.listConversations()) {
      expect(await countEvents(store, conversation.id, 'handoff.request')).toBe(1);
    }
    for (const [id, seq] of acked) {
      const [conversationId, clientMessageId] = id.split('/') as [string, string];
      const log = await store.listMessages(conversationId);
      const copies = log.filter((m) => m.clientMessageId === `patient:${clientMessageId}`);
      expect(copies.map((m) => m.seq)).toEqual([seq]);
    }

    // Every client retries everything with the same ids: the acked get their original seq.
    const second = await startChildServer(backend.env);
    cleanups.push(() => second.kill('SIGKILL'));
    const again = await Promise.all(
      everyone.map(async (p) => connectPatient(second.url, await tokens.patient(`pat-${p}`))),
    );
    clients.push(...again);
    again.forEach((client, i) => {
      for (const frame of framesOf(everyone[i]!)) client.send(frame);
    });
    await Promise.all(
      again.map(async (client, i) => {
        for (const frame of framesOf(everyone[i]!)) {
          const ack = await client.waitFor(
            'ack',
            (a) => a.clientMessageId === frame.clientMessageId,
            15_000,
          );
          const before = acked.get(`${frame.conversationId}/${frame.clientMessageId}`);
          if (before !== undefined) expect(ack.seq).toBe(before);
        }
        expect(client.of('error')).toEqual([]);
      }),
    );
    for (const p of everyone) {
      const log = await store.listMessages(`conv-${p}`);
      const ids = log.map((m) => m.clientMessageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await countEvents(store, `conv-${p}`, 'handoff.request')).toBe(1);
      expect(ids.filter((id) => id.startsWith('patient:m-'))).toHaveLength(MESSAGES);
    }
  }, 90_000);
});
