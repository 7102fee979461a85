import { type LatencyResult, latencyPhase, memoryPhase } from './phases';
import { type BenchRun, growthRatio, kb, ms, ratio } from './run-context';
import { queueLatencyPhase } from './scale-phases';

// Sections `memory`, `latency`, `queue` and `history` of bench/server.ts.

export async function runMemory(run: BenchRun): Promise<void> {
  const { connections } = run.options;
  const rows = run.table(`Memory, ${connections} idle connections`, [
    'measure',
    'bare socket.io',
    'Baton',
    'Baton ÷ bare',
  ]);
  const bare = await memoryPhase('bare', connections);
  const baton = await memoryPhase('baton', connections);
  run.report.figures.memory = { bare, baton };
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
      growthRatio(baton.rssPerConnection, bare.rssPerConnection),
    ],
    [`${connections} connections held`, bare.held ? 'yes' : 'no', baton.held ? 'yes' : 'no', ''],
  );
}

/** The bare relay (the peer of every latency figure), then each latency section asked for. */
export async function runLatencies(run: BenchRun): Promise<LatencyResult | undefined> {
  if (!run.has('latency') && !run.has('queue') && !run.has('history')) return undefined;
  const { samples, waiting, finished, queueSamples } = run.options;
  const bare = await latencyPhase('bare', samples);
  run.report.figures.bareRelay = bare;
  if (run.has('latency')) {
    const rows = run.table('Handoff latency, empty queue (peer: relay round trip)', [
      'measure',
      'bare socket.io',
      'Baton',
      'Baton ÷ bare',
    ]);
    const baton = await latencyPhase('baton', samples);
    run.report.figures.latency = baton;
    for (const key of ['p50', 'p95', 'p99'] as const)
      rows.push([
        `handoff latency ${key}`,
        ms(bare[key]),
        ms(baton[key]),
        ratio(baton[key], bare[key]),
      ]);
  }
  if (run.has('queue')) {
    const rows = run.table(
      'Handoff latency with patients waiting (SQLite; peer: relay round trip)',
      ['waiting', 'p50 (÷ relay p50)', 'p99 (÷ relay p99)', 'samples; server CPU per cycle'],
    );
    const results = [];
    for (const n of waiting) {
      const r = await queueLatencyPhase(n, 0, queueSamples);
      results.push(r);
      const cpu = `${(r.cpuMicrosPerCycle / 1000).toFixed(2)} ms`;
      console.log(`  ${n} waiting: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, server CPU ${cpu}/cycle`);
      rows.push([
        String(n),
        `${ms(r.p50)} (${ratio(r.p50, bare.p50)})`,
        `${ms(r.p99)} (${ratio(r.p99, bare.p99)})`,
        `${r.samples}; ${cpu}`,
      ]);
    }
    run.report.figures.queueLatency = results;
  }
  if (run.has('history')) {
    const rows = run.table('Handoff latency with a finished history (SQLite, empty queue)', [
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
    run.report.figures.historyLatency = results;
  }
  return bare;
}
