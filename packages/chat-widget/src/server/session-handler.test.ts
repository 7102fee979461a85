import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DirectLineEmulator, startDirectLineEmulator } from '@baton/directline-emulator';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../directline/activity';
import type { ChatSession } from '../types';
import { createSessionHandler, type SessionHandlerError } from './index';

const KEY = 'session-handler-test-key-of-32-bytes!!';
let emulator: DirectLineEmulator;
let server: Server;
let url: string;
let patient: string | null = 'patient-1';
const errors: SessionHandlerError[] = [];

beforeAll(async () => {
  emulator = await startDirectLineEmulator({});
  const handler = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: KEY,
    issuer: 'portal',
    authenticate: () =>
      patient
        ? { patientId: patient, displayName: 'Robin', locale: 'fr', context: { plan: 'gold' } }
        : null,
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

const post = (body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('createSessionHandler', () => {
  it('returns a Direct Line token (never the secret) and a signed patient JWT', async () => {
    patient = 'patient-1';
    const response = await post({ locale: 'fr-CA' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(emulator.secret);
    const session = JSON.parse(text) as ChatSession;
    expect(session.directLine.token).toBeTruthy();
    expect(session.directLine.conversationId).toBeTruthy();
    expect(session.userId).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(session.userId).not.toContain('patient-1');
    const { payload } = await jwtVerify(session.patientToken, new TextEncoder().encode(KEY), {
      issuer: 'portal',
    });
    expect(payload).toMatchObject({
      sub: 'patient-1',
      userId: session.userId,
      userName: 'Robin',
      locale: 'fr-CA',
      ctx: { plan: 'gold' },
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it('starts the Direct Line conversation itself: the browser connects straight to its stream', async () => {
    patient = 'patient-1';
    const session = (await (await post({ locale: 'en' })).json()) as ChatSession;
    const { conversationId, streamUrl, token } = session.directLine;
    expect(streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\//);
    expect(streamUrl).toContain(encodeURIComponent(conversationId ?? '-'));
    // Started, for this patient's opaque user id: a client POST with the token only joins it.
    const joined = await fetch(`${emulator.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(joined.status).toBe(200);
    expect(((await joined.json()) as { conversationId: string }).conversationId).toBe(
      conversationId,
    );
  });

  it('posts InitConversation itself when asked (init) and returns the bot’s first turn', async () => {
    patient = 'patient-1';
    const response = await post({ locale: 'en', init: {} });
    const session = (await response.json()) as ChatSession;
    const texts = (session.firstTurn?.activities ?? []).map((a) => a.text ?? '');
    expect(texts.some((text) => text.startsWith('Hello Robin!'))).toBe(true);
    // Sent as the patient, once, with the signed token; no invoke comes back to the browser.
    const read = await fetch(
      `${emulator.url}/v3/directline/conversations/${session.directLine.conversationId}/activities`,
      { headers: { authorization: `Bearer ${session.directLine.token}` } },
    );
    const all = ((await read.json()) as { activities: Activity[] }).activities;
    const invokes = all.filter((a) => a.type === 'invoke');
    expect(invokes).toHaveLength(1);
    expect(invokes[0]).toMatchObject({
      name: 'InitConversation',
      from: { id: session.userId },
      value: { jsonWebToken: session.patientToken },
    });
    expect(session.firstTurn?.activities.some((a) => a.type === 'invoke')).toBe(false);
    // Without init (an older widget), the widget posts it: no first turn.
    const plain = (await (await post({ locale: 'en' })).json()) as ChatSession;
    expect(plain.firstTurn).toBeUndefined();
  });

  it('refuses a malformed init with 400', async () => {
    patient = 'patient-1';
    for (const init of [
      [],
      { triggeredScenario: { trigger: '' } },
      { triggeredScenario: { trigger: 't', args: { a: {} } } },
    ])
      expect((await post({ init })).status).toBe(400);
  });

  it('with startConversation: false, issues a token only (the client starts the conversation)', async () => {
    const handler = createSessionHandler({
      directLineSecret: emulator.secret,
      directLineDomain: `${emulator.url}/v3/directline`,
      patientTokenSecret: KEY,
      startConversation: false,
      authenticate: () => ({ patientId: 'p', displayName: 'P' }),
    });
    const local = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const port = (local.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST' });
      const session = (await response.json()) as ChatSession;
      expect(session.directLine.conversationId).toBeTruthy();
      expect(session.directLine.streamUrl).toBeUndefined();
      const started = await fetch(`${emulator.url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.directLine.token}` },
      });
      expect(started.status).toBe(201);
    } finally {
      local.closeAllConnections();
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });

  it('resumes only the patient’s own conversation', async () => {
    patient = 'patient-1';
    const first = (await (await post({})).json()) as ChatSession;
    const resumed = await post({
      resume: {
        conversationId: first.directLine.conversationId,
        resumeBinding: first.resumeBinding,
      },
    });
    expect(resumed.status).toBe(200);
    const session = (await resumed.json()) as ChatSession;
    expect(session.directLine.conversationId).toBe(first.directLine.conversationId);
    expect(session.directLine.streamUrl).toMatch(/^ws/);

    patient = 'patient-2';
    const stolen = await post({
      resume: {
        conversationId: first.directLine.conversationId,
        resumeBinding: first.resumeBinding,
      },
    });
    expect(stolen.status).toBe(403);
    expect(await stolen.json()).toEqual({ error: 'forbidden' });
  });

  it('answers 401 without a patient, 405 to GET, 400 to junk', async () => {
    patient = null;
    expect((await post({})).status).toBe(401);
    patient = 'patient-1';
    expect((await fetch(url)).status).toBe(405);
    expect((await fetch(url, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await post({ resume: { conversationId: '' } })).status).toBe(400);
  });

  it('answers 502 when Direct Line refuses, without leaking details', async () => {
    const handler = createSessionHandler({
      directLineSecret: 'wrong-secret-value',
      directLineDomain: `${emulator.url}/v3/directline`,
      patientTokenSecret: KEY,
      authenticate: () => ({ patientId: 'p', displayName: 'P' }),
      onError: (error) => errors.push(error),
    });
    const local = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/`, {
        method: 'POST',
      });
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ error: 'directline_failed' });
      expect(errors.at(-1)?.message).not.toContain('wrong-secret-value');
    } finally {
      local.closeAllConnections();
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
  });

  it('refuses weak keys and a missing secret', () => {
    expect(() =>
      createSessionHandler({
        directLineSecret: 's',
        patientTokenSecret: 'short',
        authenticate: () => null,
      }),
    ).toThrow(/32 bytes/);
    expect(() =>
      createSessionHandler({
        directLineSecret: '',
        patientTokenSecret: KEY,
        authenticate: () => null,
      }),
    ).toThrow(/directLineSecret/);
  });
});
