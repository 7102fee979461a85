import { parseArgs } from 'node:util';

// The command line of bench/server.ts: which phases, at which sizes. Every count is checked
// (an integer within bounds) before anything starts.

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'memory,latency,acked,queue,history,surge' },
    connections: { type: 'string', default: '2000' },
    conversations: { type: 'string', default: '20,200' },
    messages: { type: 'string', default: '100' },
    samples: { type: 'string', default: '1000' },
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

export const options = {
  raw: { ...values },
  only: new Set(String(values.only).split(',')),
  connections: count('connections', 1, 50_000),
  conversations: counts('conversations', 1, 1000),
  messages: count('messages', 1, 100_000),
  samples: count('samples', 1, 10_000),
  waiting: counts('waiting', 0, 100_000),
  finished: counts('finished', 0, 1_000_000),
  queueSamples: count('queue-samples', 1, 10_000),
  surge: count('surge', 1, 50_000),
  repeats: count('repeats', 1, 20),
  poolSize: count('pool-size', 1, 1000),
  timeoutSeconds: count('timeout-seconds', 1, 86_400),
  holdSizes: counts('hold', 1, 100_000),
  holdSeconds: count('hold-seconds', 1, 3600),
  postgres: String(values.postgres),
};

export type BenchOptions = typeof options;
