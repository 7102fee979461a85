import { performance } from 'node:perf_hooks';
import { agentMessage, type HandoffRequest, patientMessage } from '@baton/handoff-protocol';
import type { Socket } from 'socket.io-client';
import {
  AckWaiter,
  connect,
  connectMany,
  type Frame,
  nextFrame,
  patientToken,
  percentile,
  ServerChild,
  staffToken,
  within,
} from './clients';
import type { ServerKind } from './ipc';

// The three measurements, each run once against a fresh bare socket.io child and once
// against a fresh Baton child. Every wait is bounded; nothing loops without a count.

const REQUEST: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list' },
  priority: 'routine',
  patient: { patientId: 'set-by-server', displayName: 'Alex Martin', locale: 'en' },
  transcript: {
    entries: [
      { id: 'bot-1', from: 'bot', at: '2026-11-25T10:00:00.000Z', text: 'How can I help?' },
      { id: 'pat-1', from: 'patient', at: '2026-11-25T10:00:05.000Z', text: 'A person please' },
    ],
  },
  routing: { department: 'cardiology' },
};

export const requestFrame = (conversationId: string) =>
  patientMessage('handoff.request', {
    conversationId,
    clientMessageId: `req-${conversationId}`,
    request: REQUEST,
  });

export const chatFrame = (conversationId: string, clientMessageId: string) =>
  patientMessage('message', {
    conversationId,
    clientMessageId,
    text: 'I have had a headache since yesterday and the pills are not helping.',
  });

export function tokensFor(kind: ServerKind, count: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  return Promise.all(ids.map((id) => (kind === 'baton' ? patientToken(id) : `bare-${id}`)));
}

export const closeAll = (sockets: Socket[]) => {
  for (const socket of sockets) socket.disconnect();
};

export interface MemoryResult {
  heapPerConnection: number;
  rssPerConnection: number;
  connected: number;
  held: boolean;
  connectSeconds: number;
  firstError?: string;
}

/** Heap and RSS growth of the server process per open patient connection. */
export async function memoryPhase(kind: ServerKind, connections: number): Promise<MemoryResult> {
  const child = await ServerChild.start(kind, 3);
  try {
    const tokens = await tokensFor(kind, connections + 50, 'mem');
    // Warm-up: the first handshakes load code paths that are not per-connection cost.
    const warm = await connectMany(`${child.url}/patient`, tokens.slice(connections));
    closeAll(warm.sockets);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await child.memory();
    const started = performance.now();
    const opened = await connectMany(`${child.url}/patient`, tokens.slice(0, connections));
    const connectSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000)); // they stay open, idle
    const after = await child.memory();
    const alive = opened.sockets.filter((s) => s.connected).length;
    closeAll(opened.sockets);
    return {
      heapPerConnection: (after.heapUsed - before.heapUsed) / connections,
      rssPerConnection: (after.rss - before.rss) / connections,
      connected: after.sockets,
      held: alive === connections && after.sockets === connections,
      connectSeconds,
      ...(opened.firstError ? { firstError: opened.firstError } : {}),
    };
  } finally {
    await child.stop();
  }
}

/** K patients, each sending M messages one after another, each waiting for its ack. */
export async function throughputPhase(
  kind: ServerKind,
  patients: number,
  messages: number,
): Promise<{ perSecond: number; total: number }> {
  const child = await ServerChild.start(kind, patients);
  const sockets: Socket[] = [];
  try {
    const opened = await connectMany(`${child.url}/patient`, await tokensFor(kind, patients, 'tp'));
    sockets.push(...opened.sockets);
    if (opened.failed > 0) throw new Error(`${opened.failed} patients could not connect`);
    const send = kind === 'baton' ? await batonSenders(child, sockets) : bareSenders(sockets);
    const started = performance.now();
    await within(
      Promise.all(
        send.map(async (sendOne, i) => {
          for (let j = 0; j < messages; j += 1) await sendOne(`m-${i}-${j}`);
        }),
      ),
      300_000,
      'throughput run',
    );
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: (patients * messages) / seconds, total: patients * messages };
  } finally {
    closeAll(sockets);
    await child.stop();
  }
}

export type Sender = (clientMessageId: string) => Promise<void>;

export function bareSenders(sockets: Socket[]): Sender[] {
  return sockets.map((socket, i) => async (clientMessageId) => {
    await socket.timeout(10_000).emitWithAck('echo', chatFrame(`tp-${i}`, clientMessageId));
  });
}

/**
 * The acked phase's peer: one watcher stands for the agent, and each message goes back to its
 * sender, to the watcher and as an ack, the three frames Baton sends (issue #11's "bare echo
 * that sends the same 3 frames").
 */
export async function bareEchoSenders(child: ServerChild, sockets: Socket[]): Promise<Sender[]> {
  const watcher = await connect(`${child.url}/patient`, { token: 'w', watcher: true });
  sockets.push(watcher);
  return sockets
    .filter((socket) => socket !== watcher)
    .map((socket, i) => async (clientMessageId) => {
      await socket.timeout(10_000).emitWithAck('echo3', chatFrame(`tp-${i}`, clientMessageId));
    });
}

/** Each patient asks for a human; one agent claims every conversation; then they chat. */
export async function batonSenders(child: ServerChild, sockets: Socket[]): Promise<Sender[]> {
  const waiters = sockets.map((socket) => new AckWaiter(socket));
  await Promise.all(
    sockets.map((socket, i) => {
      const acked = waiters[i]!.wait(`req-tp-${i}`);
      socket.emit('frame', requestFrame(`tp-${i}`));
      return acked;
    }),
  );
  const agent = await connect(`${child.url}/agent`, { token: await staffToken('agent-tp') });
  // A setup that stops says why: the server closing the agent's socket is not a slow answer.
  const closed = (reason: string) => console.log(`  agent socket closed in setup: ${reason}`);
  let errors = 0;
  const refused = (frame: Frame) => {
    if (frame.type === 'error' && errors++ < 3)
      console.log(`  agent setup error: ${String(frame.code)} ${String(frame.message ?? '')}`);
  };
  agent.on('disconnect', closed);
  agent.on('frame', refused);
  const snapshot = nextFrame(
    agent,
    (f) => f.type === 'queue.snapshot' || f.type === 'error',
    60_000,
  );
  agent.emit('frame', agentMessage('queue.subscribe', {}));
  const subscribed = await snapshot;
  if (subscribed.type === 'error')
    throw new Error(`queue.subscribe refused: ${JSON.stringify(subscribed).slice(0, 300)}`);
  for (let i = 0; i < sockets.length; i += 1) {
    const conversationId = `tp-${i}`;
    const assigned = nextFrame(
      agent,
      (f) =>
        f.type === 'error' ||
        (f.type === 'conversation.assigned' && f.conversationId === conversationId),
      60_000,
    );
    agent.emit('frame', agentMessage('conversation.claim', { conversationId }));
    await assigned;
  }
  agent.off('disconnect', closed);
  agent.off('frame', refused);
  return sockets.map((socket, i) => (clientMessageId) => {
    const acked = waiters[i]!.wait(clientMessageId);
    socket.emit('frame', chatFrame(`tp-${i}`, clientMessageId));
    return acked;
  });
}

export interface LatencyResult {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

const WARM_UP = 10;

/**
 * Baton: a patient's `handoff.request` sent → the agent's `queue.update` upsert of that
 * conversation. Peer: one socket emits, the server relays, another socket receives.
 */
export async function latencyPhase(kind: ServerKind, samples: number): Promise<LatencyResult> {
  const child = await ServerChild.start(kind, 3);
  const sockets: Socket[] = [];
  try {
    const times: number[] = [];
    const total = samples + WARM_UP;
    if (kind === 'bare') {
      const watcher = await connect(`${child.url}/patient`, { token: 'w', watcher: true });
      const sender = await connect(`${child.url}/patient`, { token: 's' });
      sockets.push(watcher, sender);
      for (let i = 0; i < total; i += 1) {
        const frame = requestFrame(`lat-${i}`);
        const seen = within(
          new Promise((resolve) => watcher.once('relayed', resolve)),
          10_000,
          'relay',
        );
        const started = performance.now();
        sender.emit('relay', frame);
        await seen;
        times.push(performance.now() - started);
      }
    } else {
      const tokens = await tokensFor(kind, total, 'lat');
      const agent = await connect(`${child.url}/agent`, { token: await staffToken('agent-lat') });
      sockets.push(agent);
      const snapshot = nextFrame(agent, (f) => f.type === 'queue.snapshot');
      agent.emit('frame', agentMessage('queue.subscribe', {}));
      await snapshot;
      for (let i = 0; i < total; i += 1) {
        const conversationId = `lat-${i}`;
        const patient = await connect(`${child.url}/patient`, { token: tokens[i] });
        const acks = new AckWaiter(patient);
        const acked = acks.wait(`req-${conversationId}`);
        const seen = nextFrame(agent, (f) => isUpsertOf(f, conversationId));
        const frame = requestFrame(conversationId);
        const started = performance.now();
        patient.emit('frame', frame);
        await seen;
        times.push(performance.now() - started);
        await acked;
        // Keep the queue empty between samples (claim, end): latency grows with the number
        // of conversations waiting, and this measures one request, not a backlog.
        const assigned = nextFrame(agent, (f) => f.type === 'conversation.assigned');
        agent.emit('frame', agentMessage('conversation.claim', { conversationId }));
        await assigned;
        const ended = nextFrame(patient, (f) => f.type === 'handoff.ended');
        agent.emit(
          'frame',
          agentMessage('conversation.end', { conversationId, reason: 'resolved' }),
        );
        await ended;
        patient.disconnect();
      }
    }
    const sorted = times.slice(WARM_UP).sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      samples: sorted.length,
    };
  } finally {
    closeAll(sockets);
    await child.stop();
  }
}

export function isUpsertOf(frame: Frame, conversationId: string): boolean {
  if (frame.type !== 'queue.update') return false;
  const change = frame.change as { op?: string; item?: { conversationId?: string } } | undefined;
  return change?.op === 'upsert' && change.item?.conversationId === conversationId;
}
