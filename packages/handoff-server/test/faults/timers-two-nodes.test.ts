import { patientMessage, type ServerToPatient } from '@baton/handoff-protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server';
import { handoffRequestFrame } from '../support/frames';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectPatient, type FrameClient, testSecrets, tokensFor } from '../support/server';
import { backendFor, countEvents, databaseFor, type FaultBackend, until } from './support';

type Patient = FrameClient<ServerToPatient>;

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

const backends: FaultBackend['name'][] = skipWithoutPostgres ? ['sqlite'] : ['sqlite', 'postgres'];

describe.each(backends)('deadlines across two nodes and a restart (%s)', (name) => {
  it('fires each once: quiet patients are abandoned, active ones are never ended by a starting node', async () => {
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const backend = backendFor(name, secrets, await databaseFor(name, postgres));
    cleanups.push(() => backend.cleanup());
    const env = {
      ...backend.env,
      BATON_PATIENT_IDLE_SECONDS: '2',
      BATON_QUEUE_TIMEOUT_SECONDS: '4',
    };
    const nodeA = await startChildServer(env);
    const nodeB = await startChildServer(env);
    const nodes: ChildServer[] = [nodeA, nodeB];
    cleanups.push(() => Promise.all(nodes.map((n) => n.kill('SIGKILL'))));
    const clients: Patient[] = [];
    cleanups.push(() => {
      for (const client of clients) client.close();
    });
    const open = async (node: ChildServer, id: string) => {
      const client = await connectPatient(node.url, await tokens.patient(`pat-${id}`));
      clients.push(client);
      client.send(handoffRequestFrame(`conv-${id}`));
      await client.waitFor('ack', (a) => a.clientMessageId === `req-conv-${id}`);
      return client;
    };
    // Quiet patients on both nodes; active ones talk to node B the whole time.
    const quiet = ['q0', 'q1', 'q2', 'q3'];
    const active = ['a0', 'a1'];
    for (const [i, id] of quiet.entries()) await open(i % 2 === 0 ? nodeA : nodeB, id);
    const talking = await Promise.all(active.map((id) => open(nodeB, id)));
    let talk = true;
    const chatting = Promise.all(
      talking.map(async (client, i) => {
        for (let n = 0; talk && n < 100; n += 1) {
          if (client.of('handoff.failed').length > 0 || client.of('error').length > 0) return;
          client.send(
            patientMessage('message', {
              conversationId: `conv-${active[i]}`,
              clientMessageId: `m${n}`,
              text: 'still typing',
            }),
          );
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }),
    );

    // Node A dies with its deadlines armed, and starts again while B's patients talk.
    await nodeA.kill('SIGKILL');
    nodes.push(await startChildServer(env));

    const store = await backend.open();
    cleanups.push(() => store.close());
    const stateOf = async (id: string) => (await store.getConversation(`conv-${id}`))?.state;
    await until(async () => {
      const states = await Promise.all([...quiet, ...active].map(stateOf));
      return states.every((s) => s === 'abandoned' || s === 'expired');
    }, 20_000);
    talk = false;
    await chatting;

    for (const id of quiet) {
      expect(await stateOf(id)).toBe('abandoned');
      expect(await countEvents(store, `conv-${id}`, 'handoff.ended')).toBe(1);
      expect(await countEvents(store, `conv-${id}`, 'handoff.failed')).toBe(0);
    }
    for (const id of active) {
      // Active until the queue deadline: expired once, never ended for inactivity.
      expect(await stateOf(id)).toBe('expired');
      expect(await countEvents(store, `conv-${id}`, 'handoff.failed')).toBe(1);
      expect(await countEvents(store, `conv-${id}`, 'handoff.ended')).toBe(0);
    }
  }, 60_000);
});
