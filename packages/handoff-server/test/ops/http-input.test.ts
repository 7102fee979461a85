import { afterEach, describe, expect, it } from 'vitest';
import { createDevSignIn, hashPassword } from '../../src/auth/dev-signin';
import { createSignInThrottle } from '../../src/auth/signin-guard';
import { createLogger } from '../../src/ops/logger';
import { startTestServer, type TestServer } from '../support/server';

// Bad input on HTTP endpoints is the client's error: 400/413 with a typed body and no error
// log. Development sign-in is throttled per address and username, and failures are audited.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(store: 'memory' | 'sqlite') {
  const lines: string[] = [];
  const devSignIn = createDevSignIn({
    enabled: true,
    users: [
      {
        username: 'ana',
        passwordHash: await hashPassword('correct horse'),
        displayName: 'Ana',
        roles: ['agent'],
        clinical: false,
        queues: ['general'],
      },
    ],
    tokens: { signing: { kind: 'secret', secret: 's'.repeat(40) }, issuer: 'i', audience: 'a' },
  });
  server = await startTestServer({
    store,
    devSignIn,
    signInThrottle: { maxFailures: 3, windowMs: 60_000 },
    logger: createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } }),
  });
  return { url: server.url, lines };
}

const signIn = (url: string, body: string) =>
  fetch(`${url}/api/dev/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe.each(['memory', 'sqlite'] as const)('HTTP input and sign-in (%s)', (store) => {
  it('answers malformed JSON 400, an oversize body 413, bad percent-encoding 400, none logged as errors', async () => {
    const { url, lines } = await start(store);
    const malformed = await signIn(url, '{"username": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_message' } });
    const oversize = await signIn(url, JSON.stringify({ username: 'x'.repeat(40_000) }));
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toMatchObject({ error: { code: 'frame_too_large' } });
    const token = await server!.tokens.staff('sup', ['supervisor'], []);
    const encoded = await fetch(`${url}/api/conversations/%E0%A4%A/transcript`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(encoded.status).toBe(400);
    expect(await encoded.json()).toMatchObject({ error: { code: 'invalid_message' } });
    expect(lines.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });

  it('throttles sign-in per address and username after repeated failures, and audits them', async () => {
    const { url } = await start(store);
    const attempt = (username: string, password: string) =>
      signIn(url, JSON.stringify({ username, password }));
    for (let i = 0; i < 3; i += 1) expect((await attempt('ana', 'wrong')).status).toBe(401);
    // Even the right password is refused now, before it is checked.
    const throttled = await attempt('ana', 'correct horse');
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Another username from the same address is not affected.
    expect((await attempt('bob', 'wrong')).status).toBe(401);
    const audit = (await server!.store.queryAudit({})).filter(
      (a) => a.action === 'auth.signin_failed',
    );
    expect(audit.map((a) => a.reason)).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'throttled',
      'invalid_credentials',
    ]);
    expect(JSON.stringify(audit)).not.toContain('wrong');
  });
});

describe('sign-in throttle memory', () => {
  it('keeps at most maxEntries pairs, forgetting the oldest first', () => {
    const throttle = createSignInThrottle({ maxFailures: 1, maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) throttle.failed(key, 1000);
    expect(throttle.size).toBe(3);
    expect(throttle.retryAfterMs('a', 1001)).toBe(0); // forgotten
    expect(throttle.retryAfterMs('d', 1001)).toBeGreaterThan(0);
    // The window passes: allowed again.
    expect(throttle.retryAfterMs('d', 1000 + 15 * 60_000)).toBe(0);
  });
});
