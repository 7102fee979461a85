import { patientMessage, type ServerToPatient } from '@baton/handoff-protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../support/child-server';
import { handoffRequestFrame } from '../support/frames';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { connectPatient, type FrameClient, testSecrets, tokensFor } from '../support/server';
import { backendFor, until } from './support';

type Patient = FrameClient<ServerToPatient>;

let postgres: TestPostgres;
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

/**
 * Sends messages one after another like a client would: each until acked, retrying with the
 * same id after a retryable error (bounded). Records every ack and every error code.
 */
function chatter(client: Patient, conversationId: string, prefix: string) {
  const acked = new Map<string, number>();
  const errors: string[] = [];
  let stop = false;
  const sendUntilAcked = async (clientMessageId: string) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const seen = client.frames.length;
      client.send(
        patientMessage('message', { conversationId, clientMessageId, text: 'still here' }),
      );
      const answer = await new Promise<ServerToPatient>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer')), 10_000);
        const check = () => {
          const reply = client.frames
            .slice(seen)
            .find(
              (f) =>
                (f.type === 'ack' || f.type === 'error') && f.clientMessageId === clientMessageId,
            );
          if (reply) {
            clearTimeout(timer);
            resolve(reply);
          } else setTimeout(check, 10);
        };
        check();
      });
      if (answer.type === 'ack') return void acked.set(clientMessageId, answer.seq);
      if (answer.type === 'error') {
        errors.push(answer.code);
        if (!answer.retryable) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const done = (async () => {
    for (let i = 0; !stop && i < 1000; i += 1) await sendUntilAcked(`${prefix}-${i}`);
  })();
  return {
    acked,
    errors,
    async finish() {
      stop = true;
      await done;
    },
  };
}

async function readyz(node: ChildServer) {
  const started = Date.now();
  const response = await fetch(`${node.url}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as { checks: Record<string, string> },
    ms: Date.now() - started,
  };
}

describe.skipIf(skipWithoutPostgres)('PostgreSQL stopped for a while under two nodes', () => {
  it('keeps both nodes alive, answers retryable unavailable, loses nothing acked, recovers alone', async () => {
    const secrets = testSecrets();
    const tokens = tokensFor(secrets);
    const backend = backendFor('postgres', secrets, await postgres.createDatabase());
    cleanups.push(() => backend.cleanup());
    const env = {
      ...backend.env,
      BATON_READYZ_TIMEOUT_MS: '500',
      BATON_DATABASE_CONNECT_TIMEOUT_MS: '1000',
      // Nobody is online in this test: keep the patients queued through the outage instead of
      // offering them the fallback after a few seconds.
      BATON_UNSTAFFED_FALLBACK_SECONDS: '3600',
    };
    const nodes = [await startChildServer(env), await startChildServer(env)];
    for (const node of nodes) cleanups.push(() => node.kill('SIGKILL'));
    const clients: Patient[] = [];
    cleanups.push(() => {
      for (const client of clients) client.close();
    });
    const talkers = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const client = await connectPatient(nodes[i % 2]!.url, await tokens.patient(`pat-${i}`));
        clients.push(client);
        client.send(handoffRequestFrame(`conv-${i}`));
        await client.waitFor('ack', (a) => a.clientMessageId === `req-conv-${i}`);
        return chatter(client, `conv-${i}`, `m${i}`);
      }),
    );
    await until(() => talkers.every((t) => t.acked.size >= 3));

    await postgres.pause();
    // While the database is down: typed retryable errors, readiness names the database.
    await until(() => talkers.every((t) => t.errors.length > 0), 10_000);
    for (const node of nodes) {
      const ready = await readyz(node);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).not.toBe('ok');
      expect(ready.ms).toBeLessThan(3000);
      expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    }
    // The outage lasts until every connection has been refused 25 more times (each attempt
    // waits for the answer to the last, then 100 ms: a few seconds of failing connects), and
    // both nodes are still up and still say the database is down.
    const refused = talkers.map((t) => t.errors.length);
    await until(() => talkers.every((t, i) => t.errors.length >= refused[i]! + 25), 30_000);
    for (const node of nodes) {
      expect(node.child.exitCode).toBeNull();
      expect((await readyz(node)).status).toBe(503);
    }
    const ackedBefore = talkers.map((t) => t.acked.size);
    await postgres.resume();

    // Back by itself: readiness and new acks on every connection, no restart.
    for (const node of nodes) await until(async () => (await readyz(node)).status === 200, 20_000);
    await until(() => talkers.every((t, i) => t.acked.size >= ackedBefore[i]! + 3), 20_000);
    await Promise.all(talkers.map((t) => t.finish()));
    for (const node of nodes) {
      expect(node.child.exitCode).toBeNull();
      expect(node.child.signalCode).toBeNull();
    }
    for (const talker of talkers) expect(new Set(talker.errors)).toEqual(new Set(['unavailable']));

    const store = await backend.open();
    cleanups.push(() => store.close());
    for (const [i, talker] of talkers.entries()) {
      const log = await store.listMessages(`conv-${i}`);
      for (const [clientMessageId, seq] of talker.acked) {
        const copies = log.filter((m) => m.clientMessageId === `patient:${clientMessageId}`);
        expect(copies.map((m) => m.seq)).toEqual([seq]);
      }
    }
    const logs = nodes.flatMap((n) => n.lines).join('\n');
    expect(logs).not.toContain('still here');
  }, 60_000);
});
