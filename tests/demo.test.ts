import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

// The README's first command: `npm start` runs the whole demo. This runs the same script as
// a child process on free ports and a temporary data folder, and checks what a person would
// open: the portal page, the agent console, and the demo sign-in.
const root = join(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

let demo: ChildProcess;
let output = '';
let portalPort = 0;
let serverPort = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'baton-demo-'));

beforeAll(async () => {
  portalPort = await freePort();
  serverPort = await freePort();
  demo = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    env: {
      ...process.env,
      BATON_DEMO_PORTAL_PORT: String(portalPort),
      BATON_DEMO_SERVER_PORT: String(serverPort),
      BATON_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  demo.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  demo.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 90_000);
    const check = setInterval(() => {
      if (output.includes('Baton demo is running')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    demo.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
}, 120_000);

afterAll(async () => {
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo.once('exit', resolve));
    demo.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
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
    const response = await fetch(`http://127.0.0.1:${portalPort}/baton/session`, {
      method: 'POST',
      body: '{}',
    });
    const session = (await response.json()) as { handoffToken?: string };
    const claims = JSON.parse(
      Buffer.from(session.handoffToken!.split('.')[1]!, 'base64url').toString('utf8'),
    ) as { attrs?: { key: string; value: string }[] };
    expect(claims.attrs?.find((a) => a.key === 'email')?.value).toBe('alex@demo.baton');
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
    const signIn = async (username: string) => {
      const reply = await fetch(`${origin}/api/dev/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username, password: 'baton-demo' }),
      });
      expect(reply.status).toBe(200);
      return ((await reply.json()) as { token: string }).token;
    };
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
    expect(output).toContain('has 20 s to come back');
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
    expect(output).toMatch(/Appointments: +60 slots/);
  }, 60_000);

  it('prints where everything is, and nothing secret', () => {
    expect(output).toContain(`http://127.0.0.1:${portalPort}/`);
    expect(output).toContain(`http://127.0.0.1:${serverPort}/console/`);
    expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWTs in the console output
  });
});
