import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

// The slots screen's API: an administrator lists the built-in provider's slots, adds one and
// removes a free one; a booked slot stays; agents are refused; every change is audited.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(['memory', 'sqlite'] as const)('slot administration API (%s)', (store) => {
  it('lists, adds and removes built-in slots; a booked one stays (audited)', async () => {
    server = await startTestServer({ store });
    const { url, tokens } = server;
    const admin = { authorization: `Bearer ${await tokens.staff('ada', ['admin'], [])}` };
    const start = new Date(Date.now() + 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
    const add = await fetch(`${url}/api/admin/slots`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        slots: [
          { id: 'rivera-1', start: at(0), end: at(20), label: 'Dr. Rivera', service: 'general' },
          { id: 'rivera-2', start: at(20), end: at(40), label: 'Dr. Rivera' },
        ],
      }),
    });
    expect(add.status).toBe(201);
    expect(await add.json()).toEqual({ added: 2, skipped: 0 });
    await server.store.createConversation({ id: 'c1', patientId: 'p1' });
    await server.store.bookSlot('rivera-2', { conversationId: 'c1', patientId: 'p1' });

    const list = await (await fetch(`${url}/api/admin/slots`, { headers: admin })).json();
    expect(list).toMatchObject({ provider: 'built-in', editable: true });
    expect(list.slots.map((s: { id: string; booked: boolean }) => [s.id, s.booked])).toEqual([
      ['rivera-1', false],
      ['rivera-2', true],
    ]);

    const remove = (id: string, headers = admin) =>
      fetch(`${url}/api/admin/slots/${encodeURIComponent(id)}`, { method: 'DELETE', headers });
    const booked = await remove('rivera-2');
    expect(booked.status).toBe(409);
    expect(await booked.json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await remove('rivera-1')).status).toBe(200);
    expect((await remove('rivera-1')).status).toBe(404);
    const agent = { authorization: `Bearer ${await tokens.staff('ben', ['agent'], [])}` };
    expect((await remove('rivera-2', agent)).status).toBe(403);
    expect((await server.store.listSlots()).map((s) => s.id)).toEqual(['rivera-2']);

    const audit = (await server.store.queryAudit({})).filter((a) => a.action.startsWith('slots.'));
    expect(
      audit.map((a) => [a.action, a.outcome, a.actorId, a.targetId ?? null, a.reason]),
    ).toEqual([
      ['slots.add', 'allowed', 'ada', null, 'added=2'],
      ['slots.remove', 'denied', 'ada', 'rivera-2', 'booked'],
      ['slots.remove', 'allowed', 'ada', 'rivera-1', null],
      ['slots.remove', 'denied', 'ben', null, 'role_required'],
    ]);
  });
});
