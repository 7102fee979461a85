import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePatientToken, issueStaffToken } from '../../src/auth/issue';
import { createPatientTokenVerifier, createStaffTokenVerifier } from '../../src/auth/tokens';
import { HandoffServerError } from '../../src/internal/errors';

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const base = { issuer: 'https://portal.example', audience: 'baton' };
const hs = { ...base, signing: { kind: 'secret' as const, secret } };

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(HandoffServerError.is(error, 'invalid_token')).toBe(true);
  return error as HandoffServerError;
}

describe('patient tokens (HS256)', () => {
  const verify = createPatientTokenVerifier({ ...base, keys: { kind: 'secret', secret } });

  it('verifies a portal-signed token into a patient principal', async () => {
    const token = await issuePatientToken(
      { patientId: 'pat-7f3a', displayName: 'Sam', locale: 'fr-CA', conversationId: 'c1' },
      hs,
    );
    expect(await verify(token)).toEqual({
      kind: 'patient',
      patientId: 'pat-7f3a',
      displayName: 'Sam',
      locale: 'fr-CA',
      conversationId: 'c1',
      tokenExpiresAt: expect.any(Number),
    });
    const unbound = await issuePatientToken({ patientId: 'pat-7f3a', displayName: 'Sam' }, hs);
    expect((await verify(unbound)).conversationId).toBeNull();
  });

  it('rejects a token signed with another secret, for another audience or issuer, or expired', async () => {
    const patient = { patientId: 'p1', displayName: 'Sam' };
    await rejection(
      verify(
        await issuePatientToken(patient, {
          ...hs,
          signing: { kind: 'secret', secret: `${secret}-other` },
        }),
      ),
    );
    await rejection(verify(await issuePatientToken(patient, { ...hs, audience: 'someone-else' })));
    await rejection(
      verify(await issuePatientToken(patient, { ...hs, issuer: 'https://evil.example' })),
    );
    await rejection(verify(await issuePatientToken(patient, { ...hs, expiresInSec: -120 })));
    await rejection(verify('not.a.jwt'));
  });

  it('tolerates small clock skew only', async () => {
    const patient = { patientId: 'p1', displayName: 'Sam' };
    expect(
      (await verify(await issuePatientToken(patient, { ...hs, expiresInSec: -10 }))).patientId,
    ).toBe('p1');
    const strict = createPatientTokenVerifier({
      ...base,
      keys: { kind: 'secret', secret },
      clockToleranceSec: 0,
    });
    await rejection(strict(await issuePatientToken(patient, { ...hs, expiresInSec: -10 })));
  });

  it('rejects tokens with missing or malformed claims, and unsigned tokens', async () => {
    const key = new TextEncoder().encode(secret);
    const noName = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('p1')
      .setIssuer(base.issuer)
      .setAudience(base.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    expect((await rejection(verify(noName))).message).toBe('token claims are malformed');
    const spacey = await new SignJWT({ name: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('has space')
      .setIssuer(base.issuer)
      .setAudience(base.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await rejection(verify(spacey));
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        sub: 'p1',
        name: 'x',
        iss: base.issuer,
        aud: base.audience,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString('base64url');
    await rejection(verify(`${header}.${body}.`));
  });

  it('refuses a short HS256 secret at configuration time', () => {
    const error = (() => {
      try {
        createPatientTokenVerifier({ ...base, keys: { kind: 'secret', secret: 'short' } });
      } catch (e) {
        return e;
      }
    })();
    expect(HandoffServerError.is(error, 'invalid_config')).toBe(true);
  });
});

describe('RS256 via JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let jwks: { keys: Record<string, unknown>[] };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey as CryptoKey;
    jwks = {
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'portal-1', alg: 'RS256', use: 'sig' }],
    };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const rs = () => ({
    ...base,
    signing: { kind: 'private-key' as const, key: privateKey, kid: 'portal-1' },
  });

  it('verifies patient tokens against a JWKS served over HTTP', async () => {
    const verify = createPatientTokenVerifier({
      ...base,
      keys: { kind: 'jwks-url', url: jwksUrl },
    });
    const token = await issuePatientToken({ patientId: 'p1', displayName: 'Sam' }, rs());
    expect((await verify(token)).patientId).toBe('p1');
  });

  it('verifies staff tokens against a local JWKS, and rejects an HS256 token there', async () => {
    const verify = createStaffTokenVerifier({
      ...base,
      keys: { kind: 'jwks', jwks: jwks as never },
    });
    const token = await issueStaffToken(
      { staffId: 'a1', displayName: 'Ada', roles: ['agent'], clinical: true, queues: ['general'] },
      rs(),
    );
    expect(await verify(token)).toEqual({
      kind: 'staff',
      staffId: 'a1',
      displayName: 'Ada',
      roles: ['agent'],
      clinical: true,
      queues: ['general'],
      tokenExpiresAt: expect.any(Number),
    });
    await rejection(
      verify(await issueStaffToken({ staffId: 'a1', displayName: 'Ada', roles: ['admin'] }, hs)),
    );
  });
});

describe('staff tokens', () => {
  const verify = createStaffTokenVerifier({ ...base, keys: { kind: 'secret', secret } });

  it('carries roles, clinical flag and queues', async () => {
    const token = await issueStaffToken(
      { staffId: 's1', displayName: 'Sue', roles: ['supervisor', 'agent'], queues: ['a', 'b'] },
      hs,
    );
    expect(await verify(token)).toMatchObject({
      roles: ['supervisor', 'agent'],
      clinical: false,
      queues: ['a', 'b'],
    });
  });

  it('rejects unknown roles and a patient token used as a staff token', async () => {
    const key = new TextEncoder().encode(secret);
    const bogus = await new SignJWT({ name: 'x', roles: ['root'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(base.issuer)
      .setAudience(base.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await rejection(verify(bogus));
    await rejection(verify(await issuePatientToken({ patientId: 'p1', displayName: 'Sam' }, hs)));
  });
});
