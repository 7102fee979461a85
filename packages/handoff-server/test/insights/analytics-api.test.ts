import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { connectPatient, startTestServer, type TestServer } from '../support/server';

// `GET /api/analytics`: supervisors and admins read a period's figures (JSON or CSV), computed
// from the database in the organisation's time zone; an agent is refused, and audited.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = (url: string, token?: string) =>
  fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe.each(['memory', 'sqlite'] as const)('analytics API (%s)', (store) => {
  it('gives supervisors the period figures, refuses agents (audited), exports CSV', async () => {
    server = await startTestServer({ store, timeZone: 'Pacific/Kiritimati' });
    const { url, tokens } = server;
    const patient = await connectPatient(url, await tokens.patient('pat-1'));
    patient.send(handoffRequestFrame('c1', 'req-1', sampleRequest({ reason: { kind: 'urgent' } })));
    await patient.waitFor('ack');
    patient.close();

    const supervisor = await tokens.staff('sue', ['supervisor'], []);
    const json = await get(`${url}/api/analytics`, supervisor);
    expect(json.status).toBe(200);
    const report = await json.json();
    expect(report.period).toMatchObject({ timeZone: 'Pacific/Kiritimati', queue: null });
    expect(report.days).toHaveLength(7);
    expect(report.totals).toMatchObject({ conversations: 1, escalated: 1, handled: 0 });
    expect(report.escalationReasons).toEqual({ urgent: 1 });

    const agent = await get(`${url}/api/analytics`, await tokens.staff('ben'));
    expect(agent.status).toBe(403);
    expect(await agent.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await get(`${url}/api/analytics`)).status).toBe(401);
    const bad = await get(`${url}/api/analytics?from=2026-13-01`, supervisor);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_message' } });

    const csv = await get(
      `${url}/api/analytics?format=csv&from=${report.period.fromDay}&to=${report.period.toDay}`,
      supervisor,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^scope,key,conversations,escalated,escalationRate,/);
    expect(lines[1]).toMatch(/^total,[\d-]+\/[\d-]+,1,1,1,0,/);
    expect(lines).toContain('reason,urgent,,1,,,,,,,,,,,,,,,,');

    const audit = await server.store.queryAudit({});
    const rows = audit
      .filter((a) => a.action.startsWith('analytics.'))
      .map((a) => [a.action, a.outcome, a.actorId, a.reason?.includes('..') ? 'period' : a.reason]);
    expect(rows).toEqual([
      ['analytics.read', 'allowed', 'sue', 'period'],
      ['analytics.read', 'denied', 'ben', 'role_required'],
      ['analytics.export', 'allowed', 'sue', 'period'],
    ]);
  });
});
