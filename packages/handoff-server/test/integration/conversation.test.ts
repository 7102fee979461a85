import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(options: Parameters<typeof startTestServer>[0] = {}) {
  const test = await startTestServer(options);
  cleanups.push(() => test.close());
  return test;
}

async function patientOn(test: TestServer, patientId = 'pat-1', conversationId?: string) {
  const client = await connectPatient(
    test.url,
    await test.tokens.patient(patientId, conversationId),
  );
  cleanups.push(() => client.close());
  return client;
}

async function agentOn(
  test: TestServer,
  staffId = 'agent-1',
  roles: ('agent' | 'supervisor')[] = ['agent'],
) {
  const client = await connectAgent(test.url, await test.tokens.staff(staffId, roles));
  cleanups.push(() => client.close());
  return client;
}

/** Patient asks, waits in `cardiology`; agent subscribed to the queue claims it. */
async function claimed(test: TestServer, conversationId = 'conv-1') {
  const patient = await patientOn(test);
  patient.send(handoffRequestFrame(conversationId));
  await patient.waitFor('ack');
  await patient.waitFor('handoff.queued');
  const agent = await agentOn(test);
  agent.send(agentMessage('queue.subscribe', {}));
  await agent.waitFor('queue.snapshot');
  agent.send(agentMessage('conversation.claim', { conversationId }));
  await agent.waitFor('conversation.assigned');
  await patient.waitFor('agent.joined');
  return { patient, agent };
}

/** The server side's TCP socket of the one patient connected, its writes counted. */
function patientWrites(test: TestServer): () => number {
  const [socket] = test.server.io.of('/patient').sockets.values();
  const raw = (
    socket!.conn as unknown as { transport: { socket: { _socket: Record<string, unknown> } } }
  ).transport.socket._socket;
  let writes = 0;
  for (const name of ['_write', '_writev']) {
    const original = raw[name] as (...args: unknown[]) => unknown;
    raw[name] = function (this: unknown, ...args: unknown[]) {
      writes += 1;
      return original.apply(this, args);
    };
  }
  return () => writes;
}

describe('a conversation over real sockets (SQLite)', () => {
  it('request → queued → claimed → messages both ways → ended', async () => {
    const test = await setup();
    const patient = await patientOn(test);
    patient.send(handoffRequestFrame('conv-1', 'req-1'));
    expect(await patient.waitFor('ack')).toMatchObject({ clientMessageId: 'req-1', seq: 1 });
    expect((await patient.waitFor('handoff.queued')).queue).toMatchObject({
      queue: 'cardiology',
      position: 1,
    });

    const agent = await agentOn(test);
    agent.send(agentMessage('queue.subscribe', {}));
    const snapshot = await agent.waitFor('queue.snapshot');
    expect(snapshot.items).toMatchObject([
      { conversationId: 'conv-1', patientDisplayName: 'Alex Martin', position: 1 },
    ]);

    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-1' }));
    const assigned = await agent.waitFor('conversation.assigned');
    expect(assigned.request.transcript.entries).toHaveLength(2);
    expect((await patient.waitFor('agent.joined')).agent).toMatchObject({ id: 'agent-1' });

    patient.send(
      patientMessage('message', {
        conversationId: 'conv-1',
        clientMessageId: 'p1',
        text: 'my chest hurts a bit',
      }),
    );
    const ack = await patient.waitFor('ack', (f) => f.clientMessageId === 'p1');
    const seen = await agent.waitFor('message', (f) => f.from === 'patient');
    // The desk carries the patient's message (seq, text), not the patient's client id.
    expect(seen).toMatchObject({ seq: ack.seq, text: 'my chest hurts a bit' });

    agent.send(
      agentMessage('message', {
        conversationId: 'conv-1',
        clientMessageId: 'a1',
        text: 'I am here to help',
      }),
    );
    const agentAck = await agent.waitFor('ack', (f) => f.clientMessageId === 'a1');
    expect(await patient.waitFor('message', (f) => f.from === 'agent')).toMatchObject({
      seq: agentAck.seq,
      agent: { id: 'agent-1' },
    });
    expect(agentAck.seq).toBeGreaterThan(ack.seq);

    agent.send(agentMessage('conversation.end', { conversationId: 'conv-1', reason: 'resolved' }));
    expect(await patient.waitFor('handoff.ended')).toMatchObject({
      endedBy: 'agent',
      reason: 'resolved',
    });
    expect((await test.store.getConversation('conv-1'))?.state).toBe('ended');
    const audit = await test.store.queryAudit({ conversationId: 'conv-1' });
    expect(audit.map((a) => a.action)).toContain('conversation.claim');
  });

  it('de-duplicates a retried message: same ack, one copy for the agent', async () => {
    const test = await setup();
    const { patient, agent } = await claimed(test);
    const frame = patientMessage('message', {
      conversationId: 'conv-1',
      clientMessageId: 'dup',
      text: 'once',
    });
    patient.send(frame);
    patient.send({ ...frame, id: 'other-envelope-id' });
    await patient.waitFor('ack', (f) => f.clientMessageId === 'dup');
    const marker = patientMessage('message', {
      conversationId: 'conv-1',
      clientMessageId: 'after',
      text: 'after',
    });
    patient.send(marker);
    await agent.waitFor('message', (f) => f.from === 'patient' && f.text === 'after');
    const acks = patient.of('ack').filter((a) => a.clientMessageId === 'dup');
    expect(acks).toHaveLength(2);
    expect(acks[0]!.seq).toBe(acks[1]!.seq);
    expect(
      agent.of('message').filter((m) => m.from === 'patient' && m.text === 'once'),
    ).toHaveLength(1);
  });

  it('resumes after a reconnect: replays what was missed, in order, then resumed', async () => {
    const test = await setup();
    const { patient, agent } = await claimed(test);
    const lastSeen = (await patient.waitFor('agent.joined')).seq;
    patient.close();
    for (const n of [1, 2, 3]) {
      agent.send(
        agentMessage('message', {
          conversationId: 'conv-1',
          clientMessageId: `a${n}`,
          text: `missed ${n}`,
        }),
      );
      await agent.waitFor('ack', (f) => f.clientMessageId === `a${n}`);
    }
    const back = await patientOn(test);
    back.send(patientMessage('resume', { conversationId: 'conv-1', sinceSeq: lastSeen }));
    const resumed = await back.waitFor('resumed');
    const replayed = back.of('message').map((m) => m.text);
    expect(replayed).toEqual(['missed 1', 'missed 2', 'missed 3']);
    expect(resumed).toMatchObject({
      state: 'assigned',
      agent: { id: 'agent-1' },
      lastSeq: lastSeen + 3,
    });
    agent.send(
      agentMessage('message', {
        conversationId: 'conv-1',
        clientMessageId: 'live',
        text: 'live again',
      }),
    );
    await back.waitFor('message', (m) => m.text === 'live again');
  });

  it('exactly one of two agents accepting at once wins', async () => {
    const test = await setup();
    const patient = await patientOn(test);
    patient.send(handoffRequestFrame('conv-race'));
    await patient.waitFor('handoff.queued');
    const [first, second] = await Promise.all([agentOn(test, 'agent-a'), agentOn(test, 'agent-b')]);
    const claim = agentMessage('conversation.claim', { conversationId: 'conv-race' });
    first!.send(claim);
    second!.send({ ...claim, id: 'second-claim' });
    const outcomes = await Promise.all(
      [first!, second!].map((client) =>
        Promise.race([
          client.waitFor('conversation.assigned').then(() => 'won'),
          client.waitFor('error').then((e) => e.code),
        ]),
      ),
    );
    expect(outcomes.sort()).toEqual(['conflict', 'won']);
    const conversation = await test.store.getConversation('conv-race');
    expect(['agent-a', 'agent-b']).toContain(conversation?.assignedAgentId);
  });

  it('transfers to another agent, who gets the conversation and the note', async () => {
    const test = await setup();
    const { patient, agent } = await claimed(test);
    const other = await agentOn(test, 'agent-2');
    await test.server.engine.idle();
    agent.send(
      agentMessage('conversation.transfer', {
        conversationId: 'conv-1',
        target: { kind: 'agent', agentId: 'agent-2' },
        note: 'needs billing',
      }),
    );
    const assigned = await other.waitFor('conversation.assigned');
    expect(assigned).toMatchObject({
      transferredFrom: { id: 'agent-1' },
      transferNote: 'needs billing',
    });
    expect(await patient.waitFor('agent.joined', (f) => f.agent.id === 'agent-2')).toBeTruthy();
    other.send(
      agentMessage('message', {
        conversationId: 'conv-1',
        clientMessageId: 'o1',
        text: 'billing here',
      }),
    );
    await patient.waitFor('message', (m) => m.text === 'billing here');
    const audit = await test.store.queryAudit({ conversationId: 'conv-1' });
    expect(
      audit.some((a) => a.action === 'conversation.transfer' && a.targetId === 'agent-2'),
    ).toBe(true);
  });

  it('gives supervisors a live snapshot and updates; agents may not subscribe', async () => {
    const test = await setup();
    const supervisor = await agentOn(test, 'sup-1', ['supervisor']);
    supervisor.send(agentMessage('supervisor.subscribe', {}));
    expect((await supervisor.waitFor('supervisor.snapshot')).conversations).toEqual([]);
    const patient = await patientOn(test);
    patient.send(handoffRequestFrame('conv-s'));
    await supervisor.waitFor('supervisor.update', (u) =>
      (u.upserted ?? []).some((c) => c.state === 'queued'),
    );
    // The figures follow in their own update (changes in a burst share one computation).
    const figures = await supervisor.waitFor('supervisor.update', (u) => u.kpis !== undefined);
    expect(figures.kpis).toMatchObject({ queued: 1 });
    const agent = await agentOn(test);
    agent.send(agentMessage('supervisor.subscribe', {}));
    expect((await agent.waitFor('error')).code).toBe('forbidden');
  });
});

describe('a patient reaches only their own conversation', () => {
  it('on resume, message and leave, and with a conversation-bound token', async () => {
    const test = await setup();
    const owner = await patientOn(test, 'pat-1');
    owner.send(handoffRequestFrame('conv-own'));
    await owner.waitFor('ack');
    const intruder = await patientOn(test, 'pat-2');
    intruder.send(patientMessage('resume', { conversationId: 'conv-own', sinceSeq: 0 }));
    intruder.send(
      patientMessage('message', { conversationId: 'conv-own', clientMessageId: 'x', text: 'hi' }),
    );
    intruder.send(patientMessage('leave', { conversationId: 'conv-own' }));
    intruder.send(handoffRequestFrame('conv-own', 'steal'));
    await intruder.waitFor('error', () => intruder.of('error').length === 4);
    expect(intruder.of('error').map((e) => e.code)).toEqual([
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
    ]);
    expect(intruder.frames.some((f) => f.type === 'message' || f.type === 'resumed')).toBe(false);
    expect((await test.store.getConversation('conv-own'))?.state).not.toBe('abandoned');

    const bound = await patientOn(test, 'pat-3', 'conv-bound');
    bound.send(handoffRequestFrame('conv-other'));
    expect((await bound.waitFor('error')).code).toBe('forbidden');
  });

  it('refuses handshakes without a valid token', async () => {
    const test = await setup();
    await expect(connectPatient(test.url, '')).rejects.toThrow('unauthorized');
    await expect(connectPatient(test.url, 'not-a-jwt')).rejects.toThrow('unauthorized');
    const staffToken = await test.tokens.staff('agent-1');
    await expect(connectPatient(test.url, staffToken)).rejects.toThrow('unauthorized');
    const patientToken = await test.tokens.patient('pat-1');
    await expect(connectAgent(test.url, patientToken)).rejects.toThrow('unauthorized');
  });
  it("a patient's message comes back as her own copy and the ack in one socket write", async () => {
    const test = await setup();
    const { patient, agent } = await claimed(test);
    // The first message also stores the patient's activity (a write of its own, awaited).
    patient.send(
      patientMessage('message', { conversationId: 'conv-1', clientMessageId: 'w0', text: 'hello' }),
    );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'w0');
    await patient.waitFor('message', (f) => f.clientMessageId === 'w0');
    const writes = patientWrites(test);
    patient.send(
      patientMessage('message', { conversationId: 'conv-1', clientMessageId: 'w1', text: 'hi' }),
    );
    const [ack, copy] = await Promise.all([
      patient.waitFor('ack', (f) => f.clientMessageId === 'w1'),
      patient.waitFor('message', (f) => f.clientMessageId === 'w1'),
    ]);
    expect(copy.seq).toBe(ack.seq);
    await agent.waitFor('message', (f) => f.seq === ack.seq);
    // One turn, one system call (engine.io alone writes each frame with its own).
    expect(writes()).toBe(1);
  });
});
