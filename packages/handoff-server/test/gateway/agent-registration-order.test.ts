import { agentMessage } from '@baton/handoff-protocol';
import { MemoryConversationStore } from '@baton/handoff-server';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('an agent’s first frames after connecting', () => {
  it('are handled after her presence is registered: a claim sent at once is not refused', async () => {
    // She signed out yesterday (offline). Her presence write for this connection is held
    // until the server has received her claim: handled before the registration, the claim
    // would be judged on yesterday's presence and refused.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const real = new MemoryConversationStore();
    await real.upsertAgent({
      id: 'agent-a',
      displayName: 'Agent agent-a',
      queues: ['cardiology'],
      capacity: 3,
    });
    await real.setAgentPresence('agent-a', 'offline');
    const store = new Proxy(real, {
      get(target, name) {
        if (name === 'setAgentPresence')
          return async (...args: Parameters<typeof real.setAgentPresence>) => {
            await gate;
            return target.setAgentPresence(...args);
          };
        const value = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const test: TestServer = await startTestServer({ store });
    cleanups.push(() => test.close());
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('conv-first-frame'));
    await patient.waitFor('handoff.queued');

    test.server.io.of('/agent').on('connection', (socket) => {
      socket.onAny((event: string) => {
        // A few turns of the event loop after her frame arrived: time for a handler that
        // does not wait for the registration to read her presence (a memory store answers
        // within a turn); the registration goes on only then.
        if (event !== 'frame') return;
        let turns = 0;
        const turn = () => (++turns < 20 ? setImmediate(turn) : release());
        setImmediate(turn);
      });
    });
    const agent = await connectAgent(test.url, await test.tokens.staff('agent-a'));
    cleanups.push(() => agent.close());
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-first-frame' }));
    const outcome = await Promise.race([
      agent.waitFor('conversation.assigned').then(() => 'assigned'),
      agent.waitFor('error').then((e) => e.code),
    ]);
    expect(outcome).toBe('assigned');
  });
});
