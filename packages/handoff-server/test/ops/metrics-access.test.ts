import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { connectPatient, startTestServer, type TestServer } from '../support/server';

// `/metrics` behind a bearer token, or on a port of its own; queue labels only from the
// operator's configuration, never from what a patient sent.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('metrics access', () => {
  it('requires the bearer token when one is configured', async () => {
    server = await startTestServer({
      store: 'memory',
      metricsEndpoint: { bearerToken: 'scrape-secret-0123456789' },
    });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-secret-012345678X' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-secret-0123456789' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('baton_conversations');
  });

  it('serves /metrics only on its own port when one is configured', async () => {
    const probe = await import('node:net').then(
      (net) =>
        new Promise<number>((resolve) => {
          const s = net.createServer().listen(0, '127.0.0.1', () => {
            const port = (s.address() as { port: number }).port;
            s.close(() => resolve(port));
          });
        }),
    );
    server = await startTestServer({ store: 'memory', metricsEndpoint: { port: probe } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const own = await fetch(`http://127.0.0.1:${probe}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('baton_conversations');
    expect((await fetch(`http://127.0.0.1:${probe}/healthz`)).status).toBe(404);
  });

  it('labels queues by configured names only', async () => {
    server = await startTestServer({
      store: 'memory',
      desk: {
        routing: {
          queues: [{ queue: 'cardiology', department: 'cardiology' }],
          defaultQueue: 'general',
        },
      },
    });
    const patient = await connectPatient(server.url, await server.tokens.patient('p1'));
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    const other = await connectPatient(server.url, await server.tokens.patient('p2'));
    other.send(
      handoffRequestFrame(
        'c2',
        'req-c2',
        sampleRequest({ routing: { department: 'Dr-Impostor-says-hi' } }),
      ),
    );
    await other.waitFor('handoff.queued');
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('baton_queue_length{queue="cardiology"} 1');
    expect(text).not.toContain('Impostor');
    patient.close();
    other.close();
  });
});
