import type { DescriptorLimit } from './fd-limit';
import { holdPhases } from './hold-phase';
import type { LatencyResult } from './phases';
import { postgresEnv } from './run-acked';
import { type BenchRun, ms } from './run-context';
import { surgePhase } from './scale-phases';
import { startBenchRedis, twoNodePhase, twoNodeRow } from './two-node-phase';

// Sections `surge`, `hold` and `nodes` of bench/server.ts.

export async function runSurge(run: BenchRun): Promise<void> {
  const rows = run.table('Surge of simultaneous escalations (SQLite)', [
    'escalations',
    'acked / refused',
    'time to ack all',
    'longest loop stall; disconnects',
  ]);
  const r = await surgePhase(run.options.surge);
  run.report.figures.surge = r;
  rows.push([
    `${r.escalations} (${r.connected} connected)`,
    `${r.acked} / ${r.refused}`,
    `${r.secondsToAckAll.toFixed(1)} s`,
    `${ms(r.maxStallMs)}; ${r.disconnects}`,
  ]);
}

export async function runHold(run: BenchRun, limit: DescriptorLimit): Promise<void> {
  const { holdSizes, holdSeconds } = run.options;
  const rows = run.table(`Idle connections held ${holdSeconds} s with heartbeats`, [
    'connections: measure',
    'bare socket.io',
    'Baton',
    'Baton ÷ bare',
  ]);
  run.report.figures.hold = await holdPhases(holdSizes, holdSeconds, rows, limit);
}

export async function runNodes(run: BenchRun, bareLatency?: LatencyResult): Promise<void> {
  const rows = run.table('Two nodes (PostgreSQL + Redis): patient on A → agent on B', [
    'conversations × messages',
    'p50 / p99',
    'vs one-node relay',
    'order',
  ]);
  const pg = await postgresEnv(run);
  const redis = pg ? await startBenchRedis() : null;
  try {
    if (pg && redis) {
      const r = await twoNodePhase(run.options.conversations[0]!, run.options.messages, {
        ...(await pg.env()),
        BENCH_REDIS_URL: redis.url,
      });
      run.report.figures.twoNodes = r;
      rows.push(twoNodeRow(r, bareLatency?.p50));
    }
  } finally {
    await redis?.stop();
    await pg?.stop();
  }
}
