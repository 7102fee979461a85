import { agentMessage, type ServerToAgent } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import {
  connectAgent,
  connectPatient,
  type FrameClient,
  startTestServer,
  type TestServer,
} from '../support/server';

// The server owns staff assignments: an administrator's roles and queues override the
// identity provider's claims, at once, on her live sockets (she reconnects with a fresh
// token), and nobody can remove the last administrator.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const ROUTING = {
  queues: [
    { queue: 'cardiology', department: 'cardiology' },
    { queue: 'billing', department: 'billing' },
  ],
  defaultQueue: 'general',
};

async function serve(): Promise<TestServer> {
  const test = await startTestServer({ store: 'sqlite', desk: { routing: ROUTING } });
  cleanups.push(() => test.close());
  return test;
}

async function agentOn(test: TestServer, token: string) {
  const client = await connectAgent(test.url, token);
  cleanups.push(() => client.close());
  await client.waitFor('agent.assignments');
  client.send(agentMessage('queue.subscribe', {}));
  await client.waitFor('queue.snapshot');
  return client;
}

const gone = (client: FrameClient<ServerToAgent>) =>
  new Promise<string>((resolve) => client.socket.once('disconnect', resolve));

function adminApi(test: TestServer, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    list: async () => (await fetch(`${test.url}/api/admin/staff`, { headers })).json(),
    put: (id: string, body: unknown) =>
      fetch(`${test.url}/api/admin/staff/${id}/assignment`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(body),
      }),
    reset: (id: string) =>
      fetch(`${test.url}/api/admin/staff/${id}/assignment`, { method: 'DELETE', headers }),
  };
}

describe('staff assignments owned by the server', () => {
  it('an agent removed from a queue stops getting its requests at once', async () => {
    const test = await serve();
    const ninaToken = await test.tokens.staff('nina', ['agent'], ['cardiology', 'billing']);
    const nina = await agentOn(test, ninaToken);
    const api = adminApi(test, await test.tokens.staff('root', ['admin'], []));

    const left = gone(nina);
    const put = await api.put('nina', { roles: ['agent'], queues: ['cardiology'] });
    expect(put.status).toBe(200);
    await nina.waitFor('error', (f) => f.code === 'token_expired');
    await left;
    // Her identity provider's token still says billing: the server's assignment wins.
    const back = await agentOn(test, ninaToken);

    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(
      handoffRequestFrame('c-billing', 'r1', sampleRequest({ routing: { department: 'billing' } })),
    );
    await patient.waitFor('handoff.queued', (f) => f.conversationId === 'c-billing');
    const other = await connectPatient(test.url, await test.tokens.patient('p2'));
    cleanups.push(() => other.close());
    other.send(handoffRequestFrame('c-cardio', 'r2'));
    // The later cardiology request reaches her; the billing one before it never did.
    await back.waitFor('queue.update', (f) => JSON.stringify(f).includes('c-cardio'));
    expect(back.frames.some((f) => JSON.stringify(f).includes('c-billing'))).toBe(false);
    back.send(agentMessage('conversation.claim', { conversationId: 'c-billing' }));
    await back.waitFor('error', (f) => f.conversationId === 'c-billing');
    expect((await test.store.getConversation('c-billing'))?.state).toBe('queued');
  });

  it('lists where each value comes from, resets to the identity provider, audits', async () => {
    const test = await serve();
    (await agentOn(test, await test.tokens.staff('nina', ['agent'], ['billing']))).close();
    const rootToken = await test.tokens.staff('root', ['admin'], []);
    const api = adminApi(test, rootToken);
    const listed = (await api.list()) as { staff: unknown[]; queues: string[] };
    expect(listed.queues).toEqual(expect.arrayContaining(['cardiology', 'billing', 'general']));
    expect(listed.staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'nina',
          roles: ['agent'],
          queues: ['billing'],
          source: 'token',
        }),
        expect.objectContaining({ id: 'root', roles: ['admin'], source: 'token' }),
      ]),
    );
    expect((await api.put('nina', { roles: ['agent'], queues: ['nowhere'] })).status).toBe(400);
    // A queue her identity provider names stays assignable to her, not to others.
    const ninaQueues = { roles: ['agent'], queues: ['billing', 'dermatology'] };
    expect((await api.put('nina', ninaQueues)).status).toBe(400);
    (await agentOn(test, await test.tokens.staff('zoe', ['agent'], ['dermatology']))).close();
    expect((await api.put('zoe', { roles: ['agent'], queues: ['dermatology'] })).status).toBe(200);
    expect((await api.put('nina', ninaQueues)).status).toBe(400);
    expect((await api.put('nina', { roles: ['boss'], queues: [] })).status).toBe(400);
    expect((await api.put('nina', { roles: ['supervisor'], queues: [] })).status).toBe(200);
    expect((await test.store.getAgent('nina'))?.presence).toBe('offline');
    // Added before her first sign-in.
    expect(
      (await api.put('leo', { roles: ['agent'], queues: ['general'], displayName: 'Leo' })).status,
    ).toBe(200);
    const after = (await api.list()) as { staff: { id: string; source: string }[] };
    expect(after.staff.find((s) => s.id === 'nina')?.source).toBe('override');
    expect(after.staff.find((s) => s.id === 'leo')).toMatchObject({ displayName: 'Leo' });
    expect((await api.reset('nina')).status).toBe(200);
    expect((await api.reset('leo')).status).toBe(404);
    expect(((await api.list()) as typeof after).staff.find((s) => s.id === 'nina')?.source).toBe(
      'token',
    );
    const agent = adminApi(test, await test.tokens.staff('ben', ['agent'], []));
    expect((await agent.put('ben', { roles: ['admin'], queues: [] })).status).toBe(403);
    const audit = await test.store.queryAudit({ action: 'config.update' });
    expect(audit.map((a) => [a.outcome, a.actorId, a.targetId ?? null, a.reason])).toEqual([
      ['allowed', 'root', 'zoe', 'assignment'],
      ['allowed', 'root', 'nina', 'assignment'],
      ['allowed', 'root', 'leo', 'assignment'],
      ['allowed', 'root', 'nina', 'assignment_reset'],
      ['denied', 'ben', null, 'role_required'],
    ]);
  });

  it('a demoted supervisor loses the dashboard; the last administrator stays one', async () => {
    const test = await serve();
    const samToken = await test.tokens.staff('sam', ['supervisor'], []);
    const sam = await connectAgent(test.url, samToken);
    cleanups.push(() => sam.close());
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    const api = adminApi(test, await test.tokens.staff('root', ['admin'], []));
    const left = gone(sam);
    expect((await api.put('sam', { roles: ['agent'], queues: ['general'] })).status).toBe(200);
    await left;
    const again = await connectAgent(test.url, samToken);
    cleanups.push(() => again.close());
    again.send(agentMessage('supervisor.subscribe', {}));
    await again.waitFor('error', (f) => f.code === 'forbidden');
    expect(again.of('supervisor.snapshot')).toHaveLength(0);

    const refused = await api.put('root', { roles: ['supervisor'], queues: [] });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'last_admin' } });
    // With a second administrator, the first may step down.
    expect((await api.put('sam', { roles: ['admin'], queues: [] })).status).toBe(200);
    expect((await api.put('root', { roles: ['supervisor'], queues: [] })).status).toBe(200);
  });
});
