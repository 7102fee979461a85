import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PatientAttribute, ServerToAgent, ServerToPatient } from '@baton/handoff-protocol';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { issuePatientToken, issueStaffToken } from '../../src/auth/issue';
import type { StaffRole } from '../../src/auth/principal';
import { createPatientTokenVerifier, createStaffTokenVerifier } from '../../src/auth/tokens';
import { createLogger } from '../../src/ops/logger';
import {
  createHandoffServer,
  type HandoffServer,
  type HandoffServerOptions,
} from '../../src/server';
import type { ConversationStore } from '../../src/storage/contract';
import { MemoryConversationStore } from '../../src/storage/memory';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from './keys';

export const PATIENT_ISSUER = { issuer: 'test-portal', audience: 'baton-handoff' };
export const STAFF_ISSUER = { issuer: 'test-idp', audience: 'baton-agent-console' };

export interface TestSecrets {
  patient: string;
  staff: string;
}

export function testSecrets(): TestSecrets {
  return { patient: randomBytes(32).toString('hex'), staff: randomBytes(32).toString('hex') };
}

export function verifiersFor(secrets: TestSecrets) {
  return {
    verifyPatient: createPatientTokenVerifier({
      keys: { kind: 'secret', secret: secrets.patient },
      ...PATIENT_ISSUER,
    }),
    verifyStaff: createStaffTokenVerifier({
      keys: { kind: 'secret', secret: secrets.staff },
      ...STAFF_ISSUER,
    }),
  };
}

export function tokensFor(secrets: TestSecrets) {
  return {
    patient: (
      patientId: string,
      conversationId?: string,
      extra: { displayName?: string; attributes?: PatientAttribute[] } = {},
    ) =>
      issuePatientToken(
        {
          patientId,
          displayName: extra.displayName ?? 'Alex Martin',
          ...(conversationId ? { conversationId } : {}),
          ...(extra.attributes ? { attributes: extra.attributes } : {}),
        },
        { signing: { kind: 'secret', secret: secrets.patient }, ...PATIENT_ISSUER },
      ),
    staff: (
      staffId: string,
      roles: StaffRole[] = ['agent'],
      queues: string[] = ['cardiology'],
      extra: { clinical?: boolean } = {},
    ) =>
      issueStaffToken(
        { staffId, displayName: `Agent ${staffId}`, roles, queues, ...extra },
        { signing: { kind: 'secret', secret: secrets.staff }, ...STAFF_ISSUER },
      ),
  };
}

export interface TestServer {
  server: HandoffServer;
  url: string;
  store: ConversationStore;
  tokens: ReturnType<typeof tokensFor>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1:0 with a SQLite file (default) or the memory store. */
export async function startTestServer(
  options: {
    store?: 'sqlite' | 'memory' | ConversationStore;
    secrets?: TestSecrets;
    /** Default 0 (a free port). */
    port?: number;
  } & Partial<Omit<HandoffServerOptions, 'store'>> = {},
): Promise<TestServer> {
  const secrets = options.secrets ?? testSecrets();
  let dir: string | undefined;
  let store: ConversationStore;
  if (options.store === 'memory') store = new MemoryConversationStore();
  else if (options.store === undefined || options.store === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'baton-server-'));
    store = new SqliteConversationStore({
      filename: join(dir, 'baton.db'),
      keyRing: testKeyRing(),
    });
  } else store = options.store;
  const { store: _ignored, secrets: _secrets, port = 0, ...rest } = options;
  const server = createHandoffServer({
    store,
    auth: verifiersFor(secrets),
    logger: createLogger({ level: 'silent' }),
    ...rest,
  });
  const { url } = await server.listen(port);
  return {
    server,
    url,
    store,
    tokens: tokensFor(secrets),
    async close() {
      await server.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

type AnyFrame = ServerToPatient | ServerToAgent;

/** A real socket.io client that collects every frame and waits for the ones a test expects. */
export class FrameClient<F extends AnyFrame = AnyFrame> {
  readonly frames: F[] = [];
  readonly socket: Socket;
  #waiters: { predicate: (f: F) => boolean; resolve: (f: F) => void }[] = [];

  constructor(socket: Socket) {
    this.socket = socket;
    socket.on('frame', (frame: F) => {
      this.frames.push(frame);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.predicate(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  send(frame: unknown): void {
    this.socket.emit('frame', frame);
  }

  /** The first frame (already received or coming) matching; rejects after `timeoutMs`. */
  waitFor<T extends F['type']>(
    type: T,
    predicate: (f: Extract<F, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<F, { type: T }>> {
    const match = (f: F): boolean => f.type === type && predicate(f as Extract<F, { type: T }>);
    const found = this.frames.find(match);
    if (found) return Promise.resolve(found as Extract<F, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${type}" frame within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        predicate: match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<F, { type: T }>);
        },
      });
    });
  }

  of<T extends F['type']>(type: T): Extract<F, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<F, { type: T }>[];
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function connect<F extends AnyFrame>(
  url: string,
  namespace: '/patient' | '/agent',
  token: string | undefined,
  extra: { origin?: string; transports?: string[] } = {},
): Promise<FrameClient<F>> {
  const socket = connectSocket(`${url}${namespace}`, {
    auth: token === undefined ? {} : { token },
    transports: extra.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(extra.origin ? { extraHeaders: { origin: extra.origin } } : {}),
  });
  const client = new FrameClient<F>(socket);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 5000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(error);
    });
  });
  return client;
}

export const connectPatient = (url: string, token: string, extra?: { origin?: string }) =>
  connect<ServerToPatient>(url, '/patient', token, extra);
export const connectAgent = (url: string, token: string, extra?: { origin?: string }) =>
  connect<ServerToAgent>(url, '/agent', token, extra);
