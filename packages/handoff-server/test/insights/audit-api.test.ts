import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

// The audit viewer's API: administrators filter the log (newest first) and export it as CSV;
// reading it is audited, and so is an agent's refused attempt.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = (url: string, token: string) =>
  fetch(url, { headers: { authorization: `Bearer ${token}` } });

describe.each(['memory', 'sqlite'] as const)('audit viewer API (%s)', (store) => {
  it('filters by user, patient, conversation and action; exports CSV; audits itself', async () => {
    server = await startTestServer({ store });
    const { url, tokens } = server;
    for (const [action, actorId, patientId] of [
      ['transcript.export', 'sue', 'pat-1'],
      ['conversation.claim', 'ben', 'pat-1'],
      ['transcript.export', 'ben', 'pat-2'],
    ] as const)
      await server.store.appendAudit({
        action,
        outcome: 'allowed',
        actorId,
        actorRole: 'agent',
        patientId,
        conversationId: `c-${patientId}`,
      });
    const admin = await tokens.staff('root', ['admin'], []);
    const byAgent = await get(`${url}/api/admin/audit`, await tokens.staff('ben'));
    expect(byAgent.status).toBe(403);

    const exports = await get(`${url}/api/admin/audit?action=transcript.export`, admin);
    const body = (await exports.json()) as { records: { actorId: string; patientId: string }[] };
    expect(body.records.map((r) => [r.actorId, r.patientId])).toEqual([
      ['ben', 'pat-2'],
      ['sue', 'pat-1'],
    ]);
    const ofPatient = await get(`${url}/api/admin/audit?patient=pat-1&actor=ben`, admin);
    expect(((await ofPatient.json()) as { records: unknown[] }).records).toHaveLength(1);
    const bad = await get(`${url}/api/admin/audit?from=June`, admin);
    expect(bad.status).toBe(400);

    const csv = await get(`${url}/api/admin/audit?conversation=c-pat-2&format=csv`, admin);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,action,outcome,actorId,actorRole,conversationId,patientId,targetId,reason',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 5))).toEqual([
      ['transcript.export', 'allowed', 'ben'],
    ]);
    const reads = await server.store.queryAudit({ action: 'audit.read' });
    expect(reads.map((r) => [r.actorId, r.outcome, r.reason])).toEqual([
      ['ben', 'denied', 'role_required'],
      ['root', 'allowed', null],
      ['root', 'allowed', null],
      ['root', 'allowed', 'export'],
    ]);
  });
});
