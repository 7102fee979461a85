import { afterEach, describe, expect, it } from 'vitest';
import { connectAgent, startTestServer, type TestServer } from '../support/server';

// An administrator disables a staff member: her open sockets are cut at once, her tokens
// are refused at every handshake until she is enabled again; all of it audited.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, token: string) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'connected',
    (error: Error & { data?: { code?: string } }) => error.data?.code,
  );

describe.each(['memory', 'sqlite'] as const)('admin disabling a user (%s)', (store) => {
  it('cuts her sockets, refuses her tokens, and lets her back when enabled', async () => {
    server = await startTestServer({ store });
    const { tokens, url } = server;
    const anaToken = await tokens.staff('ana');
    const ana = await connectAgent(url, anaToken);
    const cut = new Promise<string>((resolve) => ana.socket.once('disconnect', resolve));
    const admin = await tokens.staff('root', ['admin'], []);

    // Not an administrator: refused and audited.
    const byAgent = await post(`${url}/api/admin/staff/ana/disable`, await tokens.staff('ben'));
    expect(byAgent.status).toBe(403);
    expect(await byAgent.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(ana.socket.connected).toBe(true);

    const disabled = await post(`${url}/api/admin/staff/ana/disable`, admin);
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ staffId: 'ana', disabled: true });
    expect(await cut).toBe('io server disconnect');
    expect(await refusal(connectAgent(url, anaToken))).toBe('unauthorized');

    const enabled = await post(`${url}/api/admin/staff/ana/enable`, admin);
    expect(enabled.status).toBe(200);
    const back = await connectAgent(url, anaToken);
    back.close();

    const audit = await server.store.queryAudit({});
    const rows = audit.map((a) => [a.action, a.outcome, a.actorId, a.targetId ?? a.reason]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['auth.user_disabled', 'denied', 'ben', 'ana'],
        ['auth.user_disabled', 'allowed', 'root', 'ana'],
        ['auth.handshake', 'denied', 'ana', 'staff_disabled'],
        ['auth.user_enabled', 'allowed', 'root', 'ana'],
      ]),
    );
  });

  it('answers 401 without a token and 400 on a bad percent-encoding, with typed bodies', async () => {
    server = await startTestServer({ store });
    const anonymous = await fetch(`${server.url}/api/admin/staff/ana/disable`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const admin = await server.tokens.staff('root', ['admin'], []);
    const bad = await post(`${server.url}/api/admin/staff/%E0%A4%A/disable`, admin);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_message' } });
  });
});
