import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const test = await startTestServer(options);
  cleanups.push(() => test.close());
  return test;
}

async function patientAsks(test: TestServer, patientId: string, conversationId: string) {
  const patient = await connectPatient(test.url, await test.tokens.patient(patientId));
  cleanups.push(() => patient.close());
  patient.send(handoffRequestFrame(conversationId));
  await patient.waitFor('handoff.queued');
  return patient;
}

async function agentHolds(test: TestServer, staffId: string, conversationId: string) {
  const agent = await connectAgent(test.url, await test.tokens.staff(staffId));
  cleanups.push(() => agent.close());
  await agent.waitFor('agent.assignments');
  agent.send(agentMessage('conversation.claim', { conversationId }));
  await agent.waitFor('conversation.assigned', (f) => f.conversationId === conversationId);
  return agent;
}

describe("an agent's work lives on the server", () => {
  it('tells an agent on every connection what she holds, with its last seq', async () => {
    const test = await setup();
    const patient = await patientAsks(test, 'p1', 'c1');
    const first = await agentHolds(test, 'agent-1', 'c1');
    patient.send(
      patientMessage('message', {
        conversationId: 'c1',
        clientMessageId: 'm1',
        text: 'Still there?',
      }),
    );
    const ack = await patient.waitFor('ack', (a) => a.clientMessageId === 'm1');
    first.close();
    // Another device (or the reloaded page): the same conversation, the same log position.
    const second = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    cleanups.push(() => second.close());
    const frame = await second.waitFor('agent.assignments');
    expect(frame.assignments).toEqual([
      expect.objectContaining({
        conversationId: 'c1',
        state: 'assigned',
        lastSeq: ack.seq,
        agent: expect.objectContaining({ id: 'agent-1' }),
        request: expect.objectContaining({
          patient: expect.objectContaining({ displayName: 'Alex Martin' }),
          transcript: expect.objectContaining({ entries: expect.any(Array) }),
        }),
      }),
    ]);
    // Someone else holds nothing.
    const other = await connectAgent(test.url, await test.tokens.staff('agent-2'));
    cleanups.push(() => other.close());
    expect((await other.waitFor('agent.assignments')).assignments).toEqual([]);
  });

  it('lists each request as the staff view allows: clinical attributes only with clearance, hidden ones never', async () => {
    const test = await setup();
    const attributes = [
      { key: 'plan', value: 'Gold', displayable: true, clinical: false },
      { key: 'allergy', value: 'Penicillin', displayable: true, clinical: true },
      { key: 'mrn', value: 'MRN-1', displayable: false, clinical: false },
    ];
    // Verified attributes come from the signed token, never from the browser.
    const patient = await connectPatient(
      test.url,
      await test.tokens.patient('p1', undefined, { attributes }),
    );
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1', 'req-c1', sampleRequest()));
    await patient.waitFor('handoff.queued');
    const standard = await agentHolds(test, 'agent-1', 'c1');
    standard.close();
    const keys = async (clinical: boolean) => {
      const agent = await connectAgent(
        test.url,
        await test.tokens.staff('agent-1', ['agent'], ['cardiology'], { clinical }),
      );
      cleanups.push(() => agent.close());
      const frame = await agent.waitFor('agent.assignments');
      agent.close();
      return frame.assignments[0]?.request.patient.attributes?.map((a) => a.key);
    };
    expect(await keys(false)).toEqual(['plan']);
    expect(await keys(true)).toEqual(['plan', 'allergy']);
  });

  it('returns the conversation of an agent gone past her grace to the front of the queue; the patient is told; nothing is lost', async () => {
    const test = await setup({ timeouts: { agentGraceMs: 300 } });
    const held = await patientAsks(test, 'p1', 'c1');
    await patientAsks(test, 'p2', 'c2');
    const agent = await agentHolds(test, 'agent-1', 'c1');
    held.send(
      patientMessage('message', {
        conversationId: 'c1',
        clientMessageId: 'm1',
        text: 'My chest hurts a bit',
      }),
    );
    await held.waitFor('ack', (a) => a.clientMessageId === 'm1');
    agent.close();
    const left = await held.waitFor('agent.left', () => true, 5000);
    expect(left).toMatchObject({
      reason: 'disconnected',
      requeued: true,
      agent: { id: 'agent-1' },
    });
    expect(
      (
        await held.waitFor(
          'handoff.queued',
          (f) => held.frames.indexOf(f) > held.frames.indexOf(left),
        )
      ).queue,
    ).toMatchObject({ position: 1 });
    expect((await test.store.listQueue('cardiology')).map((e) => e.conversationId)).toEqual([
      'c1',
      'c2',
    ]);
    const next = await connectAgent(test.url, await test.tokens.staff('agent-2'));
    cleanups.push(() => next.close());
    next.send(agentMessage('queue.subscribe', {}));
    expect((await next.waitFor('queue.snapshot')).items[0]).toMatchObject({
      conversationId: 'c1',
      position: 1,
    });
    next.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await next.waitFor('conversation.assigned');
    next.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    const transcript = await next.waitFor('conversation.transcript');
    expect(transcript.log.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual([
      'My chest hurts a bit',
    ]);
    expect(transcript.log.map((e) => e.event).filter(Boolean)).toContain('agent.left');
    const metrics = await (await fetch(`${test.url}/metrics`)).text();
    expect(metrics).toMatch(/^baton_agent_grace_requeues_total 1$/m);
  });

  it('keeps her conversations when she comes back within the grace period', async () => {
    const test = await setup({ timeouts: { agentGraceMs: 600 } });
    const kept = await patientAsks(test, 'p1', 'c1');
    const witness = await patientAsks(test, 'p2', 'c2');
    const agent = await agentHolds(test, 'agent-1', 'c1');
    const other = await agentHolds(test, 'agent-2', 'c2');
    agent.close();
    const back = await connectAgent(test.url, await test.tokens.staff('agent-1'));
    cleanups.push(() => back.close());
    expect(
      (await back.waitFor('agent.assignments')).assignments.map((a) => a.conversationId),
    ).toEqual(['c1']);
    // agent-2 leaves after agent-1 did: her grace ends later, so when it has, agent-1's would have too.
    other.close();
    await witness.waitFor('agent.left');
    expect(kept.of('agent.left')).toEqual([]);
    expect(await test.store.getConversation('c1')).toMatchObject({
      state: 'assigned',
      assignedAgentId: 'agent-1',
    });
  });

  it('after a restart, an agent who does not come back loses her conversations to the queue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-grace-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const keyRing = testKeyRing();
    const open = () => new SqliteConversationStore({ filename: join(dir, 'baton.db'), keyRing });
    const firstStore = open();
    // Her grace period is stored when her socket closes: the next process honours that deadline.
    const grace = { agentGraceMs: 1500 };
    const first = await startTestServer({ store: firstStore, closeStore: false, timeouts: grace });
    const patient = await connectPatient(first.url, await first.tokens.patient('p1'));
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    const agent = await connectAgent(first.url, await first.tokens.staff('agent-1'));
    agent.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await agent.waitFor('conversation.assigned');
    patient.close();
    agent.close();
    await first.close();
    await firstStore.close();
    // The new process has no socket of hers: after the grace period, back to the queue.
    const store = open();
    const second = await startTestServer({ store, timeouts: grace });
    cleanups.push(() => second.close());
    // The state change and its log entry are two commits: wait for both.
    for (let i = 0; i < 200; i += 1) {
      const queued = (await store.getConversation('c1'))?.state === 'queued';
      if (queued && (await second.server.engine.log('c1')).length > 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await store.getConversation('c1')).toMatchObject({
      state: 'queued',
      assignedAgentId: null,
    });
    expect((await store.listQueue('cardiology')).map((e) => e.conversationId)).toEqual(['c1']);
    const log = await second.server.engine.log('c1');
    expect(log.length).toBeGreaterThan(2);
  });
});
