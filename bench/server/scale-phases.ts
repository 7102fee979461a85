import { performance } from 'node:perf_hooks';
import { agentMessage } from '@baton/handoff-protocol';
import type { Socket } from 'socket.io-client';
import {
  AckWaiter,
  connect,
  connectMany,
  nextFrame,
  percentile,
  ServerChild,
  staffToken,
  within,
} from './clients';
import type { ServerKind } from './ipc';
import {
  bareEchoSenders,
  batonSenders,
  closeAll,
  isUpsertOf,
  requestFrame,
  tokensFor,
} from './phases';

// The scale measurements of issue #11: handoff latency with a queue and a history already
// there, acked messages with CPU per message, and a surge of simultaneous escalations.
// Every wait is bounded; nothing loops without a count.

/** Environment of the Baton child: which store (see child.ts). */
export type StoreEnv = Record<string, string>;

export interface QueueLatencyResult {
  waiting: number;
  finished: number;
  p50: number;
  p99: number;
  samples: number;
  /** Server CPU (user + system) per measured cycle: the request, its claim and its end. */
  cpuMicrosPerCycle: number;
}

/**
 * With `waiting` conversations queued and `finished` ones in the history (seeded straight
 * into the store): a patient's `handoff.request` sent → the agent's `queue.update` upsert.
 * Each sample is then claimed and ended, so the queue stays at `waiting`.
 */
export async function queueLatencyPhase(
  waiting: number,
  finished: number,
  samples: number,
  env: StoreEnv = {},
): Promise<QueueLatencyResult> {
  const child = await ServerChild.start('baton', 3, env);
  const sockets: Socket[] = [];
  try {
    await child.seed(waiting, finished);
    const total = samples + 10;
    const tokens = await tokensFor('baton', total, `ql-${waiting}-${finished}`);
    const agent = await connect(`${child.url}/agent`, { token: await staffToken('agent-ql') });
    sockets.push(agent);
    const snapshot = nextFrame(agent, (f) => f.type === 'queue.snapshot', 120_000);
    agent.emit('frame', agentMessage('queue.subscribe', {}));
    await snapshot;
    const times: number[] = [];
    let cpuFrom = 0;
    for (let i = 0; i < total; i += 1) {
      if (i === 10) cpuFrom = (await child.stats()).cpuMicros;
      const conversationId = `ql-${i}`;
      const patient = await connect(`${child.url}/patient`, { token: tokens[i] });
      const acked = new AckWaiter(patient).wait(`req-${conversationId}`, 60_000);
      const seen = nextFrame(agent, (f) => isUpsertOf(f, conversationId), 60_000);
      const started = performance.now();
      patient.emit('frame', requestFrame(conversationId));
      await seen;
      times.push(performance.now() - started);
      await acked;
      const assigned = nextFrame(agent, (f) => f.type === 'conversation.assigned', 60_000);
      agent.emit('frame', agentMessage('conversation.claim', { conversationId }));
      await assigned;
      const ended = nextFrame(patient, (f) => f.type === 'handoff.ended', 60_000);
      agent.emit('frame', agentMessage('conversation.end', { conversationId, reason: 'resolved' }));
      await ended;
      patient.disconnect();
    }
    const cpuMicros = (await child.stats()).cpuMicros - cpuFrom;
    const sorted = times.slice(10).sort((a, b) => a - b);
    return {
      cpuMicrosPerCycle: cpuMicros / sorted.length,
      waiting,
      finished,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      samples: sorted.length,
    };
  } finally {
    closeAll(sockets);
    await child.stop();
  }
}

export interface AckedResult {
  conversations: number;
  perSecond: number;
  cpuMicrosPerMessage: number;
  /** Share of the run the server's event loop was busy (0–1): near 1, that one thread limits. */
  loopBusy: number;
  /** PostgreSQL statements (round trips) per message, with that store. */
  statementsPerMessage?: number;
  total: number;
}

/** K conversations, each sending M messages one after another, each waiting for its ack. */
export async function ackedMessagesPhase(
  kind: ServerKind,
  conversations: number,
  messages: number,
  env: StoreEnv = {},
): Promise<AckedResult> {
  const child = await ServerChild.start(kind, conversations, env);
  const sockets: Socket[] = [];
  try {
    const tokens = await tokensFor(kind, conversations, 'tp');
    const opened = await connectMany(`${child.url}/patient`, tokens);
    sockets.push(...opened.sockets);
    if (opened.failed > 0) throw new Error(`${opened.failed} patients could not connect`);
    const send =
      kind === 'baton' ? await batonSenders(child, sockets) : await bareEchoSenders(child, sockets);
    const before = await child.stats();
    const started = performance.now();
    await within(
      Promise.all(
        send.map(async (sendOne, i) => {
          for (let j = 0; j < messages; j += 1) await sendOne(`m-${i}-${j}`);
        }),
      ),
      600_000,
      'acked messages run',
    );
    const seconds = (performance.now() - started) / 1000;
    const after = await child.stats();
    const total = conversations * messages;
    return {
      conversations,
      perSecond: total / seconds,
      cpuMicrosPerMessage: (after.cpuMicros - before.cpuMicros) / total,
      loopBusy: (after.loopBusyMs - before.loopBusyMs) / (seconds * 1000),
      ...(after.statements !== undefined && before.statements !== undefined
        ? { statementsPerMessage: (after.statements - before.statements) / total }
        : {}),
      total,
    };
  } finally {
    closeAll(sockets);
    await child.stop();
  }
}

export interface SurgeResult {
  escalations: number;
  connected: number;
  acked: number;
  refused: number;
  secondsToAckAll: number;
  maxStallMs: number;
  disconnects: number;
}

/**
 * N patients connected, one agent watching the queue; every patient sends its
 * `handoff.request` in the same turn. Time until every one is acked (or refused), the
 * server's longest event-loop stall meanwhile, sockets dropped.
 */
export async function surgePhase(escalations: number, env: StoreEnv = {}): Promise<SurgeResult> {
  const child = await ServerChild.start('baton', 3, env);
  const sockets: Socket[] = [];
  try {
    const tokens = await tokensFor('baton', escalations, 'surge');
    const opened = await connectMany(`${child.url}/patient`, tokens);
    sockets.push(...opened.sockets);
    const agent = await connect(`${child.url}/agent`, { token: await staffToken('agent-surge') });
    sockets.push(agent);
    const snapshot = nextFrame(agent, (f) => f.type === 'queue.snapshot');
    agent.emit('frame', agentMessage('queue.subscribe', {}));
    await snapshot;
    let disconnects = 0;
    for (const socket of sockets) socket.on('disconnect', () => (disconnects += 1));
    const waiters = opened.sockets.map((socket) => new AckWaiter(socket));
    await child.stats(); // resets the stall reading
    const started = performance.now();
    let acked = 0;
    let refused = 0;
    const outcomes = opened.sockets.map((socket, i) => {
      const conversationId = `surge-${i}`;
      const done = waiters[i]!.wait(`req-${conversationId}`, 600_000).then(
        () => (acked += 1),
        () => (refused += 1),
      );
      socket.emit('frame', requestFrame(conversationId));
      return done;
    });
    await Promise.all(outcomes);
    const secondsToAckAll = (performance.now() - started) / 1000;
    const stats = await child.stats();
    return {
      escalations,
      connected: opened.sockets.length,
      acked,
      refused,
      secondsToAckAll,
      maxStallMs: stats.maxStallMs,
      disconnects,
    };
  } finally {
    closeAll(sockets);
    await child.stop();
  }
}
