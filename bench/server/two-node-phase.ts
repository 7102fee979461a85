import { performance } from 'node:perf_hooks';
import { agentMessage } from '@baton/handoff-protocol';
import { generateEncryptionKey } from '@baton/handoff-server';
import type { Socket } from 'socket.io-client';
import {
  AckWaiter,
  connect,
  connectMany,
  type Frame,
  nextFrame,
  percentile,
  ServerChild,
  staffToken,
  within,
} from './clients';
import { chatFrame, closeAll, requestFrame, tokensFor } from './phases';
import type { Row } from './report';
import type { StoreEnv } from './scale-phases';

// Two Baton nodes sharing PostgreSQL and Redis: the patients on node A, their agent on node
// B. Each patient sends messages one after another; the latency is the patient's send → the
// agent's copy on the other node, and every copy's place is checked against the order sent.

export interface TwoNodeResult {
  conversations: number;
  messages: number;
  p50: number;
  p99: number;
  /** Copies the agent got after a later message of the same conversation. */
  outOfOrder: number;
  /** Messages acked but never seen by the agent. */
  missing: number;
}

export async function twoNodePhase(
  conversations: number,
  messages: number,
  env: StoreEnv,
): Promise<TwoNodeResult> {
  const shared = { ...env, BENCH_ENCRYPTION_KEY: generateEncryptionKey() };
  const nodeA = await ServerChild.start('baton', conversations, shared);
  const nodeB = await ServerChild.start('baton', conversations, shared).catch(async (error) => {
    await nodeA.stop();
    throw error;
  });
  const sockets: Socket[] = [];
  try {
    const tokens = await tokensFor('baton', conversations, 'xn');
    const opened = await connectMany(`${nodeA.url}/patient`, tokens);
    sockets.push(...opened.sockets);
    if (opened.failed > 0) throw new Error(`${opened.failed} patients could not connect`);
    const waiters = opened.sockets.map((socket) => new AckWaiter(socket));
    await Promise.all(
      opened.sockets.map((socket, i) => {
        const acked = waiters[i]!.wait(`req-xn-${i}`, 60_000);
        socket.emit('frame', requestFrame(`xn-${i}`));
        return acked;
      }),
    );
    const agent = await connect(`${nodeB.url}/agent`, { token: await staffToken('agent-xn') });
    sockets.push(agent);
    const snapshot = nextFrame(
      agent,
      (f) => f.type === 'queue.snapshot' || f.type === 'error',
      60_000,
    );
    agent.emit('frame', agentMessage('queue.subscribe', {}));
    const subscribed = await snapshot;
    if (subscribed.type === 'error')
      throw new Error(`queue.subscribe refused: ${JSON.stringify(subscribed).slice(0, 300)}`);
    for (let i = 0; i < conversations; i += 1) {
      const conversationId = `xn-${i}`;
      const assigned = nextFrame(
        agent,
        (f) =>
          f.type === 'error' ||
          (f.type === 'conversation.assigned' && f.conversationId === conversationId),
        60_000,
      );
      agent.emit('frame', agentMessage('conversation.claim', { conversationId }));
      const answer = await assigned;
      if (answer.type === 'error')
        throw new Error(`claim refused: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    // The agent's copies of the patients' messages: one in flight per conversation, so each
    // copy settles that conversation's waiting send; seq must grow within a conversation.
    const arrived = new Map<string, () => void>();
    const lastSeq = new Map<string, number>();
    let outOfOrder = 0;
    agent.on('frame', (frame: Frame) => {
      if (frame.type !== 'message' || frame.from !== 'patient') return;
      const conversation = String(frame.conversationId);
      const seq = Number(frame.seq);
      if (seq <= (lastSeq.get(conversation) ?? 0)) outOfOrder += 1;
      lastSeq.set(conversation, Math.max(seq, lastSeq.get(conversation) ?? 0));
      arrived.get(conversation)?.();
      arrived.delete(conversation);
    });
    const latencies: number[] = [];
    let missing = 0;
    await within(
      Promise.all(
        opened.sockets.map(async (socket, i) => {
          for (let j = 0; j < messages; j += 1) {
            const id = `xm-${i}-${j}`;
            const seen = new Promise<void>((resolve) => arrived.set(`xn-${i}`, resolve));
            const started = performance.now();
            const acked = waiters[i]!.wait(id, 30_000);
            socket.emit('frame', chatFrame(`xn-${i}`, id));
            await acked;
            const copy = await within(seen, 30_000, 'cross-node copy').then(
              () => true,
              () => false,
            );
            if (copy) latencies.push(performance.now() - started);
            else missing += 1;
          }
        }),
      ),
      900_000,
      'two-node run',
    );
    latencies.sort((a, b) => a - b);
    return {
      conversations,
      messages,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      outOfOrder,
      missing,
    };
  } finally {
    closeAll(sockets);
    await Promise.all([nodeA.stop(), nodeB.stop()]);
  }
}

/** Starts Redis for the run; null (with the reason printed) when it cannot. */
export async function startBenchRedis(): Promise<{
  url: string;
  stop: () => Promise<void>;
} | null> {
  const { startRedis } = await import('../../packages/handoff-server/test/support/redis');
  try {
    const redis = await startRedis();
    return { url: redis.url, stop: () => redis.stop() };
  } catch (error) {
    console.log(`  Redis skipped: ${error instanceof Error ? error.message : error}`);
    return null;
  }
}

export function twoNodeRow(r: TwoNodeResult, relayP50: number | undefined): Row {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return [
    `${r.conversations} × ${r.messages}`,
    `${ms(r.p50)} / ${ms(r.p99)}`,
    relayP50 ? `${(r.p50 / relayP50).toFixed(1)}× relay p50` : '',
    `${r.outOfOrder} out of order, ${r.missing} missing`,
  ];
}
