import { parseArgs } from 'node:util';
import { type LatencyResult, latencyPhase, memoryPhase, throughputPhase } from './server/phases';

// Baton's handoff server side by side with bare socket.io, in one run, on loopback:
//   npx tsx --conditions=source bench/server.ts [--connections 2000] [--patients 20]
//     [--messages 100] [--samples 200] [--timeout-seconds 900]
// Each server runs alone in a child process (heap/RSS readings are the server's only);
// the clients (real socket.io-client, WebSocket transport) share this process. Prints ratios
// (Baton ÷ bare socket.io); asserts nothing about absolute timings.

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '2000' },
    patients: { type: 'string', default: '20' },
    messages: { type: 'string', default: '100' },
    samples: { type: 'string', default: '200' },
    'timeout-seconds': { type: 'string', default: '900' },
  },
});

function count(name: keyof typeof values, max: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be an integer from 1 to ${max}`);
  }
  return value;
}

const connections = count('connections', 50_000);
const patients = count('patients', 1000);
const messages = count('messages', 100_000);
const samples = count('samples', 10_000);
const timeoutSeconds = count('timeout-seconds', 86_400);

// The whole run stops by itself, whatever happens.
setTimeout(() => {
  console.error(`bench/server.ts: still running after ${timeoutSeconds} s, stopping`);
  process.exit(1);
}, timeoutSeconds * 1000).unref();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const ratio = (baton: number, bare: number) => `${(baton / bare).toFixed(2)}×`;

const rows: [string, string, string, string][] = [];

async function main(): Promise<void> {
  console.log(
    `server bench: ${connections} connections; ${patients} patients × ${messages} acked ` +
      `messages; ${samples} latency samples (node ${process.version})`,
  );

  const memBare = await memoryPhase('bare', connections);
  const memBaton = await memoryPhase('baton', connections);
  for (const [name, m] of [
    ['bare', memBare],
    ['baton', memBaton],
  ] as const) {
    console.log(
      `  ${name}: ${m.connected}/${connections} open after 2 s, ` +
        `connected in ${m.connectSeconds.toFixed(1)} s — ${m.held ? 'held' : 'DID NOT HOLD'}` +
        (m.firstError ? ` (first error: ${m.firstError})` : ''),
    );
  }
  rows.push(
    [
      'heap per connection',
      kb(memBare.heapPerConnection),
      kb(memBaton.heapPerConnection),
      ratio(memBaton.heapPerConnection, memBare.heapPerConnection),
    ],
    [
      'RSS per connection',
      kb(memBare.rssPerConnection),
      kb(memBaton.rssPerConnection),
      ratio(memBaton.rssPerConnection, memBare.rssPerConnection),
    ],
    [
      `${connections} connections held`,
      memBare.held ? 'yes' : 'no',
      memBaton.held ? 'yes' : 'no',
      '',
    ],
  );

  const tpBare = await throughputPhase('bare', patients, messages);
  const tpBaton = await throughputPhase('baton', patients, messages);
  rows.push([
    'acked messages/s (Baton: committed to SQLite before the ack)',
    tpBare.perSecond.toFixed(0),
    tpBaton.perSecond.toFixed(0),
    ratio(tpBaton.perSecond, tpBare.perSecond),
  ]);

  const latBare = await latencyPhase('bare', samples);
  const latBaton = await latencyPhase('baton', samples);
  const latencyRow = (label: string, pick: (r: LatencyResult) => number) =>
    rows.push([label, ms(pick(latBare)), ms(pick(latBaton)), ratio(pick(latBaton), pick(latBare))]);
  latencyRow('handoff latency p50 (peer: relay round trip)', (r) => r.p50);
  latencyRow('handoff latency p95 (peer: relay round trip)', (r) => r.p95);

  printTable(['measure', 'bare socket.io', 'Baton', 'Baton ÷ bare'], rows);
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
