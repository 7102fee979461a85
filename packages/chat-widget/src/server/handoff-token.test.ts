import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DirectLineEmulator, startDirectLineEmulator } from '@baton/directline-emulator';
import { createPatientTokenVerifier } from '@baton/handoff-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../types';
import { createSessionHandler, handoffTokenSigner } from './index';

// The session endpoint's handoff token, checked by the handoff server's own verifier with
// its default issuer and audience (what `BATON_PATIENT_JWT_SECRET` alone configures).
const HANDOFF_SECRET = 'handoff-server-patient-secret-32-bytes!!';
let emulator: DirectLineEmulator;
let server: Server;
let url: string;

beforeAll(async () => {
  emulator = await startDirectLineEmulator({});
  const handler = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: 'health-bot-jwt-secret-of-32-bytes!!!!',
    handoff: { tokenSecret: HANDOFF_SECRET },
    authenticate: () => ({ patientId: 'patient-42', displayName: 'Robin', locale: 'fr' }),
  });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/session`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await emulator.close();
});

const verify = createPatientTokenVerifier({
  keys: { kind: 'secret', secret: HANDOFF_SECRET },
  issuer: 'baton-portal',
  audience: 'baton-handoff',
});

describe('createSessionHandler({ handoff })', () => {
  it('adds a handoff-server patient token the server accepts', async () => {
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ locale: 'fr-CA' }),
    });
    const session = (await response.json()) as ChatSession;
    expect(session.handoffToken).toBeTruthy();
    expect(session.handoffToken).not.toBe(session.patientToken);
    expect(await verify(session.handoffToken as string)).toMatchObject({
      kind: 'patient',
      patientId: 'patient-42',
      displayName: 'Robin',
      locale: 'fr-CA',
    });
  });

  it('is refused by a server with another secret, and checks its own options', async () => {
    const other = createPatientTokenVerifier({
      keys: { kind: 'secret', secret: 'another-secret-another-secret-32b!!' },
      issuer: 'baton-portal',
      audience: 'baton-handoff',
    });
    const token = await handoffTokenSigner({ tokenSecret: HANDOFF_SECRET })(
      { patientId: 'p', displayName: 'R' },
      'en',
    );
    await expect(other(token)).rejects.toThrow();
    expect(() => handoffTokenSigner({ tokenSecret: 'short' })).toThrow(/32 bytes/);
    expect(() => handoffTokenSigner({ tokenSecret: HANDOFF_SECRET, ttlSeconds: 7200 })).toThrow();
  });
});
