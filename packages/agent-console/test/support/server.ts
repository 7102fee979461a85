import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type HandoffRequest,
  type PatientAttribute,
  patientMessage,
  type ServerToPatient,
} from '@baton/handoff-protocol';
import {
  createDevSignIn,
  createHandoffServer,
  createLogger,
  createPatientTokenVerifier,
  createStaffTokenVerifier,
  generateEncryptionKey,
  type HandoffServer,
  type HandoffServerOptions,
  issuePatientToken,
  issueStaffToken,
  SqliteConversationStore,
  type StaffRole,
} from '@baton/handoff-server';
import { io, type Socket } from 'socket.io-client';

const PATIENT = { issuer: 'test-portal', audience: 'baton-handoff' };
const STAFF = { issuer: 'test-idp', audience: 'baton-agent-console' };

/** The documented password hash format (`scrypt$N$r$p$salt$hash`, docs/security.md). */
function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

export interface DevUserSpec {
  username: string;
  password: string;
  displayName: string;
  roles: StaffRole[];
  queues?: string[];
  clinical?: boolean;
}

export interface TestServer {
  server: HandoffServer;
  url: string;
  patientToken(patientId: string): Promise<string>;
  staffToken(
    staffId: string,
    roles?: StaffRole[],
    queues?: string[],
    expiresInSec?: number,
  ): Promise<string>;
  close(): Promise<void>;
}

/** A real handoff server on 127.0.0.1:0 with a fresh SQLite file and dev sign-in users. */
export async function startServer(
  users: DevUserSpec[] = [],
  extra: Partial<HandoffServerOptions> & {
    /** Patient tokens signed elsewhere (a portal): its secret and issuer. */
    patientTokens?: { secret: string; issuer: string };
    /** Staff cookie sessions (`/api/session…`) signed with the test's staff secret. */
    cookieSessions?: { idleLogoffMs?: number };
  } = {},
): Promise<TestServer> {
  const { patientTokens, cookieSessions, ...options } = extra;
  const secrets = {
    patient: patientTokens?.secret ?? randomBytes(32).toString('hex'),
    staff: randomBytes(32).toString('hex'),
  };
  const patientIssuer = patientTokens ? { ...PATIENT, issuer: patientTokens.issuer } : PATIENT;
  const dir = mkdtempSync(join(tmpdir(), 'baton-console-'));
  const store = new SqliteConversationStore({
    filename: join(dir, 'baton.db'),
    keyRing: { activeKeyId: 'k1', keys: { k1: generateEncryptionKey() } },
  });
  const staffSigning = { signing: { kind: 'secret' as const, secret: secrets.staff }, ...STAFF };
  const server = createHandoffServer({
    store,
    auth: {
      verifyPatient: createPatientTokenVerifier({
        keys: { kind: 'secret', secret: secrets.patient },
        ...patientIssuer,
      }),
      verifyStaff: createStaffTokenVerifier({
        keys: { kind: 'secret', secret: secrets.staff },
        ...STAFF,
      }),
    },
    logger: createLogger({ level: 'silent' }),
    devSignIn: createDevSignIn({
      enabled: true,
      users: users.map((u) => ({
        username: u.username,
        passwordHash: hashPassword(u.password),
        displayName: u.displayName,
        roles: u.roles,
        clinical: u.clinical ?? false,
        queues: u.queues ?? [],
      })),
      tokens: staffSigning,
    }),
    ...(cookieSessions ? { staffSessions: { tokens: staffSigning, ...cookieSessions } } : {}),
    ...options,
  });
  const { url } = await server.listen(0);
  return {
    server,
    url,
    patientToken: (patientId) =>
      issuePatientToken(
        { patientId, displayName: 'Alex Martin', locale: 'en', attributes: PATIENT_ATTRIBUTES },
        { signing: { kind: 'secret', secret: secrets.patient }, ...patientIssuer },
      ),
    staffToken: (staffId, roles = ['agent'], queues = ['cardiology'], expiresInSec) =>
      issueStaffToken(
        { staffId, displayName: `Agent ${staffId}`, roles, queues },
        { ...staffSigning, ...(expiresInSec ? { expiresInSec } : {}) },
      ),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Verified attributes: signed into the patient token, never sent by the browser. */
export const PATIENT_ATTRIBUTES: PatientAttribute[] = [
  { key: 'plan', label: 'Plan', value: 'Gold', displayable: true, clinical: false },
  {
    key: 'allergy',
    label: 'Allergy',
    value: 'Penicillin',
    displayable: true,
    clinical: true,
  },
  { key: 'mrn', value: 'MRN-SECRET', displayable: false, clinical: false },
];

export function sampleRequest(overrides: Partial<HandoffRequest> = {}): HandoffRequest {
  return {
    reason: { kind: 'patient-requested', detail: 'phrase-list' },
    priority: 'routine',
    patient: {
      patientId: 'ignored-by-server',
      displayName: 'Alex Martin',
      locale: 'en',
    },
    transcript: {
      entries: [
        { id: 'bot-1', from: 'bot', at: '2026-01-05T10:00:00.000Z', text: 'How can I help?' },
        { id: 'pat-1', from: 'patient', at: '2026-01-05T10:00:05.000Z', text: 'I need a person' },
      ],
    },
    routing: { department: 'cardiology' },
    ...overrides,
  };
}

/** A real patient on `/patient`: sends protocol frames, records what the server sends. */
export class PatientClient {
  readonly frames: ServerToPatient[] = [];
  readonly socket: Socket;
  readonly conversationId: string;
  #seq = 0;

  private constructor(socket: Socket, conversationId: string) {
    this.socket = socket;
    this.conversationId = conversationId;
    socket.on('frame', (frame: ServerToPatient) => this.frames.push(frame));
  }

  static async connect(url: string, token: string, conversationId: string) {
    const socket = io(`${url}/patient`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new PatientClient(socket, conversationId);
  }

  requestHandoff(request = sampleRequest()) {
    this.socket.emit(
      'frame',
      patientMessage('handoff.request', {
        conversationId: this.conversationId,
        clientMessageId: `req-${this.conversationId}`,
        request,
      }),
    );
  }

  say(text: string): string {
    this.#seq += 1;
    const clientMessageId = `p-${this.#seq}`;
    this.socket.emit(
      'frame',
      patientMessage('message', { conversationId: this.conversationId, clientMessageId, text }),
    );
    return clientMessageId;
  }

  typing(active: boolean) {
    this.socket.emit(
      'frame',
      patientMessage('typing', { conversationId: this.conversationId, active }),
    );
  }

  read(upToSeq: number) {
    this.socket.emit(
      'frame',
      patientMessage('read', { conversationId: this.conversationId, upToSeq }),
    );
  }

  of<T extends ServerToPatient['type']>(type: T): Extract<ServerToPatient, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<ServerToPatient, { type: T }>[];
  }

  close() {
    this.socket.disconnect();
  }
}

/** Polls `check` every 10 ms, at most `timeoutMs`, until it returns a truthy value. */
export async function eventually<T>(
  check: () => T | undefined | null | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
