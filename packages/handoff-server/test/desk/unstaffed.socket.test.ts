import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/storage/memory';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import {
  connectAgent,
  connectPatient,
  type FrameClient,
  startTestServer,
  type TestServer,
} from '../support/server';

let open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.reverse()) await item.close();
  open = [];
});

async function server(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const test = await startTestServer(options);
  open.push(test);
  return test;
}

async function patientOf(test: TestServer, patientId = 'pat-1') {
  const client = await connectPatient(test.url, await test.tokens.patient(patientId));
  open.push(client);
  return client;
}

async function agentOf(test: TestServer, staffId: string, queues: string[]) {
  const client = await connectAgent(test.url, await test.tokens.staff(staffId, ['agent'], queues));
  open.push(client);
  return client as FrameClient;
}

describe('honest waiting: nobody who could answer', () => {
  it('offers the fallback within the configured seconds when no agent of the queue is online', async () => {
    const test = await server({ timeouts: { unstaffedFallbackMs: 400 } });
    // An agent of another queue is online: it does not count.
    await agentOf(test, 'agent-gen', ['general']); // the request routes to `cardiology`
    const patient = await patientOf(test);
    const sent = Date.now();
    patient.send(handoffRequestFrame('conv-u1'));
    await patient.waitFor('handoff.queued', (f) => f.conversationId === 'conv-u1');
    const failed = await patient.waitFor('handoff.failed', (f) => f.conversationId === 'conv-u1');
    const seconds = (Date.now() - sent) / 1000;
    expect(failed).toMatchObject({ reason: 'no-agents', fallbacks: ['leave-message', 'callback'] });
    expect(failed.notice).toBeUndefined();
    expect(seconds).toBeLessThan(3);
    expect((await test.store.getConversation('conv-u1'))?.state).toBe('failed');
    // …and the handoff nobody took is on the worklist.
    await test.server.engine.idle();
    await test.server.engine.worklist.idle();
    expect((await test.store.listFollowUps()).map((i) => [i.kind, i.detail.reason])).toEqual([
      ['failed', 'no-agents'],
    ]);
  });

  it('offers no appointment after an emergency handoff nobody could take; a routine one gets it', async () => {
    const test = await server({
      timeouts: { unstaffedFallbackMs: 200 },
      fallbacks: ['appointment', 'callback', 'leave-message'],
    });
    const chestPain = sampleRequest({
      reason: { kind: 'urgent', detail: 'red-flag' },
      priority: 'emergency',
      transcript: {
        entries: [
          { id: 'p-1', from: 'patient', at: '2026-01-05T10:00:05.000Z', text: 'I have chest pain' },
        ],
      },
    });
    const patient = await patientOf(test, 'pat-e');
    patient.send(handoffRequestFrame('conv-e1', 'req-e1', chestPain));
    const failed = await patient.waitFor('handoff.failed', (f) => f.conversationId === 'conv-e1');
    expect(failed).toMatchObject({ reason: 'no-agents', fallbacks: ['callback', 'leave-message'] });
    expect((await test.store.getConversation('conv-e1'))?.priority).toBe('emergency');
    // Not selectable either: the server accepts only what it offered.
    patient.send(
      patientMessage('fallback.select', {
        conversationId: 'conv-e1',
        clientMessageId: 'pick-1',
        choice: { option: 'appointment' },
      }),
    );
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'pick-1')).toMatchObject({
      code: 'invalid_message',
    });

    const routine = await patientOf(test, 'pat-r');
    routine.send(handoffRequestFrame('conv-r1'));
    const offered = await routine.waitFor('handoff.failed', (f) => f.conversationId === 'conv-r1');
    expect(offered.fallbacks).toEqual(['appointment', 'callback', 'leave-message']);
  });

  it('keeps the patient waiting while an agent of the queue is online (until the queue timeout)', async () => {
    const test = await server({ timeouts: { unstaffedFallbackMs: 200, queueTimeoutMs: 1500 } });
    const agent = await agentOf(test, 'agent-cardio', ['cardiology']);
    agent.send(agentMessage('presence', { presence: 'available' }));
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    const patient = await patientOf(test);
    patient.send(handoffRequestFrame('conv-u2'));
    // The first failure the patient gets is the queue timeout, well after the unstaffed check.
    const failed = await patient.waitFor('handoff.failed', undefined, 5000);
    expect(failed.reason).toBe('expired');
  });

  it('keeps the patient waiting while the only agent of the queue is away or busy', async () => {
    const test = await server({ timeouts: { unstaffedFallbackMs: 200, queueTimeoutMs: 1500 } });
    const agent = await agentOf(test, 'agent-cardio', ['cardiology']);
    agent.send(agentMessage('presence', { presence: 'away' }));
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    const patient = await patientOf(test);
    patient.send(handoffRequestFrame('conv-u6'));
    await agent.waitFor('queue.update', (f) => f.change.op === 'upsert');
    agent.send(agentMessage('presence', { presence: 'busy' }));
    agent.send(agentMessage('presence', { presence: 'away' }));
    // Signed in: the unstaffed checks pass; the first failure is the queue timeout.
    const failed = await patient.waitFor('handoff.failed', undefined, 5000);
    expect(failed.reason).toBe('expired');
  });

  it('offers the fallback within seconds once the last agent of the queue signs out', async () => {
    const test = await server({ timeouts: { unstaffedFallbackMs: 300 } });
    const agent = await agentOf(test, 'agent-cardio', ['cardiology']);
    agent.send(agentMessage('presence', { presence: 'available' }));
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    const patient = await patientOf(test);
    patient.send(handoffRequestFrame('conv-u4'));
    await agent.waitFor('queue.update', (f) => f.change.op === 'upsert');
    // Staffed: the first check passes. Then the agent signs out.
    agent.close();
    const left = Date.now();
    const failed = await patient.waitFor('handoff.failed', undefined, 5000);
    expect(failed.reason).toBe('no-agents');
    expect((Date.now() - left) / 1000).toBeLessThan(3);
  });

  it('tells the patient at once that the queue is closed, with its out-of-hours message', async () => {
    const message = 'Our nurses answer Monday to Friday, 8:00 to 18:00 (Paris time).';
    const test = await server({
      // The no-agent delay is long: a closed queue does not wait for it.
      timeouts: { unstaffedFallbackMs: 30_000 },
      desk: {
        businessHours: {
          cardiology: { timeZone: 'Europe/Paris', weekly: {}, outOfHoursMessage: message },
        },
      },
    });
    const agent = await agentOf(test, 'agent-cardio', ['cardiology']);
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    agent.send(agentMessage('presence', { presence: 'available' }));
    const patient = await patientOf(test);
    const sent = Date.now();
    patient.send(handoffRequestFrame('conv-u3'));
    expect(await patient.waitFor('handoff.failed', undefined, 5000)).toMatchObject({
      reason: 'out-of-hours',
      notice: message,
    });
    expect((Date.now() - sent) / 1000).toBeLessThan(3);
  });
});

describe('business hours set at run time', () => {
  it('apply from the next check; a wrong definition is refused and changes nothing', async () => {
    const test = await server({ timeouts: { unstaffedFallbackMs: 100 } });
    expect(() =>
      test.server.desk.setBusinessHours({ cardiology: { timeZone: 'Mars/Base', weekly: {} } }),
    ).toThrow('queue "cardiology": unknown time zone "Mars/Base"');
    test.server.desk.setBusinessHours({
      cardiology: { timeZone: 'UTC', weekly: {}, outOfHoursMessage: 'Closed today.' },
    });
    const agent = await agentOf(test, 'agent-cardio', ['cardiology']);
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    const patient = await patientOf(test);
    patient.send(handoffRequestFrame('conv-u5'));
    expect(await patient.waitFor('handoff.failed')).toMatchObject({
      reason: 'out-of-hours',
      notice: 'Closed today.',
    });
  });
});

describe('after a restart', () => {
  it('checks the patients still waiting, and offers the fallback when nobody is there', async () => {
    const store = new MemoryConversationStore();
    await store.createConversation({
      id: 'conv-r1',
      patientId: 'pat-r',
      state: 'handoff_requested',
    });
    expect((await store.enqueue('conv-r1', { queue: 'cardiology', priority: 'routine' })).ok).toBe(
      true,
    );
    const test = await server({ store, timeouts: { unstaffedFallbackMs: 100 } });
    const supervisor = await connectAgent(
      test.url,
      await test.tokens.staff('sup', ['supervisor'], []),
    );
    open.push(supervisor);
    supervisor.send(agentMessage('followup.subscribe', {}));
    const snapshot = await supervisor.waitFor('followup.snapshot');
    const item =
      snapshot.items.find((i) => i.conversationId === 'conv-r1') ??
      (await supervisor.waitFor('followup.update', (f) => f.item.conversationId === 'conv-r1'))
        .item;
    expect(item).toMatchObject({ kind: 'failed', request: { reason: 'no-agents' } });
    expect((await store.getConversation('conv-r1'))?.state).toBe('failed');
  });
});
