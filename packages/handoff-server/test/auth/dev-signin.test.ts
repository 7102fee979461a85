import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createDevSignIn,
  hashPassword,
  loadDevUsers,
  verifyPassword,
} from '../../src/auth/dev-signin';
import { createStaffTokenVerifier } from '../../src/auth/tokens';
import { HandoffServerError } from '../../src/internal/errors';

const secret = 'dev-server-secret-at-least-32-bytes-long';
const tokens = {
  issuer: 'baton-dev',
  audience: 'baton-console',
  signing: { kind: 'secret' as const, secret },
};

async function users() {
  return [
    {
      username: 'ada',
      passwordHash: await hashPassword('correct horse'),
      displayName: 'Ada',
      roles: ['agent' as const],
      clinical: true,
      queues: ['general'],
    },
  ];
}

describe('password hashing', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const a = await hashPassword('s3cret');
    const b = await hashPassword('s3cret');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[^$]+\$[^$]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(await verifyPassword('s3cret', a)).toBe(true);
    expect(await verifyPassword('s3cret ', a)).toBe(false);
    expect(await verifyPassword('s3cret', 'plain')).toBe(false);
    expect(await verifyPassword('s3cret', 'scrypt$0$8$1$AA==$AA==')).toBe(false);
  });
});

describe('development sign-in', () => {
  it('is off unless enabled', async () => {
    const signIn = createDevSignIn({ enabled: false, users: await users(), tokens });
    expect(signIn.enabled).toBe(false);
    const error = await signIn.signIn('ada', 'correct horse').catch((e: unknown) => e);
    expect(HandoffServerError.is(error, 'dev_signin_disabled')).toBe(true);
  });

  it('exchanges a local user and password for a staff token', async () => {
    const signIn = createDevSignIn({ enabled: true, users: await users(), tokens });
    const { token, principal } = await signIn.signIn('ada', 'correct horse');
    expect(principal).toMatchObject({ staffId: 'ada', roles: ['agent'], clinical: true });
    const verify = createStaffTokenVerifier({
      issuer: 'baton-dev',
      audience: 'baton-console',
      keys: { kind: 'secret', secret },
    });
    expect(await verify(token)).toEqual({ ...principal, tokenExpiresAt: expect.any(Number) });
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const signIn = createDevSignIn({ enabled: true, users: await users(), tokens });
    const wrong = await signIn.signIn('ada', 'wrong').catch((e: unknown) => e);
    const unknown = await signIn.signIn('bob', 'correct horse').catch((e: unknown) => e);
    expect(HandoffServerError.is(wrong, 'invalid_credentials')).toBe(true);
    expect(HandoffServerError.is(unknown, 'invalid_credentials')).toBe(true);
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });

  it('loads users from a file and rejects a malformed one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-users-'));
    try {
      const good = join(dir, 'users.json');
      await writeFile(good, JSON.stringify({ users: await users() }));
      expect((await loadDevUsers(good))[0]).toMatchObject({ username: 'ada', queues: ['general'] });
      const bad = join(dir, 'bad.json');
      await writeFile(
        bad,
        JSON.stringify({
          users: [{ username: 'eve', password: 'plaintext', displayName: 'Eve', roles: ['admin'] }],
        }),
      );
      expect(
        HandoffServerError.is(await loadDevUsers(bad).catch((e: unknown) => e), 'invalid_config'),
      ).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
