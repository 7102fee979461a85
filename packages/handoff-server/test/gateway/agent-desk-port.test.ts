import { ackMessage, agentMessage, type QueueItem } from '@baton/handoff-protocol';
import { type AgentDeskPort, refuse } from '@baton/handoff-server/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAgent, startTestServer } from '../support/server';

// The `/agent` namespace talks to its agent system through `AgentDeskPort` alone: a port of
// the test's own, passed as `agentDesk`, answers what a real socket.io agent client asks.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const waiting: QueueItem = {
  conversationId: 'ext-1',
  queue: 'cardiology',
  priority: 'urgent',
  escalation: 'patient-requested',
  patientDisplayName: 'Kim Lee',
  locale: 'en',
  enqueuedAt: '2026-12-06T09:00:00.000Z',
  position: 1,
};

/** A minimal agent system: one waiting conversation, claims refused, messages numbered 41+. */
function testDesk() {
  const calls: string[] = [];
  let seq = 40;
  const port: AgentDeskPort = {
    agents: {
      async claim(staff, conversationId) {
        calls.push(`claim ${staff.staffId} ${conversationId}`);
        throw refuse.conflict('Taken in the other system');
      },
      async message(staff, frame) {
        calls.push(`message ${staff.staffId} ${frame.text}`);
        seq += 1;
        return ackMessage(frame.conversationId, frame.clientMessageId, seq);
      },
      async typing() {},
      async read() {},
      async end() {},
      async returnToBot() {},
      async transfer() {},
    },
    async agentConnected(staff) {
      calls.push(`connected ${staff.staffId}`);
    },
    async setPresence(staffId, presence) {
      calls.push(`presence ${staffId} ${presence}`);
    },
    async knownQueues() {
      return ['cardiology'];
    },
    async queueSnapshot(queues) {
      calls.push(`snapshot ${queues.join(',')}`);
      return [waiting];
    },
    async supervisorSnapshot() {
      throw refuse.invalid('No dashboard here');
    },
  };
  return { port, calls };
}

describe('an agent desk of its own behind the /agent namespace', () => {
  it('answers an agent over socket.io: queue snapshot, a refused claim, an acknowledged message', async () => {
    const desk = testDesk();
    const test = await startTestServer({ store: 'memory', agentDesk: desk.port });
    cleanups.push(() => test.close());
    const ana = await connectAgent(test.url, await test.tokens.staff('ana'));
    cleanups.push(() => ana.close());
    await ana.waitFor('agent.assignments');

    ana.send(agentMessage('queue.subscribe', {}));
    expect((await ana.waitFor('queue.snapshot')).items).toEqual([waiting]);

    ana.send(agentMessage('conversation.claim', { conversationId: 'ext-1' }));
    expect(await ana.waitFor('error')).toMatchObject({ code: 'conflict' });

    ana.send(
      agentMessage('message', { conversationId: 'ext-1', clientMessageId: 'm1', text: 'Hello' }),
    );
    expect(await ana.waitFor('ack')).toMatchObject({
      conversationId: 'ext-1',
      clientMessageId: 'm1',
      seq: 41,
    });

    ana.send(agentMessage('presence', { presence: 'away' }));
    ana.send(agentMessage('queue.subscribe', { queues: ['cardiology'] }));
    await ana.waitFor('queue.snapshot', () => ana.of('queue.snapshot').length === 2);
    expect(desk.calls).toEqual([
      'connected ana',
      'snapshot cardiology',
      'claim ana ext-1',
      'message ana Hello',
      'presence ana away',
      'snapshot cardiology',
    ]);
  });
});
