import { describeLimit, raiseDescriptorLimit } from './server/fd-limit';
import { options } from './server/options';
import { writeReport } from './server/report';
import { runAcked } from './server/run-acked';
import { BenchRun, printTable } from './server/run-context';
import { runLatencies, runMemory } from './server/run-latency';
import { runHold, runNodes, runSurge } from './server/run-scale';

// Baton's handoff server side by side with bare socket.io, in one run, on loopback:
//   npx tsx --conditions=source bench/server.ts [--only memory,latency,acked,queue,history,surge]
//     [--connections 2000] [--conversations 20,200] [--messages 100] [--samples 1000]
//     [--waiting 1,100,1000] [--finished 0,10000] [--queue-samples 100] [--surge 10000]
//     [--postgres auto|off|<url>] [--pool-size 20] [--repeats 1] [--timeout-seconds 3600]
//     [--hold 10000] [--hold-seconds 60] (phase `hold`: idle connections held with heartbeats)
//     phase `nodes`: two nodes on PostgreSQL + Redis (first --conversations, --messages each)
// Each server runs alone in a child process (heap/RSS/CPU readings are the server's only);
// the clients (real socket.io-client, WebSocket transport) share this process. Prints ratios
// (Baton ÷ bare socket.io) and writes bench/results/; asserts nothing about timings.
// The phases live in bench/server/run-*.ts; the options in bench/server/options.ts.
// BENCH_PHASE_PROFILE=<dir>: a CPU profile of the server during each measured part (child.ts).
// BENCH_HEAP_SNAPSHOT=<dir>: a heap snapshot of the server at each memory reading (child.ts);
//   what each connection keeps: `npx tsx bench/server/heap-diff.ts <a> <b> <Δconnections>`.

setTimeout(() => {
  console.error(`bench/server.ts: still running after ${options.timeoutSeconds} s, stopping`);
  process.exit(1);
}, options.timeoutSeconds * 1000).unref();

async function main(): Promise<void> {
  const run = new BenchRun(options);
  // Every connection holds a descriptor in the server child (which inherits this limit).
  const needed = Math.max(options.connections, options.surge, ...options.holdSizes) + 1000;
  const limit = raiseDescriptorLimit(Math.max(65_536, needed));
  run.report.figures.descriptorLimit = limit;
  console.log(`server bench (node ${process.version}): ${[...options.only].join(', ')}`);
  console.log(`  ${describeLimit(limit)}`);

  if (run.has('memory')) await runMemory(run);
  const bareLatency = await runLatencies(run);
  if (run.has('acked')) await runAcked(run);
  if (run.has('surge')) await runSurge(run);
  if (run.has('hold')) await runHold(run, limit);
  if (run.has('nodes')) await runNodes(run, bareLatency);

  for (const t of run.report.tables) {
    console.log(`\n${t.title}`);
    printTable(t.header, t.rows);
  }
  console.log(`\nwritten: ${writeReport(run.report)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench/server.ts failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
