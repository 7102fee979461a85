import { afterEach, describe, expect, it } from 'vitest';
import { connectAgent, startTestServer, type TestServer } from '../support/server';

// Administrators see every agent and set how many chats she may hold; kept across sign-ins.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('agents administration', () => {
  it('lists agents and sets a capacity that survives her next sign-in', async () => {
    server = await startTestServer({ store: 'sqlite' });
    const { url, tokens } = server;
    const nina = await connectAgent(url, await tokens.staff('nina', ['agent'], ['cardiology']));
    nina.close();
    const admin = await tokens.staff('root', ['admin'], []);
    const auth = { authorization: `Bearer ${admin}` };
    const listed = await fetch(`${url}/api/admin/agents`, { headers: auth });
    expect(await listed.json()).toMatchObject({
      agents: [{ id: 'nina', queues: ['cardiology'], capacity: 3, disabled: false }],
    });
    const put = (capacity: unknown, token = admin) =>
      fetch(`${url}/api/admin/agents/nina/capacity`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ capacity }),
      });
    expect((await put(0)).status).toBe(400);
    expect((await put(5, await tokens.staff('ben'))).status).toBe(403);
    expect(await (await put(5)).json()).toMatchObject({ id: 'nina', capacity: 5 });
    const again = await connectAgent(url, await tokens.staff('nina', ['agent'], ['cardiology']));
    again.close();
    expect((await server.store.getAgent('nina'))?.capacity).toBe(5);
    const audit = await server.store.queryAudit({ action: 'config.update' });
    expect(audit.map((a) => [a.outcome, a.actorId, a.targetId ?? a.reason])).toEqual([
      ['denied', 'ben', 'role_required'],
      ['allowed', 'root', 'nina'],
    ]);
  });
});
