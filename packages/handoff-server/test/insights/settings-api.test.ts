import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// An administrator's business hours are stored for every node and win over the env seed at
// the next check; a wrong value is refused (typed, audited) and changes nothing.

let open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.reverse()) await item.close();
  open = [];
});

const put = (url: string, token: string, body: unknown) =>
  fetch(url, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each(['memory', 'sqlite'] as const)('admin settings (%s)', (kind) => {
  it('stores business hours that the next handoff obeys; refusals are audited', async () => {
    const test: TestServer = await startTestServer({
      store: kind,
      timeouts: { unstaffedFallbackMs: 30_000 },
      desk: { businessHours: { cardiology: { timeZone: 'UTC', weekly: {} } } },
    });
    open.push(test);
    const { url, tokens } = test;
    const admin = await tokens.staff('root', ['admin'], []);

    const listed = await fetch(`${url}/api/admin/settings`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(await listed.json()).toMatchObject({
      settings: [
        { name: 'business-hours', source: 'config', value: { cardiology: { timeZone: 'UTC' } } },
        { name: 'retention', source: 'config', value: { finishedDays: null } },
        { name: 'escalation', source: 'config', value: {} },
        { name: 'end-survey', source: 'config', value: { enabled: false, surveys: {} } },
        { name: 'routing', source: 'config', value: {} },
      ],
    });

    const byAgent = await put(
      `${url}/api/admin/settings/business-hours`,
      await tokens.staff('ben'),
      {},
    );
    expect(byAgent.status).toBe(403);
    const wrong = await put(`${url}/api/admin/settings/business-hours`, admin, {
      cardiology: { timeZone: 'Mars/Base', weekly: {} },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      error: { code: 'invalid_message', message: expect.stringContaining('Mars/Base') },
    });
    expect(await test.store.getSetting('business-hours')).toBeNull();

    const closed = 'Closed for the holiday. Call 15 in an emergency.';
    const saved = await put(`${url}/api/admin/settings/business-hours`, admin, {
      cardiology: { timeZone: 'Europe/Paris', weekly: {}, outOfHoursMessage: closed },
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ name: 'business-hours', updatedBy: 'root' });

    const agent = await connectAgent(url, await tokens.staff('nina', ['agent'], ['cardiology']));
    open.push(agent);
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    const patient = await connectPatient(url, await tokens.patient('pat-1'));
    open.push(patient);
    patient.send(handoffRequestFrame('conv-1'));
    expect(await patient.waitFor('handoff.failed', undefined, 5000)).toMatchObject({
      reason: 'out-of-hours',
      notice: closed,
    });

    const audit = (await test.store.queryAudit({}))
      .filter((a) => a.action.startsWith('settings.'))
      .map((a) => [a.action, a.outcome, a.actorId, a.reason ?? a.targetId]);
    expect(audit).toEqual([
      ['settings.read', 'allowed', 'root', null],
      ['settings.update', 'denied', 'ben', 'role_required'],
      ['settings.update', 'denied', 'root', 'invalid_value'],
      ['settings.update', 'allowed', 'root', 'business-hours'],
    ]);
  });
});

describe('escalation settings', () => {
  it('are checked, stored, and served publicly to the allowed widget origins', async () => {
    const test = await startTestServer({ allowedOrigins: ['https://portal.example.org'] });
    open.push(test);
    const { url, tokens } = test;
    const admin = await tokens.staff('root', ['admin'], []);
    expect(await (await fetch(`${url}/api/escalation-settings`)).json()).toEqual({});
    const wrong = await put(`${url}/api/admin/settings/escalation`, admin, {
      botFailure: { consecutiveFallbacks: 99 },
    });
    expect(wrong.status).toBe(400);
    const settings = {
      patientRequest: { phrases: { fr: ['un humain svp'], es: ['una persona por favor'] } },
      redFlags: { emergencyNumbers: { fr: '15', default: '112' } },
      botFailure: { consecutiveFallbacks: 3 },
    };
    expect((await put(`${url}/api/admin/settings/escalation`, admin, settings)).status).toBe(200);
    const fromPortal = await fetch(`${url}/api/escalation-settings`, {
      headers: { origin: 'https://portal.example.org' },
    });
    expect(fromPortal.headers.get('access-control-allow-origin')).toBe(
      'https://portal.example.org',
    );
    expect(await fromPortal.json()).toEqual(settings);
    const elsewhere = await fetch(`${url}/api/escalation-settings`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('routing rules', () => {
  it('an administrator’s rules route the next handoff, on every node', async () => {
    const test = await startTestServer({ store: 'sqlite' });
    open.push(test);
    const { url, tokens } = test;
    const admin = await tokens.staff('root', ['admin'], []);
    const bad = await put(`${url}/api/admin/settings/routing`, admin, { queues: [{ nope: 1 }] });
    expect(bad.status).toBe(400);
    const saved = await put(`${url}/api/admin/settings/routing`, admin, {
      queues: [{ queue: 'heart', department: 'cardiology' }],
      defaultQueue: 'general',
    });
    expect(saved.status).toBe(200);
    const patient = await connectPatient(url, await tokens.patient('pat-r'));
    open.push(patient);
    patient.send(handoffRequestFrame('conv-r'));
    await patient.waitFor('handoff.queued', undefined, 5000);
    expect((await test.store.getConversation('conv-r'))?.queue).toBe('heart');
  });
});
