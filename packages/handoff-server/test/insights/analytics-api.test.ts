import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

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

    await server.store.upsertAgent({
      id: 'ana',
      displayName: 'Ana Ruiz',
      queues: ['billing'],
      capacity: 2,
    });
    const supervisor = await tokens.staff('sue', ['supervisor'], []);
    const json = await get(`${url}/api/analytics`, supervisor);
    expect(json.status).toBe(200);
    const report = await json.json();
    expect(report.period).toMatchObject({
      timeZone: 'Pacific/Kiritimati',
      timeZoneSource: 'configured',
      queue: null,
    });
    expect(report.days).toHaveLength(7);
    expect(report.totals).toMatchObject({ conversations: 1, escalated: 1, handled: 0 });
    expect(report.escalationReasons).toEqual({ urgent: 1 });
    // The filters' choices: queues the server knows, agents of the desk by name.
    expect(report.slices.queues).toEqual(
      expect.arrayContaining(['billing', report.queues[0].queue]),
    );
    expect(report.slices.agents).toEqual([{ id: 'ana', displayName: 'Ana Ruiz' }]);

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

  it('reports bot containment from registered bot sessions, in the patient’s zone when asked', async () => {
    server = await startTestServer({ store });
    const { url, tokens } = server;
    const sam = await connectAgent(url, await tokens.staff('sam', ['supervisor'], []));
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    const patientToken = await tokens.patient('pat-2');
    const sessions = [
      ['b1', 'contained', 'Asia/Tokyo'],
      ['b2', 'contained', 'Not/A_Zone'],
      ['b3', 'abandoned', undefined],
      ['b4', 'escalated', undefined],
    ] as const;
    for (const [id, outcome, timeZone] of sessions) {
      // One socket per bot conversation, as the widget opens (bot-report.ts): the server
      // closes it after `bot.ended`, since it joined no conversation.
      const patient = await connectPatient(url, patientToken);
      const closed = new Promise<string>((resolve) => patient.socket.once('disconnect', resolve));
      patient.send(
        patientMessage('bot.started', {
          conversationId: id,
          locale: 'en',
          entryPath: '/care',
          ...(timeZone ? { timeZone } : {}),
        }),
      );
      patient.send(
        patientMessage('bot.ended', {
          conversationId: id,
          outcome,
          ...(outcome === 'escalated' ? { escalation: 'patient-requested' as const } : {}),
        }),
      );
      await sam.waitFor('supervisor.update', (u) =>
        Boolean(u.upserted?.some((c) => c.conversationId === id && c.endedAt)),
      );
      expect(await closed).toBe('io server disconnect');
    }
    sam.close();
    // An unknown zone is dropped, not stored.
    expect((await server.store.getBotSession('b1'))?.timeZone).toBe('Asia/Tokyo');
    expect((await server.store.getBotSession('b2'))?.timeZone).toBeNull();

    const supervisor = await tokens.staff('sue', ['supervisor'], []);
    const report = await (await get(`${url}/api/analytics`, supervisor)).json();
    // No zone configured: UTC, and the report says it is the default (the console says so).
    expect(report.period).toMatchObject({ timeZone: 'UTC', timeZoneSource: 'default' });
    expect(report.bot).toMatchObject({
      sessions: 4,
      contained: 2,
      escalated: 1,
      abandoned: 1,
      containmentRate: 0.75,
      resolvedRate: 0.5,
      escalationRate: 0.25,
      escalationReasons: { 'patient-requested': 1 },
      entryPaths: [{ path: '/care', sessions: 4, contained: 2, escalated: 1 }],
    });
    expect(report.hours).toHaveLength(24);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${day(-1)}&to=${day(1)}`;
    const tokyo = await (
      await get(`${url}/api/analytics?zone=patient&${period}`, supervisor)
    ).json();
    expect(tokyo.period.zone).toBe('patient');
    const started = (await server.store.getBotSession('b1'))!.startedAt;
    const hourIn = (timeZone: string) =>
      Number(
        new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
          .formatToParts(new Date(started))
          .find((p) => p.type === 'hour')?.value,
      );
    const botHours = (r: { hours: { hour: number; botSessions: number }[] }) =>
      r.hours.filter((h) => h.botSessions > 0).map((h) => [h.hour, h.botSessions]);
    expect(botHours(report)).toEqual([[hourIn('UTC'), 4]]);
    expect(tokyo.bot.sessions).toBe(4);
    expect(botHours(tokyo)).toEqual(
      [
        [hourIn('UTC'), 3],
        [hourIn('Asia/Tokyo'), 1],
      ].sort((a, b) => a[0]! - b[0]!),
    );
    const bad = await get(`${url}/api/analytics?zone=mars`, supervisor);
    expect(bad.status).toBe(400);

    const csv = (await (await get(`${url}/api/analytics?format=csv`, supervisor)).text()).split(
      '\r\n',
    );
    expect(csv.find((l) => l.startsWith('bot,all,'))).toContain('containment_rate=0.75');
    expect(csv).toContain('bot-page,/care,4,1,,,,,,,,,,,,,,,,contained=2');
  });
});
