import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DirectLineEmulator, startDirectLineEmulator } from '@baton/directline-emulator';
import { contactFromRequest, createPatientTokenVerifier } from '@baton/handoff-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession } from '../types';
import { createSessionHandler, type PatientIdentity, type SessionHandlerError } from './index';

// The portal's contact details for the patient travel signed in the handoff token, are read
// by the handoff server's own verifier as verified attributes, and are what reminders use.
const HANDOFF_SECRET = 'handoff-server-patient-secret-32-bytes!!';
let emulator: DirectLineEmulator;
let server: Server;
let url: string;
let identity: PatientIdentity;
const errors: SessionHandlerError[] = [];

beforeAll(async () => {
  emulator = await startDirectLineEmulator({});
  const handler = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: 'health-bot-jwt-secret-of-32-bytes!!!!',
    handoff: { tokenSecret: HANDOFF_SECRET },
    authenticate: () => identity,
    onError: (error) => errors.push(error),
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

const post = () => fetch(url, { method: 'POST', body: '{}' });

describe('createSessionHandler: the patient contact in the handoff token', () => {
  it('signs e-mail, phone and time zone as verified attributes the server reads', async () => {
    identity = {
      patientId: 'patient-9',
      displayName: 'Robin',
      locale: 'fr',
      contact: { email: 'robin@example.org', phone: '+33 6 12 34 56 78', timeZone: 'Europe/Paris' },
    };
    const response = await post();
    expect(response.status).toBe(200);
    const session = (await response.json()) as ChatSession;
    const principal = await verify(session.handoffToken as string);
    expect(principal.kind).toBe('patient');
    const attributes = principal.kind === 'patient' ? (principal.attributes ?? []) : [];
    expect(attributes.map((a) => [a.key, a.value, a.displayable, a.clinical])).toEqual([
      ['email', 'robin@example.org', true, false],
      ['phone', '+33 6 12 34 56 78', true, false],
      ['timeZone', 'Europe/Paris', true, false],
    ]);
    // What the reminder outbox takes from the verified context.
    expect(
      contactFromRequest({
        patient: {
          patientId: 'patient-9',
          displayName: 'Robin',
          locale: 'fr',
          attributes: [...attributes],
        },
      }),
    ).toEqual({ locale: 'fr', email: 'robin@example.org', timeZone: 'Europe/Paris' });
    // The bot's token does not carry them.
    expect(JSON.stringify(session.patientToken)).not.toContain('robin@');
    const botClaims = JSON.parse(
      Buffer.from(session.patientToken.split('.')[1] as string, 'base64url').toString(),
    );
    expect(JSON.stringify(botClaims)).not.toContain('robin@');
  });

  it('refuses a malformed contact with a typed error, before asking Direct Line', async () => {
    for (const contact of [
      { email: 'not an address' },
      { phone: 'call me' },
      { timeZone: 'Mars/Olympus' },
    ]) {
      identity = { patientId: 'patient-9', displayName: 'Robin', contact };
      errors.length = 0;
      const response = await post();
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'bad_request' });
      expect(errors.map((e) => [e.code, e.message])).toEqual([
        ['bad_request', `contact.${Object.keys(contact)[0]} is invalid`],
      ]);
      // The value itself is never in the error.
      expect(errors[0]?.message).not.toContain(Object.values(contact)[0]);
    }
  });

  it('keeps a token without contact as before (no attrs claim)', async () => {
    identity = { patientId: 'patient-9', displayName: 'Robin' };
    const session = (await (await post()).json()) as ChatSession;
    const claims = JSON.parse(
      Buffer.from((session.handoffToken as string).split('.')[1] as string, 'base64url').toString(),
    );
    expect(claims.attrs).toBeUndefined();
  });
});
