import { afterEach, describe, expect, it } from 'vitest';
import { issuePatientToken, issueStaffToken } from '../../src/auth/issue';
import {
  connectAgent,
  connectPatient,
  PATIENT_ISSUER,
  STAFF_ISSUER,
  startTestServer,
  type TestServer,
  testSecrets,
} from '../support/server';

// A token's `exp` holds on a live socket: the socket gets `token_expired` and is cut; a
// handshake with a token past `exp` (inside the verifier's clock tolerance) is refused with
// `token_expired`; every refused handshake is audited (ids and a reason, never the token).

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function disconnected(socket: { once(e: 'disconnect', f: (r: string) => void): unknown }) {
  return new Promise<string>((resolve) => socket.once('disconnect', resolve));
}

describe.each(['memory', 'sqlite'] as const)('token lifetime on live sockets (%s)', (store) => {
  it('cuts patient and staff sockets when their tokens expire, and refuses them after', async () => {
    const secrets = testSecrets();
    server = await startTestServer({ store, secrets });
    const patientToken = await issuePatientToken(
      { patientId: 'p-exp', displayName: 'Alex' },
      {
        signing: { kind: 'secret', secret: secrets.patient },
        ...PATIENT_ISSUER,
        expiresInSec: 2,
      },
    );
    const staffToken = await issueStaffToken(
      { staffId: 'a-exp', displayName: 'Ana', roles: ['agent'], queues: ['general'] },
      { signing: { kind: 'secret', secret: secrets.staff }, ...STAFF_ISSUER, expiresInSec: 2 },
    );
    const patient = await connectPatient(server.url, patientToken);
    const agent = await connectAgent(server.url, staffToken);
    const [patientCut, agentCut] = [disconnected(patient.socket), disconnected(agent.socket)];
    const [patientError, agentError] = await Promise.all([
      patient.waitFor('error', (f) => f.code === 'token_expired', 6000),
      agent.waitFor('error', (f) => f.code === 'token_expired', 6000),
    ]);
    expect(patientError.retryable).toBe(true);
    expect(agentError.code).toBe('token_expired');
    expect(await patientCut).toBe('io server disconnect');
    expect(await agentCut).toBe('io server disconnect');

    // Past `exp` but inside the 30 s clock tolerance: still refused, with the typed code.
    const refused = await connectPatient(server.url, patientToken).then(
      () => null,
      (error: Error & { data?: { code?: string } }) => error.data?.code,
    );
    expect(refused).toBe('token_expired');

    const audit = await server.store.queryAudit({ actorId: 'p-exp' });
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'auth.handshake',
        outcome: 'denied',
        actorRole: 'patient',
        reason: 'token_expired',
      }),
    );
  });

  it('audits a handshake with no token or a forged one', async () => {
    server = await startTestServer({ store });
    const forged = await issuePatientToken(
      { patientId: 'p-forged', displayName: 'Eve' },
      { signing: { kind: 'secret', secret: 'x'.repeat(40) }, ...PATIENT_ISSUER },
    );
    const codes = await Promise.all(
      [forged, undefined].map((token) =>
        connectPatient(server!.url, token as string).then(
          () => 'connected',
          (error: Error & { data?: { code?: string } }) => error.data?.code,
        ),
      ),
    );
    expect(codes).toEqual(['unauthorized', 'unauthorized']);
    const audit = await server.store.queryAudit({ actorId: 'unverified' });
    expect(audit.map((a) => [a.action, a.outcome, a.reason]).sort()).toEqual([
      ['auth.handshake', 'denied', 'invalid_token'],
      ['auth.handshake', 'denied', 'missing_token'],
    ]);
    // The token never reaches the audit log.
    expect(JSON.stringify(audit)).not.toContain(forged.slice(-20));
  });

  it('audits a handshake from an origin not allowed', async () => {
    server = await startTestServer({ store, allowedOrigins: ['https://portal.example'] });
    const token = await server.tokens.patient('p-origin');
    const refused = await connectPatient(server.url, token, {
      origin: 'https://evil.example',
    }).then(
      () => 'connected',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    await expect
      .poll(() => server!.store.queryAudit({ actorId: 'unverified' }))
      .toContainEqual(
        expect.objectContaining({
          action: 'auth.handshake',
          actorRole: 'unverified',
          reason: 'origin_not_allowed',
        }),
      );
    // The allowed origin still connects.
    (await connectPatient(server.url, token, { origin: 'https://portal.example' })).close();
  });
});
