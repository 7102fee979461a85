import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connectMany, ServerChild, within } from './clients';
import { type DescriptorLimit, describeLimit } from './fd-limit';
import type { ServerKind } from './ipc';
import { closeAll, tokensFor } from './phases';
import type { Row } from './report';
import { growthRatio } from './run-context';

// Idle connections held for a while with socket.io's heartbeats (ping every 25 s): memory
// per connection in the server, and whether every connection is still there at the end.
// The clients are several processes (a share each, under the per-process descriptor limit),
// each from its own loopback source address (127.0.0.2, .3, …) so the count is not bounded
// by one address's ephemeral ports.

/** Most connections one client process holds. */
const PER_HOLDER = 5000;

export interface HoldResult {
  connections: number;
  holdSeconds: number;
  connected: number;
  /** Still connected when the hold ended (client side) and seen by the server. */
  alive: number;
  serverSockets: number;
  disconnects: number;
  held: boolean;
  heapPerConnection: number;
  rssPerConnection: number;
  connectSeconds: number;
  firstError?: string;
}

interface HolderReply {
  type: 'opened' | 'held' | 'failed';
  connected?: number;
  failed?: number;
  firstError?: string;
  alive?: number;
  disconnects?: number;
  message?: string;
}

export async function holdPhase(
  kind: ServerKind,
  connections: number,
  holdSeconds: number,
): Promise<HoldResult> {
  const child = await ServerChild.start(kind, 3);
  const holders: ChildProcess[] = [];
  try {
    const tokens = await tokensFor(kind, connections + 50, `hold-${connections}`);
    const warm = await connectMany(`${child.url}/patient`, tokens.slice(connections));
    closeAll(warm.sockets);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await child.memory();
    const started = performance.now();
    const shares = Math.ceil(connections / PER_HOLDER);
    const script = fileURLToPath(new URL('./holder.ts', import.meta.url));
    const opened = await Promise.all(
      Array.from({ length: shares }, (_, k) => {
        const holder = fork(script, [], { execArgv: process.execArgv, stdio: 'inherit' });
        holders.push(holder);
        holder.send({
          url: `${child.url}/patient`,
          tokens: tokens.slice(k * PER_HOLDER, Math.min(connections, (k + 1) * PER_HOLDER)),
          localAddress: `127.0.0.${2 + k}`,
        });
        return within(reply(holder, 'opened'), 600_000, `holder ${k} connect`);
      }),
    );
    const connectSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, holdSeconds * 1000));
    const after = await child.memory();
    const held = await Promise.all(
      holders.map((holder) => {
        const answer = within(reply(holder, 'held'), 60_000, 'holder report');
        holder.send({ cmd: 'report' });
        return answer;
      }),
    );
    const connected = sum(opened.map((r) => r.connected ?? 0));
    const alive = sum(held.map((r) => r.alive ?? 0));
    const firstError = opened.find((r) => r.firstError)?.firstError;
    return {
      connections,
      holdSeconds,
      connected,
      alive,
      serverSockets: after.sockets,
      disconnects: sum(held.map((r) => r.disconnects ?? 0)),
      held: alive === connections && after.sockets >= connections,
      heapPerConnection: (after.heapUsed - before.heapUsed) / connections,
      rssPerConnection: (after.rss - before.rss) / connections,
      connectSeconds,
      ...(firstError ? { firstError } : {}),
    };
  } finally {
    for (const holder of holders) if (holder.exitCode === null) holder.kill();
    await child.stop();
  }
}

function reply(holder: ChildProcess, type: HolderReply['type']): Promise<HolderReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: HolderReply) => {
      if (message.type === 'failed') reject(new Error(`holder: ${message.message}`));
      if (message.type !== type) return;
      holder.off('message', onMessage);
      resolve(message);
    };
    holder.on('message', onMessage);
    holder.once('exit', (code) => reject(new Error(`holder exited (${code})`)));
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The table rows of one size: bare socket.io beside Baton. */
export function holdRows(bare: HoldResult, baton: HoldResult): Row[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const n = bare.connections;
  const state = (r: HoldResult) =>
    `${r.alive}/${r.connections}, ${r.disconnects} dropped${r.firstError ? ` (${r.firstError})` : ''}`;
  return [
    [
      `${n}: heap per connection`,
      kb(bare.heapPerConnection),
      kb(baton.heapPerConnection),
      ratio(baton.heapPerConnection, bare.heapPerConnection),
    ],
    [
      `${n}: RSS per connection`,
      kb(bare.rssPerConnection),
      kb(baton.rssPerConnection),
      growthRatio(baton.rssPerConnection, bare.rssPerConnection),
    ],
    [`${n}: held ${bare.holdSeconds} s`, state(bare), state(baton), ''],
    [
      `${n}: time to connect all`,
      `${bare.connectSeconds.toFixed(1)} s`,
      `${baton.connectSeconds.toFixed(1)} s`,
      '',
    ],
  ];
}

/** Descriptors the server child needs beyond its connections (store, log, listeners). */
const SERVER_DESCRIPTORS = 200;

/**
 * Each size with bare socket.io, then Baton; rows appended to `rows`. A size the server
 * child's descriptor limit cannot hold is not run: its row says why.
 */
export async function holdPhases(
  sizes: number[],
  seconds: number,
  rows: Row[],
  limit: DescriptorLimit,
) {
  const held: (
    | { bare: HoldResult; baton: HoldResult }
    | { connections: number; notRun: string }
  )[] = [];
  for (const n of sizes) {
    if (!(limit.soft >= n + SERVER_DESCRIPTORS)) {
      const why = `not run: ${describeLimit(limit)}`;
      console.log(`  ${n} held: ${why}`);
      held.push({ connections: n, notRun: why });
      rows.push([`${n}: held ${seconds} s`, why, '', '']);
      continue;
    }
    const bare = await holdPhase('bare', n, seconds);
    const baton = await holdPhase('baton', n, seconds);
    console.log(`  ${n} held: bare ${bare.alive}, Baton ${baton.alive}`);
    held.push({ bare, baton });
    rows.push(...holdRows(bare, baton));
  }
  return held;
}
