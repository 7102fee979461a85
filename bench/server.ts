import { parseArgs } from 'node:util';
import { startPostgres, type TestPostgres } from '../packages/handoff-server/test/support/postgres';
import { holdPhases } from './server/hold-phase';
import { type LatencyResult, latencyPhase, memoryPhase } from './server/phases';
import { type Report, type Row, writeReport } from './server/report';
import {
  type AckedResult,
  ackedMessagesPhase,
  queueLatencyPhase,
  type StoreEnv,
  surgePhase,
} from './server/scale-phases';
import { startBenchRedis, twoNodePhase, twoNodeRow } from './server/two-node-phase';

// Baton's handoff server side by side with bare socket.io, in one run, on loopback:
//   npx tsx --conditions=source bench/server.ts [--only memory,latency,acked,queue,history,surge]
//     [--connections 2000] [--conversations 20,200] [--messages 100] [--samples 200]
//     [--waiting 1,100,1000] [--finished 0,10000] [--queue-samples 100] [--surge 10000]
//     [--postgres auto|off|<url>] [--pool-size 20] [--repeats 1] [--timeout-seconds 3600]
//     [--hold 10000] [--hold-seconds 60] (phase `hold`: idle connections held with heartbeats)
//     phase `nodes`: two nodes on PostgreSQL + Redis (first --conversations, --messages each)
// Each server runs alone in a child process (heap/RSS/CPU readings are the server's only);
// the clients (real socket.io-client, WebSocket transport) share this process. Prints ratios
// (Baton ÷ bare socket.io) and writes bench/results/; asserts nothing about timings.

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'memory,latency,acked,queue,history,surge' },
    connections: { type: 'string', default: '2000' },
    conversations: { type: 'string', default: '20,200' },
    messages: { type: 'string', default: '100' },
    samples: { type: 'string', default: '200' },
    waiting: { type: 'string', default: '1,100,1000' },
    finished: { type: 'string', default: '0,10000' },
    'queue-samples': { type: 'string', default: '100' },
    surge: { type: 'string', default: '10000' },
    postgres: { type: 'string', default: 'auto' },
    repeats: { type: 'string', default: '1' },
    'pool-size': { type: 'string', default: '20' },
    'timeout-seconds': { type: 'string', default: '3600' },
    hold: { type: 'string', default: '10000' },
    'hold-seconds': { type: 'string', default: '60' },
  },
});

function counts(name: keyof typeof values, min: number, max: number): number[] {
  const list = String(values[name])
    .split(',')
    .map((v) => Number(v.trim()));
  if (list.some((v) => !Number.isInteger(v) || v < min || v > max))
    throw new Error(`--${name} takes integers from ${min} to ${max}, comma separated`);
  return list;
}
const count = (name: keyof typeof values, min: number, max: number) => counts(name, min, max)[0]!;

const only = new Set(String(values.only).split(','));
const connections = count('connections', 1, 50_000);
const conversations = counts('conversations', 1, 1000);
const messages = count('messages', 1, 100_000);
const samples = count('samples', 1, 10_000);
const waiting = counts('waiting', 0, 100_000);
const finished = counts('finished', 0, 1_000_000);
const queueSamples = count('queue-samples', 1, 10_000);
const surge = count('surge', 1, 50_000);
const repeats = count('repeats', 1, 20);
const poolSize = count('pool-size', 1, 1000);
const timeoutSeconds = count('timeout-seconds', 1, 86_400);
const holdSizes = counts('hold', 1, 100_000);
const holdSeconds = count('hold-seconds', 1, 3600);

setTimeout(() => {
  console.error(`bench/server.ts: still running after ${timeoutSeconds} s, stopping`);
  process.exit(1);
}, timeoutSeconds * 1000).unref();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const ratio = (baton: number, bare: number) => `${(baton / bare).toFixed(2)}×`;
const report: Report = {
  startedAt: new Date().toISOString(),
  node: process.version,
  options: { ...values },
  tables: [],
  figures: {},
};
const table = (title: string, header: Row) => {
  const rows: Row[] = [];
  report.tables.push({ title, header, rows });
  return rows;
};

/** Median, min and max of `repeats` runs of one measurement. */
async function repeated(run: () => Promise<AckedResult>) {
  const runs: AckedResult[] = [];
  for (let i = 0; i < repeats; i += 1) runs.push(await run());
  const rates = runs.map((r) => r.perSecond).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpuMicrosPerMessage).sort((a, b) => a - b);
  const mid = Math.floor(runs.length / 2);
  return { perSecond: rates[mid]!, min: rates[0]!, max: rates.at(-1)!, cpu: cpu[mid]!, runs };
}
const spread = (r: { perSecond: number; min: number; max: number }) =>
  repeats > 1
    ? `${r.perSecond.toFixed(0)} (${r.min.toFixed(0)}–${r.max.toFixed(0)})`
    : r.perSecond.toFixed(0);

async function postgresEnv(): Promise<{
  env: () => Promise<StoreEnv>;
  stop: () => Promise<void>;
} | null> {
  const choice = String(values.postgres);
  if (choice === 'off') return null;
  const base = { BENCH_STORE: 'postgres', BENCH_POOL_SIZE: String(poolSize) };
  if (choice !== 'auto')
    return { env: async () => ({ ...base, BENCH_DATABASE_URL: choice }), stop: async () => {} };
  let server: TestPostgres;
  try {
    // PostgreSQL's durable defaults (fsync, synchronous commit): acks survive a power cut.
    server = await startPostgres({ durable: true });
  } catch (error) {
    console.log(`  PostgreSQL skipped: ${error instanceof Error ? error.message : error}`);
    return null;
  }
  return {
    env: async () => ({ ...base, BENCH_DATABASE_URL: await server.createDatabase() }),
    stop: () => server.stop(),
  };
}

async function main(): Promise<void> {
  console.log(`server bench (node ${process.version}): ${[...only].join(', ')}`);
  let bareLatency: LatencyResult | undefined;

  if (only.has('memory')) {
    const rows = table(`Memory, ${connections} idle connections`, [
      'measure',
      'bare socket.io',
      'Baton',
      'Baton ÷ bare',
    ]);
    const bare = await memoryPhase('bare', connections);
    const baton = await memoryPhase('baton', connections);
    report.figures.memory = { bare, baton };
    rows.push(
      [
        'heap per connection',
        kb(bare.heapPerConnection),
        kb(baton.heapPerConnection),
        ratio(baton.heapPerConnection, bare.heapPerConnection),
      ],
      [
        'RSS per connection',
        kb(bare.rssPerConnection),
        kb(baton.rssPerConnection),
        ratio(baton.rssPerConnection, bare.rssPerConnection),
      ],
      [`${connections} connections held`, bare.held ? 'yes' : 'no', baton.held ? 'yes' : 'no', ''],
    );
  }

  if (only.has('latency') || only.has('queue') || only.has('history')) {
    bareLatency = await latencyPhase('bare', samples);
    report.figures.bareRelay = bareLatency;
  }
  if (only.has('latency') && bareLatency) {
    const rows = table('Handoff latency, empty queue (peer: relay round trip)', [
      'measure',
      'bare socket.io',
      'Baton',
      'Baton ÷ bare',
    ]);
    const baton = await latencyPhase('baton', samples);
    report.figures.latency = baton;
    for (const key of ['p50', 'p95', 'p99'] as const)
      rows.push([
        `handoff latency ${key}`,
        ms(bareLatency[key]),
        ms(baton[key]),
        ratio(baton[key], bareLatency[key]),
      ]);
  }

  if (only.has('queue') && bareLatency) {
    const rows = table('Handoff latency with patients waiting (SQLite; peer: relay round trip)', [
      'waiting',
      'p50 (÷ relay p50)',
      'p99 (÷ relay p99)',
      'samples',
    ]);
    const results = [];
    for (const n of waiting) {
      const r = await queueLatencyPhase(n, 0, queueSamples);
      results.push(r);
      console.log(`  ${n} waiting: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`);
      rows.push([
        String(n),
        `${ms(r.p50)} (${ratio(r.p50, bareLatency.p50)})`,
        `${ms(r.p99)} (${ratio(r.p99, bareLatency.p99)})`,
        String(r.samples),
      ]);
    }
    report.figures.queueLatency = results;
  }

  if (only.has('history') && bareLatency) {
    const rows = table('Handoff latency with a finished history (SQLite, empty queue)', [
      'finished conversations',
      'p50',
      'p99',
      'p50 ÷ p50 at 0',
    ]);
    const results = [];
    for (const n of finished) {
      const r = await queueLatencyPhase(0, n, queueSamples);
      results.push(r);
      console.log(`  ${n} finished: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`);
      rows.push([String(n), ms(r.p50), ms(r.p99), ratio(r.p50, results[0]!.p50)]);
    }
    report.figures.historyLatency = results;
  }

  if (only.has('acked')) {
    const rows = table("Acked messages (Baton: committed and fsync'd before the ack)", [
      'conversations',
      'store',
      'acked messages/s (bare echo)',
      'Baton ÷ bare; server CPU per message',
    ]);
    const pg = await postgresEnv();
    const figures: Record<string, unknown>[] = [];
    try {
      for (const k of conversations) {
        const bare = await repeated(() => ackedMessagesPhase('bare', k, messages));
        const sqlite = await repeated(() => ackedMessagesPhase('baton', k, messages));
        figures.push({ conversations: k, bare, sqlite });
        rows.push([
          String(k),
          'SQLite (synchronous=FULL, group commit)',
          `${spread(sqlite)} (${spread(bare)})`,
          `${ratio(sqlite.perSecond, bare.perSecond)}; ${(sqlite.cpu / 1000).toFixed(3)} ms (bare ${(bare.cpu / 1000).toFixed(3)} ms)`,
        ]);
        if (pg) {
          const postgres = await repeated(async () =>
            ackedMessagesPhase('baton', k, messages, await pg.env()),
          );
          figures.at(-1)!.postgres = postgres;
          rows.push([
            String(k),
            `PostgreSQL (fsync on, pool ${poolSize})`,
            `${spread(postgres)} (${spread(bare)})`,
            `${ratio(postgres.perSecond, bare.perSecond)}; ${(postgres.cpu / 1000).toFixed(3)} ms`,
          ]);
        }
        console.log(`  ${k} conversations done`);
      }
    } finally {
      await pg?.stop();
    }
    report.figures.acked = figures;
  }

  if (only.has('surge')) {
    const rows = table('Surge of simultaneous escalations (SQLite)', [
      'escalations',
      'acked / refused',
      'time to ack all',
      'longest loop stall; disconnects',
    ]);
    const r = await surgePhase(surge);
    report.figures.surge = r;
    rows.push([
      `${r.escalations} (${r.connected} connected)`,
      `${r.acked} / ${r.refused}`,
      `${r.secondsToAckAll.toFixed(1)} s`,
      `${ms(r.maxStallMs)}; ${r.disconnects}`,
    ]);
  }

  if (only.has('hold')) {
    const rows = table(`Idle connections held ${holdSeconds} s with heartbeats`, [
      'connections: measure',
      'bare socket.io',
      'Baton',
      'Baton ÷ bare',
    ]);
    report.figures.hold = await holdPhases(holdSizes, holdSeconds, rows);
  }

  if (only.has('nodes')) {
    const rows = table('Two nodes (PostgreSQL + Redis): patient on A → agent on B', [
      'conversations × messages',
      'p50 / p99',
      'vs one-node relay',
      'order',
    ]);
    const pg = await postgresEnv();
    const redis = pg ? await startBenchRedis() : null;
    try {
      if (pg && redis) {
        const r = await twoNodePhase(conversations[0]!, messages, {
          ...(await pg.env()),
          BENCH_REDIS_URL: redis.url,
        });
        report.figures.twoNodes = r;
        rows.push(twoNodeRow(r, bareLatency?.p50));
      }
    } finally {
      await redis?.stop();
      await pg?.stop();
    }
  }

  for (const t of report.tables) {
    console.log(`\n${t.title}`);
    printTable(t.header, t.rows);
  }
  console.log(`\nwritten: ${writeReport(report)}`);
}

function printTable(header: string[], body: string[][]): void {
  const all = [header, ...body];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench/server.ts failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
