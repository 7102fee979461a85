import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handoffTokenSigner } from '@baton/chat-widget/server';
import { agentMessage, patientMessage, type ServerToAgent } from '@baton/handoff-protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  PatientClient,
  sampleRequest,
} from '../packages/agent-console/test/support/server';
import { DEMO_PATIENT_NAMES, demoPatientFor } from '../scripts/demo-portal/patients';
import { type DemoProcess, devSignIn, startDemoProcess } from './demo-process';

// The README's first command: `npm start` runs the whole demo. This runs the same script as
// a child process on free ports and a temporary data folder, and checks what a person would
// open: the portal pages, the agent console, the demo sign-in, the banner and the seed.
let demo: DemoProcess;
let portalPort = 0;
let serverPort = 0;
let dataDir = '';

beforeAll(async () => {
  // A server setting the demo does not set itself: it must reach the server.
  demo = await startDemoProcess({ BATON_QUEUE_TIMEOUT_SECONDS: '8' });
  ({ portalPort, serverPort, dataDir } = demo);
}, 120_000);

afterAll(async () => {
  await demo?.stop();
});

describe('npm start (the demo)', () => {
  it('serves the patient portal with the widget loader', async () => {
    const page = await fetch(`http://127.0.0.1:${portalPort}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await page.text()).toContain('/baton/baton.js');
    const loader = await fetch(`http://127.0.0.1:${portalPort}/baton/baton.js`);
    expect(loader.status).toBe(200);
  });

  it('signs the demo patient’s e-mail into the handoff token (where reminders go)', async () => {
    const portal = `http://127.0.0.1:${portalPort}`;
    const cookie = ((await fetch(`${portal}/`)).headers.get('set-cookie') ?? '').split(';')[0]!;
    const response = await fetch(`${portal}/baton/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ locale: 'en' }),
    });
    const session = (await response.json()) as { handoffToken?: string };
    const claims = JSON.parse(
      Buffer.from(session.handoffToken!.split('.')[1]!, 'base64url').toString('utf8'),
    ) as { attrs?: { key: string; value: string }[] };
    expect(claims.attrs?.find((a) => a.key === 'email')?.value).toMatch(
      /^[a-z.-]+@patients\.riverside\.test$/,
    );
  });

  it('serves the agent console and signs the demo agent in', async () => {
    const origin = `http://127.0.0.1:${serverPort}`;
    const consolePage = await fetch(`${origin}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('app.js');
    const signIn = await fetch(`${origin}/api/dev/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: 'amelie', password: 'baton-demo' }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    expect(token.split('.')).toHaveLength(3);
  });

  it('has a second agent to take over, and names staff as patients should read them', async () => {
    const origin = `http://127.0.0.1:${serverPort}`;
    const signIn = await fetch(`${origin}/api/dev/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: 'bruno', password: 'baton-demo' }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    // The patient reads "You are chatting with …": a person's name, not a role.
    expect(claims.displayName ?? claims.name).toBe('Bruno Diaz');
  });

  it('has an admin, and agent content seeded in the demo queue', async () => {
    const origin = `http://127.0.0.1:${serverPort}`;
    const signIn = (username: string) => devSignIn(origin, username);
    const listed = async (token: string, queue?: string) => {
      const socket = io(`${origin}/agent`, {
        auth: { token },
        transports: ['websocket'],
        extraHeaders: { origin },
      });
      try {
        const frame = agentMessage('content.list', queue ? { queue } : {});
        const reply = new Promise<ServerToAgent>((resolve) =>
          socket.on('frame', (f: ServerToAgent) => {
            if (f.type === 'content.items' && f.inReplyTo === frame.id) resolve(f);
          }),
        );
        socket.emit('frame', frame);
        return await reply;
      } finally {
        socket.close();
      }
    };
    const forAgent = await listed(await signIn('amelie'), 'general');
    if (forAgent.type !== 'content.items') throw new Error('no content');
    const kinds = forAgent.items.map((i) => i.kind);
    expect(kinds.filter((k) => k === 'canned').length).toBeGreaterThanOrEqual(3);
    expect(kinds).toContain('script');
    expect(kinds.filter((k) => k === 'article').length).toBeGreaterThanOrEqual(3);
    expect(forAgent.items.find((i) => i.kind === 'macro')?.title).toBe('Wrap up with survey');
    const forAdmin = await listed(await signIn('ada'));
    if (forAdmin.type !== 'content.items') throw new Error('no content');
    expect(forAdmin.items.length).toBe(forAgent.items.length);
  });

  it('gives an agent who closes the console a grace period short enough to watch end', () => {
    expect(demo.output()).toContain('has 20 s to come back');
  });

  it('offers a week of appointment slots when nobody can take the chat, and books one', async () => {
    const secret = readFileSync(join(dataDir, 'demo-patient-jwt.secret'), 'utf8').trim();
    const token = await handoffTokenSigner({ tokenSecret: secret })(
      {
        patientId: 'demo-appointment-patient',
        displayName: 'Alex Martin',
        contact: { email: 'alex@demo.baton', timeZone: 'Europe/Paris' },
      },
      'en',
    );
    const patient = await PatientClient.connect(
      `http://127.0.0.1:${serverPort}`,
      token,
      randomUUID(),
    );
    try {
      patient.requestHandoff(sampleRequest());
      // No agent is online: the unstaffed fallback offers an appointment.
      const failed = await eventually(
        () => patient.of('handoff.failed')[0],
        'handoff.failed',
        30_000,
      );
      expect(failed.fallbacks).toContain('appointment');
      patient.socket.emit(
        'frame',
        patientMessage('fallback.select', {
          conversationId: patient.conversationId,
          clientMessageId: 'fb-1',
          choice: { option: 'appointment' },
        }),
      );
      const offer = await eventually(() => patient.of('appointment.offer')[0], 'an offer');
      expect(offer.offer.slots.length).toBeGreaterThan(0);
      expect(offer.offer.slots[0]!.schedule?.display).toMatch(/clinic/);
      patient.socket.emit(
        'frame',
        patientMessage('appointment.select', {
          conversationId: patient.conversationId,
          clientMessageId: 'sel-1',
          offerId: offer.offer.offerId,
          slotId: offer.offer.slots[0]!.id,
        }),
      );
      const confirmed = await eventually(() => patient.of('appointment.confirmed')[0], 'booked');
      expect(confirmed.appointment.start).toBe(offer.offer.slots[0]!.start);
      // Every demo slot is within the reminder lead: the reminder lands in demo-mail/ at once.
      const mail = await eventually(
        () =>
          (existsSync(join(dataDir, 'demo-mail')) ? readdirSync(join(dataDir, 'demo-mail')) : [])
            .filter((f) => f.endsWith('.eml'))
            .map((f) => readFileSync(join(dataDir, 'demo-mail', f), 'utf8'))
            .find((text) => text.includes('To: alex@demo.baton')),
        'the reminder e-mail',
        20_000,
      );
      // (Quoted-printable: soft line breaks removed.)
      expect(mail.replace(/=\r?\n/g, '')).toMatch(/\/appointments\/(reschedule|cancel)\?t=/);
    } finally {
      patient.close();
    }
    expect(demo.output()).toMatch(/Appointments: +60 slots/);
  }, 60_000);

  it('prints where everything is, and nothing secret', () => {
    expect(demo.output()).toContain(`http://127.0.0.1:${portalPort}/`);
    expect(demo.output()).toContain(`http://127.0.0.1:${serverPort}/console/`);
    expect(demo.output()).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWTs in the console output
  });

  it('prints a banner for people: no JSON log line; the server log is a file in the data folder', () => {
    const banner = demo.output().slice(demo.output().indexOf('Baton demo is running'));
    expect(demo.output()).not.toMatch(/^\{"level"/m);
    expect(banner).toContain(`http://127.0.0.1:${portalPort}/fr/`);
    expect(banner).toMatch(/amelie, bruno +agents/);
    expect(banner).toContain('password for everyone: baton-demo');
    expect(banner).toContain(join(dataDir, 'demo-mail'));
    const logFile = join(dataDir, 'baton-server.log');
    expect(banner).toContain(logFile);
    expect(existsSync(logFile)).toBe(true);
    // The development key warning went there instead of the terminal.
    expect(readFileSync(logFile, 'utf8')).toContain('BATON_ENCRYPTION_KEYS not set');
  });

  it('serves the clinic portal in English and French, and a 404 elsewhere', async () => {
    const portal = `http://127.0.0.1:${portalPort}`;
    for (const [path, lang, heading] of [
      ['/', 'en', 'Riverside Health'],
      ['/appointments', 'en', 'Appointments'],
      ['/fr/', 'fr', 'Riverside Santé'],
      ['/fr/rendez-vous', 'fr', 'Rendez-vous'],
    ] as const) {
      const page = await fetch(`${portal}${path}`);
      expect(page.status, path).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(heading);
      expect(html).toContain('data-session="/baton/session"');
      expect(html).toContain(`data-handoff-server="http://127.0.0.1:${serverPort}"`);
    }
    expect((await fetch(`${portal}/portal.css`)).headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(`${portal}/nowhere`)).status).toBe(404);
  });

  it('gives each browser its own patient, kept in an HttpOnly cookie', async () => {
    const portal = `http://127.0.0.1:${portalPort}`;
    const browserCookie = async () => {
      const page = await fetch(`${portal}/`);
      const cookie = page.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      return cookie.split(';')[0]!;
    };
    const session = async (cookie?: string) =>
      fetch(`${portal}/baton/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ locale: 'en' }),
      });
    const subjectOf = async (cookie: string) => {
      const reply = await session(cookie);
      expect(reply.status).toBe(200);
      const { handoffToken } = (await reply.json()) as { handoffToken: string };
      return JSON.parse(Buffer.from(handoffToken.split('.')[1]!, 'base64url').toString('utf8'))
        .sub as string;
    };
    const first = await browserCookie();
    const second = await browserCookie();
    expect(first).not.toBe(second);
    const firstPatient = await subjectOf(first);
    expect(firstPatient).not.toBe(await subjectOf(second));
    // The same browser stays the same patient, and the page names them.
    expect(await subjectOf(first)).toBe(firstPatient);
    const page = await (await fetch(`${portal}/`, { headers: { cookie: first } })).text();
    const name = /data-patient-name>([^<]+)</.exec(page)?.[1];
    expect(DEMO_PATIENT_NAMES).toContain(name);
    // No cookie, or one edited by hand: no session.
    expect((await session()).status).toBe(401);
    expect((await session(`${first.slice(0, -2)}xx`)).status).toBe(401);
    // Names vary from browser to browser.
    const names = new Set(
      Array.from({ length: 60 }, (_, i) => demoPatientFor(`id-${i}`).displayName),
    );
    expect(names.size).toBeGreaterThanOrEqual(10);
  });

  it('honours BATON_QUEUE_TIMEOUT_SECONDS: with an agent signed in, the wait expires after 8 s', async () => {
    const origin = `http://127.0.0.1:${serverPort}`;
    const token = await devSignIn(origin, 'bruno');
    const agent = io(`${origin}/agent`, {
      auth: { token },
      transports: ['websocket'],
      extraHeaders: { origin },
    });
    await new Promise<void>((resolve) => agent.once('connect', () => resolve()));
    const secret = readFileSync(join(dataDir, 'demo-patient-jwt.secret'), 'utf8').trim();
    const patientToken = await handoffTokenSigner({ tokenSecret: secret })(
      { patientId: 'demo-queue-timeout-patient', displayName: 'Ngozi Okeke' },
      'en',
    );
    const patient = await PatientClient.connect(origin, patientToken, randomUUID());
    try {
      const started = Date.now();
      patient.requestHandoff(sampleRequest());
      await eventually(() => patient.of('handoff.queued')[0], 'handoff.queued', 10_000);
      const failed = await eventually(
        () => patient.of('handoff.failed')[0],
        'handoff.failed',
        30_000,
      );
      // Bruno is signed in, so this is the queue timeout, not the unstaffed fallback.
      expect(failed.reason).toBe('expired');
      expect(Date.now() - started).toBeGreaterThanOrEqual(7_000);
    } finally {
      patient.close();
      agent.close();
    }
  }, 60_000);

  it('seeds a morning Analytics can read: first response and handle time are not 0 s', async () => {
    const origin = `http://127.0.0.1:${serverPort}`;
    const token = await devSignIn(origin, 'sam');
    const reply = await fetch(`${origin}/api/analytics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.status).toBe(200);
    const { totals } = (await reply.json()) as {
      totals: { handled: number; firstResponseP50Ms: number; handleP50Ms: number };
    };
    expect(totals.handled).toBe(4);
    // The seed's plan: first responses 12, 25, 35, 70 s; handle times 4, 6, 9, 11 min.
    expect(totals.firstResponseP50Ms).toBe(25_000);
    expect(totals.handleP50Ms).toBe(6 * 60_000);
  });

  it('seeds business hours an administrator sees and can change (open around the clock)', async () => {
    const origin = `http://127.0.0.1:${serverPort}`;
    const token = await devSignIn(origin, 'ada');
    const reply = await fetch(`${origin}/api/admin/settings`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reply.status).toBe(200);
    const { settings } = (await reply.json()) as {
      settings: { name: string; value: Record<string, { weekly: Record<string, string[][]> }> }[];
    };
    const hours = settings.find((s) => s.name === 'business-hours')?.value.general;
    expect(Object.keys(hours?.weekly ?? {})).toHaveLength(7);
    expect(hours?.weekly.sun).toEqual([['00:00', '24:00']]);
  });
});
