import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleSession, connectConsole } from '../src/session/session';
import { eventually, startServer, type TestServer } from './support/server';

// A console holding a raw identity-provider token (`getToken` mode, no cookie session) takes
// its roles and queues from the server's `staff.profile`, not from the token's claims: the
// administrator's assignment is what the server enforces, and what the console shows.

let server: TestServer | undefined;
const sessions: ConsoleSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  await server?.close();
  server = undefined;
});

async function connect(token: () => string): Promise<ConsoleSession> {
  const session = await connectConsole({
    serverUrl: server!.url,
    getToken: token,
    ackTimeoutMs: 1000,
    socket: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  sessions.push(session);
  return session;
}

async function assign(staffId: string, body: unknown): Promise<Response> {
  const admin = await server!.staffToken('root', ['admin'], []);
  return fetch(`${server!.url}/api/admin/staff/${staffId}/assignment`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the console shows the roles the server enforces', () => {
  it('a raw token saying agent, an override saying supervisor: the dashboard, no refusal', async () => {
    server = await startServer([], { desk: { routing: { queues: [], defaultQueue: 'general' } } });
    const token = await server.staffToken('nina', ['agent'], ['cardiology']);
    // Her first sign-in records her claims; then an administrator makes her a supervisor.
    (await connect(() => token)).close();
    expect((await assign('nina', { roles: ['supervisor'], queues: [] })).status).toBe(200);

    const session = await connect(() => token);
    const state = await eventually(
      () => (session.state.supervisor ? session.state : null),
      'the supervisor dashboard',
    );
    expect(state.profile.roles).toEqual(['supervisor']);
    expect(state.profile.queues).toEqual([]);
    // The token's agent claims never reached the server as subscriptions: nothing refused.
    expect(state.notices.filter((n) => n.code === 'forbidden')).toEqual([]);
    // Her first profile on this page is not a change she is told about.
    expect(state.notices.filter((n) => n.kind === 'roles-changed')).toEqual([]);
  });

  it('a change while she works: reconnected, the new profile applies and is noticed', async () => {
    server = await startServer([], { desk: { routing: { queues: [], defaultQueue: 'general' } } });
    const token = await server.staffToken('nina', ['agent', 'supervisor'], ['cardiology']);
    const session = await connect(() => token);
    await eventually(() => session.state.supervisor, 'the supervisor dashboard');
    expect(session.state.profile.roles).toEqual(['agent', 'supervisor']);

    expect((await assign('nina', { roles: ['agent'], queues: ['general'] })).status).toBe(200);
    const state = await eventually(
      () => (session.state.profile.roles.join() === 'agent' ? session.state : null),
      'the server profile after the change',
    );
    // The same raw token (still saying supervisor): the server's assignment wins.
    expect(state.profile.queues).toEqual(['general']);
    expect(state.notices.some((n) => n.kind === 'roles-changed')).toBe(true);
  });
});
