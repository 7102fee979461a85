import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { issuePatientToken, issueStaffToken } from '@baton/handoff-server';
import { io, type Socket } from 'socket.io-client';
import { BENCH_ISSUERS, type ChildReply, type ServerKind } from './ipc';
import { serverChildCode } from './server-code';

// Client side of the server benchmarks: the server child, tokens, sockets, waiting for frames.

export const secrets = {
  patient: randomBytes(32).toString('hex'),
  staff: randomBytes(32).toString('hex'),
};

export function patientToken(patientId: string): Promise<string> {
  return issuePatientToken(
    { patientId, displayName: 'Alex Martin' },
    { signing: { kind: 'secret', secret: secrets.patient }, ...BENCH_ISSUERS.patient },
  );
}

export function staffToken(staffId: string): Promise<string> {
  return issueStaffToken(
    { staffId, displayName: `Agent ${staffId}`, roles: ['agent'], queues: ['cardiology'] },
    { signing: { kind: 'secret', secret: secrets.staff }, ...BENCH_ISSUERS.staff },
  );
}

/** Rejects after `ms` so no phase can hang the run. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class ServerChild {
  readonly url: string;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
  }

  static async start(
    kind: ServerKind,
    agentCapacity: number,
    env: Record<string, string> = {},
  ): Promise<ServerChild> {
    const code = await serverChildCode();
    const child = fork(code.script, [kind, String(agentCapacity)], {
      // BENCH_CHILD_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
      execArgv: [
        ...code.execArgv,
        '--expose-gc',
        ...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ],
      env: { ...process.env, ...env, BENCH_SECRETS: JSON.stringify(secrets) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await within(next(child, 'ready'), 30_000, `${kind} server start`);
    return new ServerChild(child, ready.url);
  }

  async memory(): Promise<Extract<ChildReply, { type: 'memory' }>> {
    const answer = next(this.#child, 'memory');
    this.#child.send({ cmd: 'memory' });
    return within(answer, 30_000, 'memory reading');
  }

  /** Seeds the Baton child's store (queued and finished conversations). */
  async seed(waiting: number, finished: number): Promise<void> {
    const answer = next(this.#child, 'seeded');
    this.#child.send({ cmd: 'seed', waiting, finished });
    await within(answer, 600_000, 'seeding');
  }

  /** CPU used so far by the server process; longest event-loop stall since the last call. */
  async stats(): Promise<Extract<ChildReply, { type: 'stats' }>> {
    const answer = next(this.#child, 'stats');
    this.#child.send({ cmd: 'stats' });
    return within(answer, 60_000, 'stats reading');
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.send({ cmd: 'stop' });
    await within(exited, 30_000, 'server stop').catch(() => this.#child.kill('SIGKILL'));
  }
}

function next<T extends ChildReply['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server child exited (${code})`));
    const onMessage = (message: ChildReply) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<ChildReply, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** A real socket.io client, WebSocket transport only; resolves once connected. */
export function connect(
  url: string,
  auth: Record<string, unknown>,
  extra: { localAddress?: string } = {},
): Promise<Socket> {
  const socket = io(url, {
    auth,
    ...extra,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Opens `tokens.length` connections, `batch` handshakes at a time; counts the failures. */
export async function connectMany(
  url: string,
  tokens: string[],
  batch = 200,
  extra: { localAddress?: string } = {},
): Promise<{ sockets: Socket[]; failed: number; firstError?: string }> {
  const sockets: Socket[] = [];
  let failed = 0;
  let firstError: string | undefined;
  for (let i = 0; i < tokens.length; i += batch) {
    const slice = tokens.slice(i, i + batch);
    for (const result of await Promise.allSettled(
      slice.map((token) => connect(url, { token }, extra)),
    )) {
      if (result.status === 'fulfilled') sockets.push(result.value);
      else {
        failed += 1;
        firstError ??= result.reason instanceof Error ? result.reason.message : 'unknown';
      }
    }
  }
  return { sockets, failed, ...(firstError ? { firstError } : {}) };
}

export type Frame = { type: string; [key: string]: unknown };

/** Resolves with the first `frame` event matching `predicate` (registered before sending). */
export function nextFrame(
  socket: Socket,
  predicate: (frame: Frame) => boolean,
  ms = 10_000,
): Promise<Frame> {
  let listener: ((frame: Frame) => void) | undefined;
  const found = new Promise<Frame>((resolve) => {
    listener = (frame) => {
      if (predicate(frame)) resolve(frame);
    };
    socket.on('frame', listener);
  });
  return within(found, ms, 'frame').finally(() => socket.off('frame', listener));
}

/** Settles waiters on protocol `ack` / `error` frames by `clientMessageId` (one listener). */
export class AckWaiter {
  readonly #pending = new Map<string, (error?: Error) => void>();

  constructor(socket: Socket) {
    socket.on('frame', (frame: Frame) => {
      if (frame.type !== 'ack' && frame.type !== 'error') return;
      if (typeof frame.clientMessageId !== 'string') return;
      const settle = this.#pending.get(frame.clientMessageId);
      this.#pending.delete(frame.clientMessageId);
      settle?.(frame.type === 'error' ? new Error(`refused: ${String(frame.code)}`) : undefined);
    });
  }

  wait(clientMessageId: string, ms = 10_000): Promise<void> {
    const acked = new Promise<void>((resolve, reject) =>
      this.#pending.set(clientMessageId, (error) => (error ? reject(error) : resolve())),
    );
    return within(acked, ms, 'ack');
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}
