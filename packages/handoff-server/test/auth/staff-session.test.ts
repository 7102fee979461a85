import { afterEach, describe, expect, it } from 'vitest';
import { createDevSignIn, hashPassword } from '../../src/auth/dev-signin';
import {
  connectAgent,
  STAFF_ISSUER,
  startTestServer,
  type TestServer,
  testSecrets,
} from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(idleLogoffMs = 15 * 60_000): Promise<TestServer> {
  const secrets = testSecrets();
  const signing = { kind: 'secret' as const, secret: secrets.staff };
  const test = await startTestServer({
    secrets,
    devSignIn: createDevSignIn({
      enabled: true,
      users: [
        {
          username: 'ada',
          passwordHash: await hashPassword('correct horse'),
          displayName: 'Ada Lovelace',
          roles: ['agent'],
          clinical: false,
          queues: ['cardiology'],
        },
      ],
      tokens: { signing, ...STAFF_ISSUER },
    }),
    staffSessions: { idleLogoffMs, tokens: { signing, ...STAFF_ISSUER } },
  });
  cleanups.push(() => test.close());
  return test;
}

function post(
  test: TestServer,
  path: string,
  init: {
    cookie?: string;
    origin?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const origin = init.origin === undefined ? test.url : init.origin;
  return fetch(`${test.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(origin ? { origin } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
    body: JSON.stringify(init.body ?? {}),
  });
}

async function signIn(test: TestServer, headers: Record<string, string> = {}, origin?: string) {
  const response = await post(test, '/api/session/signin', {
    body: { username: 'ada', password: 'correct horse' },
    headers,
    ...(origin ? { origin } : {}),
  });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return {
    setCookie,
    cookie: setCookie.split(';')[0]!,
    body: (await response.json()) as { token: string },
  };
}

function disconnected(socket: { on(event: 'disconnect', cb: () => void): unknown }) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected')), 8000);
    socket.on('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('staff cookie sessions', () => {
  it('issues an HttpOnly, SameSite=Strict cookie (Secure behind https) and exchanges it for a socket token', async () => {
    const test = await setup();
    const { setCookie, cookie } = await signIn(test);
    expect(setCookie).toMatch(
      /^baton_staff_session=[A-Za-z0-9_-]{43}; Path=\/api\/session; HttpOnly; SameSite=Strict$/,
    );
    const behindTls = test.url.replace('http:', 'https:');
    expect((await signIn(test, { 'x-forwarded-proto': 'https' }, behindTls)).setCookie).toMatch(
      /; Secure$/,
    );
    const exchanged = await post(test, '/api/session/token', { cookie });
    expect(exchanged.status).toBe(200);
    const grant = (await exchanged.json()) as {
      token: string;
      staff: { staffId: string };
      idleLogoffSeconds: number;
    };
    expect(grant).toMatchObject({
      staff: { staffId: 'ada', sessionId: expect.any(String) },
      idleLogoffSeconds: 900,
    });
    const agent = await connectAgent(test.url, grant.token);
    cleanups.push(() => agent.close());
    await agent.waitFor('agent.assignments');
    // The store keeps the hash of the cookie's secret, never the secret.
    const secret = cookie.split('=')[1]!;
    expect(await test.store.getStaffSession(secret)).toBeNull();
  });

  it('refuses cross-origin and origin-less requests to every cookie endpoint (CSRF)', async () => {
    const test = await setup();
    const { cookie } = await signIn(test);
    for (const path of [
      '/api/session/signin',
      '/api/session/token',
      '/api/session/activity',
      '/api/session/signout',
    ]) {
      for (const origin of ['https://evil.example', null, 'null']) {
        const response = await post(test, path, {
          cookie,
          origin,
          body: { username: 'ada', password: 'correct horse' },
        });
        expect(response.status, `${path} from ${origin}`).toBe(403);
        expect(response.headers.get('set-cookie')).toBeNull();
      }
    }
    // Refused sign-out changed nothing: the session still works.
    expect((await post(test, '/api/session/token', { cookie })).status).toBe(200);
  });

  it('signs out everywhere: every session of the person ends and her sockets on every device disconnect', async () => {
    const test = await setup();
    const desk = await signIn(test);
    const phone = await signIn(test);
    const sockets = [];
    for (const device of [desk, phone]) {
      const grant = (await (
        await post(test, '/api/session/token', { cookie: device.cookie })
      ).json()) as { token: string };
      const socket = await connectAgent(test.url, grant.token);
      cleanups.push(() => socket.close());
      sockets.push(socket);
    }
    const gone = sockets.map((s) => disconnected(s.socket));
    const out = await post(test, '/api/session/signout', { cookie: desk.cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    await Promise.all(gone);
    expect((await post(test, '/api/session/token', { cookie: phone.cookie })).status).toBe(401);
    expect((await post(test, '/api/session/token', { cookie: desk.cookie })).status).toBe(401);
    const audited = (await test.store.queryAudit({ actorId: 'ada' })).map((r) => r.action);
    expect(audited.filter((a) => a.startsWith('auth.')).sort()).toEqual([
      'auth.signin',
      'auth.signin',
      'auth.signout',
    ]);
    // A socket token exchanged before the sign-out no longer opens a socket; audited.
    await expect(connectAgent(test.url, desk.body.token)).rejects.toThrow('unauthorized');
    await expect
      .poll(async () => (await test.store.queryAudit({ actorId: 'ada' })).map((r) => r.reason))
      .toContain('session_ended');
  });

  it('logs an idle session off: its socket disconnects and the cookie no longer exchanges; activity keeps it', async () => {
    const test = await setup(2000);
    const idle = await signIn(test);
    const busy = await signIn(test);
    const grant = (await (
      await post(test, '/api/session/token', { cookie: idle.cookie })
    ).json()) as { token: string };
    const socket = await connectAgent(test.url, grant.token);
    cleanups.push(() => socket.close());
    const gone = disconnected(socket.socket);
    // The busy device reports activity while the idle one says nothing.
    const keepAlive = setInterval(
      () => void post(test, '/api/session/activity', { cookie: busy.cookie }),
      400,
    );
    cleanups.push(() => clearInterval(keepAlive));
    await gone;
    expect((await post(test, '/api/session/token', { cookie: idle.cookie })).status).toBe(401);
    await expect(connectAgent(test.url, grant.token)).rejects.toThrow('unauthorized');
    expect((await post(test, '/api/session/token', { cookie: busy.cookie })).status).toBe(200);
    expect(
      (await test.store.queryAudit({ actorId: 'ada' })).filter((r) => r.action === 'auth.logoff'),
    ).toEqual([expect.objectContaining({ actorRole: 'system', targetId: 'ada' })]);
  });

  it("turns an identity provider's staff token into a cookie session once; a bad token is refused", async () => {
    const test = await setup();
    const idpToken = await test.tokens.staff('carla', ['supervisor'], ['billing']);
    const opened = await post(test, '/api/session', {
      headers: { authorization: `Bearer ${idpToken}` },
    });
    expect(opened.status).toBe(200);
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
    const grant = (await (await post(test, '/api/session/token', { cookie })).json()) as {
      token: string;
      staff: { staffId: string; roles: string[] };
    };
    expect(grant.staff).toMatchObject({ staffId: 'carla', roles: ['supervisor'] });
    expect(grant.token).not.toBe(idpToken);
    const refused = await post(test, '/api/session', {
      headers: { authorization: 'Bearer not.a.jwt' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
  });
});
