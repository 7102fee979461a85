import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import {
  type ConversationStore,
  createHandoffServer,
  createLogger,
  createPatientTokenVerifier,
  createStaffTokenVerifier,
  generateEncryptionKey,
  PostgresConversationStore,
  SqliteConversationStore,
} from '@baton/handoff-server';
import pg from 'pg';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { BENCH_ISSUERS, type ChildReply, type ChildRequest, type ServerKind } from './ipc';

// One server under test, alone in its own process so its heap and RSS are not mixed with the
// clients'. Started by bench/server.ts with `--expose-gc`; talks to it over the IPC channel.

interface Running {
  url: string;
  sockets(): number;
  close(): Promise<void>;
  store?: ConversationStore;
}

/** The peer: bare socket.io, one namespace, a trivial auth middleware, echoes and a relay. */
async function startBare(): Promise<Running> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const log: unknown[] = [];
  const patients = io.of('/patient');
  patients.use((socket, next) => {
    const token: unknown = socket.handshake.auth.token;
    next(typeof token === 'string' && token.length > 0 ? undefined : new Error('unauthorised'));
  });
  patients.on('connection', (socket) => {
    if (socket.handshake.auth.watcher === true) void socket.join('watchers');
    socket.on('echo', (payload: unknown, ack: unknown) => {
      log.push(payload);
      if (typeof ack === 'function') ack({ seq: log.length });
    });
    // The acked peer: the same three frames Baton sends for a patient's message (her own copy,
    // the ack, the agent's copy), without a store.
    socket.on('echo3', (payload: unknown, ack: unknown) => {
      log.push(payload);
      socket.emit('echoed', payload);
      patients.to('watchers').emit('relayed', payload);
      if (typeof ack === 'function') ack({ seq: log.length });
    });
    socket.on('relay', (payload: unknown) => {
      patients.to('watchers').emit('relayed', payload);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets: () => patients.sockets.size,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

/**
 * Baton's handoff server with a SQLite store in a temporary folder (synchronous = FULL), or
 * with PostgreSQL at `BENCH_DATABASE_URL` (`BENCH_STORE=postgres`, pool `BENCH_POOL_SIZE`).
 */
/** Statements sent to PostgreSQL by this process (round trips: load-independent). */
let statements = 0;

function countStatements(): void {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    statements += 1;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

async function startBaton(agentCapacity: number): Promise<Running> {
  const secrets = JSON.parse(process.env.BENCH_SECRETS ?? '{}') as Record<string, string>;
  if (!secrets.patient || !secrets.staff) throw new Error('BENCH_SECRETS missing');
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  // BENCH_ENCRYPTION_KEY: nodes sharing one database share the key (two-node phase).
  const keyRing = {
    activeKeyId: 'k1',
    keys: { k1: process.env.BENCH_ENCRYPTION_KEY ?? generateEncryptionKey() },
  };
  if (process.env.BENCH_STORE === 'postgres') countStatements();
  const store: ConversationStore =
    process.env.BENCH_STORE === 'postgres'
      ? await PostgresConversationStore.open({
          connectionString: process.env.BENCH_DATABASE_URL,
          keyRing,
          poolSize: Number(process.env.BENCH_POOL_SIZE ?? '10'),
        })
      : new SqliteConversationStore({ filename: join(dir, 'baton.db'), keyRing });
  // BENCH_REDIS_URL: several nodes share rooms and broadcasts over Redis (two-node phase).
  const redis = process.env.BENCH_REDIS_URL ? await redisPair(process.env.BENCH_REDIS_URL) : null;
  const server = createHandoffServer({
    store,
    ...(redis ? { redis } : {}),
    auth: {
      verifyPatient: createPatientTokenVerifier({
        keys: { kind: 'secret', secret: secrets.patient },
        ...BENCH_ISSUERS.patient,
      }),
      verifyStaff: createStaffTokenVerifier({
        keys: { kind: 'secret', secret: secrets.staff },
        ...BENCH_ISSUERS.staff,
      }),
    },
    logger: createLogger({
      level: (process.env.BENCH_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
    }),
    desk: { agentCapacity },
    // One client sends many frames back to back in the throughput run; the default per-
    // connection limit (10/s) would measure the limiter, not the server.
    rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
  });
  const { url } = await server.listen(0, '127.0.0.1');
  return {
    url,
    sockets: () => server.io.of('/patient').sockets.size,
    store,
    async close() {
      await server.close(); // closes the store too
      await Promise.all([redis?.pubClient.quit(), redis?.subClient.quit()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function redisPair(url: string) {
  const pubClient = createClient({ url });
  const subClient = pubClient.duplicate();
  await Promise.all([pubClient.connect(), subClient.connect()]);
  return { pubClient, subClient };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the child with --expose-gc');
  collect();
  collect();
}

/** Writes straight to the store, 500 at a time (one group commit each with SQLite). */
async function seed(store: ConversationStore, waiting: number, finished: number): Promise<void> {
  const chunk = 500;
  for (let i = 0; i < waiting; i += chunk) {
    const ids = Array.from({ length: Math.min(chunk, waiting - i) }, (_, j) => `seed-w-${i + j}`);
    await Promise.all(
      ids.map((id) =>
        store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' }),
      ),
    );
    await Promise.all(
      ids.map((id) => store.enqueue(id, { queue: 'cardiology', priority: 'routine' })),
    );
  }
  for (let i = 0; i < finished; i += chunk) {
    const ids = Array.from({ length: Math.min(chunk, finished - i) }, (_, j) => `seed-f-${i + j}`);
    await Promise.all(
      ids.map((id) => store.createConversation({ id, patientId: `p-${id}`, state: 'ended' })),
    );
  }
  // The measurement starts from a checkpointed file, not behind the seed's WAL.
  if (store instanceof SqliteConversationStore) store.db.pragma('wal_checkpoint(TRUNCATE)');
}

function reply(message: ChildReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const capacity = Number(process.argv[3] ?? '100');
  const running = kind === 'baton' ? await startBaton(capacity) : await startBare();
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  process.on('message', (request: ChildRequest) => {
    switch (request.cmd) {
      case 'seed': {
        const store = running.store;
        if (!store) throw new Error('seed: only the Baton child has a store');
        void seed(store, request.waiting, request.finished).then(() => reply({ type: 'seeded' }));
        return;
      }
      case 'stats': {
        phaseProfile();
        const cpu = process.cpuUsage();
        reply({
          type: 'stats',
          cpuMicros: cpu.user + cpu.system,
          maxStallMs: stalls.max / 1e6,
          loopBusyMs: performance.eventLoopUtilization().active,
          sockets: running.sockets(),
          ...(process.env.BENCH_STORE === 'postgres' ? { statements } : {}),
        });
        stalls.reset();
        return;
      }
      case 'memory': {
        gc();
        const { heapUsed, rss } = process.memoryUsage();
        heapSnapshot(running.sockets());
        reply({ type: 'memory', heapUsed, rss, sockets: running.sockets() });
        return;
      }
      case 'stop':
        void running.close().then(() => process.exit(0));
        return;
      default: {
        const never: never = request;
        throw new Error(`unknown request ${JSON.stringify(never)}`);
      }
    }
  });
  reply({ type: 'ready', url: running.url });
}

main().catch((error: unknown) => {
  console.error('bench server child failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * `BENCH_PHASE_PROFILE=<dir>`: a CPU profile of the measured part only (from one `stats`
 * reading to the next), written to `<dir>/phase-<pid>-<n>.cpuprofile`.
 */
let profiling: import('node:inspector').Session | null = null;
let profiles = 0;
function phaseProfile(): void {
  const dir = process.env.BENCH_PHASE_PROFILE;
  if (!dir) return;
  void import('node:inspector').then(({ Session }) => {
    if (!profiling) {
      profiling = new Session();
      profiling.connect();
      profiling.post('Profiler.setSamplingInterval', { interval: 100 });
      profiling.post('Profiler.enable', () => profiling?.post('Profiler.start'));
      return;
    }
    const session = profiling;
    profiling = null;
    session.post('Profiler.stop', (error, result) => {
      if (!error)
        writeFileSync(
          `${dir}/phase-${process.pid}-${profiles++}.cpuprofile`,
          JSON.stringify(result.profile),
        );
      session.disconnect();
    });
  });
}

/**
 * `BENCH_HEAP_SNAPSHOT=<dir>`: a heap snapshot at each `memory` reading (after the GC), written
 * to `<dir>/<kind>-<sockets>-<pid>.heapsnapshot`; compare two sizes with
 * `bench/server/heap-diff.ts` to see what each connection keeps.
 */
function heapSnapshot(sockets: number): void {
  const dir = process.env.BENCH_HEAP_SNAPSHOT;
  if (!dir) return;
  writeHeapSnapshot(`${dir}/${process.argv[2]}-${sockets}-${process.pid}.heapsnapshot`);
}
