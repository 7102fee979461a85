import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const test = await startTestServer({ store: 'memory', ...options });
  cleanups.push(() => test.close());
  return test;
}

async function patientAsks(
  test: TestServer,
  patientId: string,
  conversationId: string,
  priority: 'routine' | 'urgent' | 'emergency' = 'routine',
) {
  const patient = await connectPatient(test.url, await test.tokens.patient(patientId));
  cleanups.push(() => patient.close());
  patient.send(
    handoffRequestFrame(conversationId, `req-${conversationId}`, sampleRequest({ priority })),
  );
  await patient.waitFor('handoff.queued');
  return patient;
}

describe('agent desk', () => {
  it('orders the queue by priority and tells each patient their position', async () => {
    const test = await setup();
    const first = await patientAsks(test, 'p1', 'c1');
    const second = await patientAsks(test, 'p2', 'c2');
    const urgent = await patientAsks(test, 'p3', 'c3', 'urgent');
    expect((await urgent.waitFor('handoff.queued')).queue.position).toBe(1);
    await first.waitFor('handoff.queued', (f) => f.queue.position === 2);
    await second.waitFor('handoff.queued', (f) => f.queue.position === 3);
    const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    cleanups.push(() => agent.close());
    agent.send(agentMessage('queue.subscribe', { queues: ['cardiology', 'not-mine'] }));
    const snapshot = await agent.waitFor('queue.snapshot');
    expect(snapshot.items.map((i) => [i.conversationId, i.position])).toEqual([
      ['c3', 1],
      ['c1', 2],
      ['c2', 3],
    ]);
    agent.send(agentMessage('conversation.claim', { conversationId: 'c3' }));
    await agent.waitFor('queue.update', (u) => u.change.op === 'remove');
    await first.waitFor('handoff.queued', (f) => f.queue.position === 1);
    const estimate = await second.waitFor('handoff.queued', (f) => f.queue.position === 2);
    expect(estimate.queue.estimatedWaitSeconds).not.toBeUndefined();
  });

  it('refuses claims from away agents and agents at capacity', async () => {
    const test = await setup({ desk: { agentCapacity: 1 } });
    await patientAsks(test, 'p1', 'c1');
    await patientAsks(test, 'p2', 'c2');
    const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    cleanups.push(() => agent.close());
    await test.server.engine.idle();
    await test.server.desk.stop();
    agent.send(agentMessage('presence', { presence: 'away' }));
    agent.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    // Told apart by machine: `forbidden` with the reason as issues[0].path, never `conflict`
    // (which means another agent won).
    expect(await agent.waitFor('error')).toMatchObject({
      code: 'forbidden',
      retryable: false,
      conversationId: 'c1',
      issues: [{ path: 'presence', message: 'must be available' }],
    });
    agent.send(agentMessage('presence', { presence: 'available' }));
    agent.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await agent.waitFor('conversation.assigned');
    agent.send(agentMessage('conversation.claim', { conversationId: 'c2' }));
    expect(await agent.waitFor('error', (e) => e.issues?.[0]?.path === 'capacity')).toMatchObject({
      code: 'forbidden',
      conversationId: 'c2',
      issues: [{ path: 'capacity', message: 'no free slot (capacity 1)' }],
    });
    expect(agent.of('error').map((e) => e.code)).toEqual(['forbidden', 'forbidden']);
  });

  it("answers a claim outside the agent's queues with a plain forbidden, a lost race with conflict", async () => {
    const test = await setup();
    await patientAsks(test, 'p1', 'c1');
    const outsider = await connectAgent(
      test.url,
      await test.tokens.staff('agent-x', ['agent'], ['billing']),
    );
    const first = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    const second = await connectAgent(test.url, await test.tokens.staff('agent-2'));
    cleanups.push(
      () => outsider.close(),
      () => first.close(),
      () => second.close(),
    );
    outsider.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    const denied = await outsider.waitFor('error');
    expect(denied.code).toBe('forbidden');
    expect(denied.issues).toBeUndefined();
    first.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await first.waitFor('conversation.assigned');
    second.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    const lost = await second.waitFor('error');
    expect(lost.code).toBe('conflict');
    expect(lost.issues).toBeUndefined();
  });

  it('gives supervisors agents, presence and KPIs, including wait and handle times', async () => {
    const test = await setup();
    const supervisor = await connectAgent(
      test.url,
      await test.tokens.staff('sup-1', ['supervisor']),
    );
    const agent = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    cleanups.push(
      () => supervisor.close(),
      () => agent.close(),
    );
    await patientAsks(test, 'p1', 'c1');
    agent.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await agent.waitFor('conversation.assigned');
    agent.send(agentMessage('conversation.end', { conversationId: 'c1', reason: 'resolved' }));
    await agent.waitFor('conversation.state', (s) => s.to === 'ended');
    await test.server.desk.stop();
    supervisor.send(agentMessage('supervisor.subscribe', {}));
    const snapshot = await supervisor.waitFor('supervisor.snapshot');
    expect(snapshot.kpis).toMatchObject({
      handledToday: 1,
      withAgent: 0,
      queued: 0,
      agentsAvailable: 1,
    });
    expect(snapshot.kpis.averageWaitSeconds).not.toBeNull();
    expect(snapshot.agents).toEqual([
      expect.objectContaining({
        agent: expect.objectContaining({ id: 'agent-1' }),
        presence: 'available',
      }),
    ]);
    expect(snapshot.agents[0]!.averageHandleSeconds).not.toBeNull();
  });

  it('transfers a conversation back to a queue', async () => {
    const test = await setup();
    const patient = await patientAsks(test, 'p1', 'c1');
    const agent = await connectAgent(
      test.url,
      await test.tokens.staff('agent-1', ['agent'], ['cardiology', 'billing']),
    );
    cleanups.push(() => agent.close());
    agent.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await agent.waitFor('conversation.assigned');
    agent.send(agentMessage('queue.subscribe', { queues: ['billing'] }));
    await agent.waitFor('queue.snapshot');
    agent.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'queue', queue: 'billing' },
      }),
    );
    await agent.waitFor(
      'queue.update',
      (u) => u.change.op === 'upsert' && u.change.item.queue === 'billing',
    );
    await patient.waitFor('handoff.queued', (f) => f.queue.queue === 'billing');
    expect(await test.store.getConversation('c1')).toMatchObject({
      state: 'queued',
      queue: 'billing',
      assignedAgentId: null,
    });
  });
});
