import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgentToServer,
  agentMessage,
  type MessageFields,
  type ServerToAgent,
} from '@baton/handoff-protocol';
import {
  createHandoffServer,
  createLogger,
  createPatientTokenVerifier,
  createStaffTokenVerifier,
  generateEncryptionKey,
  type HandoffServer,
  type HandoffServerOptions,
  issueStaffToken,
  SqliteConversationStore,
} from '@baton/handoff-server';
import { io, type Socket } from 'socket.io-client';
import { handoffTokenSigner } from '../../src/server/index';

/** The issuer and audience the test server expects of patient tokens (its defaults). */
export const PATIENT_TOKEN = { issuer: 'baton-portal', audience: 'baton-handoff' };
const STAFF = { issuer: 'test-idp', audience: 'baton-agent-console' };

export interface TestHandoffServer {
  server: HandoffServer;
  url: string;
  /** The patient-token secret, as the portal backend's `createSessionHandler({ handoff })` has it. */
  patientSecret: string;
  /** A handoff token signed the way the widget's session endpoint signs it. */
  patientToken(patientId?: string, ttlSeconds?: number): Promise<string>;
  staffToken(staffId: string, queues?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** A real handoff server on 127.0.0.1:0 with a fresh SQLite file (the embedded default). */
export async function startHandoffServer(
  extra: Partial<HandoffServerOptions> = {},
  secrets: { patient?: string } = {},
): Promise<TestHandoffServer> {
  const patientSecret = secrets.patient ?? randomBytes(32).toString('hex');
  const staffSecret = randomBytes(32).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'baton-widget-'));
  const store = new SqliteConversationStore({
    filename: join(dir, 'baton.db'),
    keyRing: { activeKeyId: 'k1', keys: { k1: generateEncryptionKey() } },
  });
  const server = createHandoffServer({
    store,
    auth: {
      verifyPatient: createPatientTokenVerifier({
        keys: { kind: 'secret', secret: patientSecret },
        ...PATIENT_TOKEN,
      }),
      verifyStaff: createStaffTokenVerifier({
        keys: { kind: 'secret', secret: staffSecret },
        ...STAFF,
      }),
    },
    logger: createLogger({ level: 'silent' }),
    ...extra,
  });
  const { url } = await server.listen(0);
  const sign = (ttlSeconds: number) =>
    handoffTokenSigner({ tokenSecret: patientSecret, ttlSeconds });
  return {
    server,
    url,
    patientSecret,
    patientToken: (patientId = 'patient-7', ttlSeconds = 600) =>
      sign(ttlSeconds)({ patientId, displayName: 'Alex Martin' }, 'en'),
    staffToken: (staffId, queues = ['general']) =>
      issueStaffToken(
        { staffId, displayName: 'Amelie Roux', roles: ['agent'], queues },
        { signing: { kind: 'secret', secret: staffSecret }, ...STAFF },
      ),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real agent on `/agent`: sends protocol frames, records what the server sends. */
export class AgentClient {
  readonly frames: ServerToAgent[] = [];
  readonly socket: Socket;
  #count = 0;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('frame', (frame: ServerToAgent) => this.frames.push(frame));
  }

  static async connect(url: string, token: string): Promise<AgentClient> {
    const socket = io(`${url}/agent`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const agent = new AgentClient(socket);
    agent.send('presence', { presence: 'available' });
    agent.send('queue.subscribe', {});
    // Watching from here on: what is queued later comes as `queue.update`, not in the snapshot.
    await eventually(() => agent.of('queue.snapshot').length > 0, 'queue snapshot');
    return agent;
  }

  send<T extends AgentToServer['type']>(type: T, fields: MessageFields<AgentToServer, T>): void {
    this.socket.emit('frame', agentMessage(type, fields));
  }

  say(conversationId: string, text: string): string {
    this.#count += 1;
    const clientMessageId = `am-${this.#count}-${randomBytes(4).toString('hex')}`;
    this.send('message', { conversationId, clientMessageId, text });
    return clientMessageId;
  }

  of<T extends ServerToAgent['type']>(type: T): Extract<ServerToAgent, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<ServerToAgent, { type: T }>[];
  }

  close(): void {
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
