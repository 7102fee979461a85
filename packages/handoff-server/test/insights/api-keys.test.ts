import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

// A reporting tool (Power BI, Grafana) pulls analytics with an administrator's API key: no
// staff sign-in. The key reads analytics (JSON, CSV) and nothing else; revoked, it is refused;
// the store keeps only its hash; every use is audited.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('analytics API keys', () => {
  it('reads analytics only, is refused once revoked, and every use is audited', async () => {
    server = await startTestServer({ store: 'sqlite' });
    const { url, tokens, store } = server;
    const admin = { authorization: `Bearer ${await tokens.staff('root', ['admin'], [])}` };
    const made = await fetch(`${url}/api/admin/api-keys`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Grafana' }),
    });
    expect(made.status).toBe(201);
    const { key, secret } = (await made.json()) as { key: { id: string }; secret: string };
    expect(secret).toMatch(/^baton_ak_[A-Za-z0-9_-]{43}$/);
    const listed = await (await fetch(`${url}/api/admin/api-keys`, { headers: admin })).json();
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed).toMatchObject({ keys: [{ id: key.id, name: 'Grafana', lastUsedAt: null }] });

    const withKey = { authorization: `Bearer ${secret}` };
    const period = 'from=2026-03-01&to=2026-03-07';
    const json = await fetch(`${url}/api/analytics?${period}`, { headers: withKey });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ period: { fromDay: '2026-03-01' } });
    const csv = await fetch(`${url}/api/analytics?${period}&format=csv`, { headers: withKey });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // Nothing else: not the admin APIs, not the audit log, not a socket's worth of staff.
    for (const path of [
      '/api/admin/staff',
      '/api/admin/api-keys',
      '/api/admin/audit',
      '/api/admin/settings',
    ])
      expect((await fetch(`${url}${path}`, { headers: withKey })).status).toBe(401);
    expect((await store.listApiKeys())[0]?.lastUsedAt).not.toBeNull();

    const revoked = await fetch(`${url}/api/admin/api-keys/${key.id}/revoke`, {
      method: 'POST',
      headers: admin,
    });
    expect(revoked.status).toBe(200);
    expect((await fetch(`${url}/api/analytics?${period}`, { headers: withKey })).status).toBe(401);
    const forged = { authorization: 'Bearer baton_ak_forged' };
    expect((await fetch(`${url}/api/analytics?${period}`, { headers: forged })).status).toBe(401);

    const reads = await store.queryAudit({ action: 'analytics.read' });
    expect(reads.map((a) => [a.outcome, a.actorId, a.reason])).toEqual([
      ['allowed', `api-key:${key.id}`, '2026-03-01..2026-03-07'],
      ['denied', `api-key:${key.id}`, 'api_key_revoked'],
      ['denied', 'unverified', 'invalid_api_key'],
    ]);
    expect(await store.queryAudit({ action: 'analytics.export' })).toHaveLength(1);
    const changes = await store.queryAudit({ action: 'config.update' });
    expect(changes.map((a) => a.reason)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('only administrators make keys; a name is required', async () => {
    server = await startTestServer({ store: 'memory' });
    const post = async (token: string, body: unknown) =>
      (
        await fetch(`${server!.url}/api/admin/api-keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    expect(await post(await server.tokens.staff('sam', ['supervisor'], []), { name: 'x' })).toBe(
      403,
    );
    expect(await post(await server.tokens.staff('root', ['admin'], []), { name: ' ' })).toBe(400);
  });
});
