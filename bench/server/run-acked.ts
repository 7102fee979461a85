import {
  startPostgres,
  type TestPostgres,
} from '../../packages/handoff-server/test/support/postgres';
import type { BenchRun } from './run-context';
import { ratio } from './run-context';
import { type AckedResult, ackedMessagesPhase, type StoreEnv } from './scale-phases';

// Section `acked` of bench/server.ts, and the PostgreSQL it (and `nodes`) run against.

interface PostgresEnv {
  env: () => Promise<StoreEnv>;
  stop: () => Promise<void>;
}

/** `--postgres auto` starts a throwaway durable cluster; `off` skips; otherwise a URL. */
export async function postgresEnv(run: BenchRun): Promise<PostgresEnv | null> {
  const choice = run.options.postgres;
  if (choice === 'off') return null;
  const base = { BENCH_STORE: 'postgres', BENCH_POOL_SIZE: String(run.options.poolSize) };
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

/** PostgreSQL statements (round trips) per message, median of the repeats: load-independent. */
function statementsOf(runs: AckedResult[]): string {
  const per = runs
    .map((r) => r.statementsPerMessage)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  const mid = per[Math.floor(per.length / 2)];
  return mid === undefined ? '' : `; ${mid.toFixed(2)} statements/msg`;
}

/**
 * Each round's Baton ÷ the same round's bare echo (the runs are taken in turn, so a pair shares
 * the machine's state of those minutes): median and range over the rounds.
 */
function byRound(baton: AckedResult[], bare: AckedResult[]): string {
  const ratios = baton
    .map((run, i) => run.perSecond / (bare[i]?.perSecond ?? Number.NaN))
    .filter((r) => Number.isFinite(r))
    .sort((a, b) => a - b);
  if (ratios.length < 2) return '';
  const mid = ratios[Math.floor(ratios.length / 2)]!;
  return ` (by round ${mid.toFixed(2)}×, ${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)})`;
}

export async function runAcked(run: BenchRun): Promise<void> {
  const { conversations, messages, poolSize } = run.options;
  const rows = run.table("Acked messages (Baton: committed and fsync'd before the ack)", [
    'conversations',
    'store',
    'acked messages/s (bare echo)',
    'Baton ÷ bare; server CPU per message; server event loop busy',
  ]);
  const pg = await postgresEnv(run);
  const figures: Record<string, unknown>[] = [];
  const cpu = (micros: number) => `${(micros / 1000).toFixed(3)} ms`;
  const busy = (share: number) => `${Math.round(share * 100)}%`;
  try {
    for (const k of conversations) {
      // Bare, SQLite and PostgreSQL runs taken in turn: drift of the machine hits all alike.
      const [bare, sqlite, postgres] = await run.interleaved([
        () => ackedMessagesPhase('bare', k, messages),
        () => ackedMessagesPhase('baton', k, messages),
        ...(pg ? [async () => ackedMessagesPhase('baton', k, messages, await pg.env())] : []),
      ]);
      if (!bare || !sqlite) throw new Error('acked: a measurement gave no result');
      figures.push({ conversations: k, bare, sqlite });
      rows.push([
        String(k),
        'SQLite (synchronous=FULL, group commit)',
        `${run.spread(sqlite)} (${run.spread(bare)})`,
        `${ratio(sqlite.perSecond, bare.perSecond)}${byRound(sqlite.runs, bare.runs)}; ${cpu(sqlite.cpu)} (bare ${cpu(bare.cpu)}); ${busy(sqlite.loopBusy)} (bare ${busy(bare.loopBusy)})`,
      ]);
      if (postgres) {
        figures.at(-1)!.postgres = postgres;
        rows.push([
          String(k),
          `PostgreSQL (fsync on, pool ${poolSize})`,
          `${run.spread(postgres)} (${run.spread(bare)})`,
          `${ratio(postgres.perSecond, bare.perSecond)}${byRound(postgres.runs, bare.runs)}; ${cpu(postgres.cpu)}${statementsOf(postgres.runs)}; ${busy(postgres.loopBusy)}`,
        ]);
      }
      console.log(`  ${k} conversations done`);
    }
  } finally {
    await pg?.stop();
  }
  run.report.figures.acked = figures;
}
