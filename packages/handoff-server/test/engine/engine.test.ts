import { agentMessage, BatonProtocolError, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { handoffRequestFrame, sampleRequest } from '../support/frames';
import { eventually } from '../support/recording';
import { agent, createTestEngine, patient } from './setup';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function started(options: Parameters<typeof createTestEngine>[0] = {}) {
  const setup = createTestEngine(options);
  await setup.engine.start();
  stops.push(() => setup.engine.stop());
  return setup;
}

/** A conversation that is queued in `cardiology`. */
async function queuedConversation(setup: Awaited<ReturnType<typeof started>>, id = 'conv-1') {
  await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame(id));
  await setup.engine.idle();
  await setup.adapter.host.queued(id, {
    queue: 'cardiology',
    position: 1,
    estimatedWaitSeconds: null,
  });
}

const message = (conversationId: string, clientMessageId: string, text = 'hello') =>
  patientMessage('message', { conversationId, clientMessageId, text });

describe('handoff request', () => {
  it('creates the conversation bound to the authenticated patient, saves the transcript, acks after commit', async () => {
    const setup = await started();
    const ack = await setup.engine.patient.handoffRequest(
      patient('pat-7'),
      handoffRequestFrame('c1', 'r1'),
    );
    expect(ack).toMatchObject({ type: 'ack', conversationId: 'c1', clientMessageId: 'r1', seq: 1 });
    const stored = await setup.store.getConversation('c1');
    expect(stored).toMatchObject({ patientId: 'pat-7', state: 'handoff_requested' });
    expect((await setup.store.getTranscript('c1'))?.entries).toHaveLength(2);
    await setup.engine.idle();
    const handoffs = setup.adapter.calls.filter((c) => c.call === 'handoff');
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]).toMatchObject({
      conversation: { conversationId: 'c1', request: { patient: { patientId: 'pat-7' } } },
    });
  });

  it('answers a retried request with the same ack and hands over once', async () => {
    const setup = await started();
    const first = await setup.engine.patient.handoffRequest(
      patient(),
      handoffRequestFrame('c1', 'r1'),
    );
    const again = await setup.engine.patient.handoffRequest(
      patient(),
      handoffRequestFrame('c1', 'r1'),
    );
    expect(again.seq).toBe(first.seq);
    await setup.engine.idle();
    expect(setup.adapter.calls.filter((c) => c.call === 'handoff')).toHaveLength(1);
    await expect(
      setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('c1', 'r2')),
    ).rejects.toMatchObject({ code: 'illegal_transition' });
  });

  it('refuses a conversation id owned by another patient, and audits the denial', async () => {
    const setup = await started();
    await setup.engine.patient.handoffRequest(patient('pat-1'), handoffRequestFrame('c1'));
    await expect(
      setup.engine.patient.handoffRequest(patient('pat-2'), handoffRequestFrame('c1', 'x')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      setup.engine.patient.message(patient('pat-2'), message('c1', 'm1')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setup.engine.patient.authorize(patient('pat-2'), 'c1')).rejects.toMatchObject({
      code: 'forbidden',
    });
    const audit = await setup.store.queryAudit({ conversationId: 'c1' });
    expect(
      audit.filter((a) => a.outcome === 'denied' && a.actorId === 'pat-2').length,
    ).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain('hello');
  });

  it('fails the handoff with fallbacks when the adapter refuses it', async () => {
    const setup = await started();
    setup.adapter.failHandoff = true;
    await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('c1'));
    await eventually(async () => (await setup.store.getConversation('c1'))?.state === 'failed');
    const failed = setup.delivery.patient.find((p) => p.frame.type === 'handoff.failed');
    expect(failed?.frame).toMatchObject({
      reason: 'adapter-failed',
      fallbacks: ['leave-message', 'callback'],
    });
  });
});

describe('messages', () => {
  it('assigns increasing seqs, de-duplicates client message ids and forwards once to the adapter', async () => {
    const setup = await started();
    await queuedConversation(setup);
    const a = await setup.engine.patient.message(patient(), message('conv-1', 'm1', 'first'));
    const b = await setup.engine.patient.message(patient(), message('conv-1', 'm2', 'second'));
    const retry = await setup.engine.patient.message(patient(), message('conv-1', 'm1', 'first'));
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(retry.seq).toBe(a.seq);
    const log = await setup.store.listMessages('conv-1');
    expect(log.filter((m) => m.from === 'patient')).toHaveLength(2);
    await setup.engine.idle();
    const forwarded = setup.adapter.calls.filter((c) => c.call === 'patientMessage');
    expect(forwarded.map((c) => c.call === 'patientMessage' && c.message.text)).toEqual([
      'first',
      'second',
    ]);
  });

  it('orders concurrent messages: seqs follow arrival order without gaps or repeats', async () => {
    const setup = await started();
    await queuedConversation(setup);
    const acks = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        setup.engine.patient.message(patient(), message('conv-1', `m${i}`, `text ${i}`)),
      ),
    );
    const seqs = acks.map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(25);
    expect(seqs[24]! - seqs[0]!).toBe(24);
  });

  it('does not ack a message the store failed to commit', async () => {
    const setup = await started();
    await queuedConversation(setup);
    const original = setup.store.appendMessage.bind(setup.store);
    const originalIfAllowed = setup.store.appendIfAllowed.bind(setup.store);
    let fail = true;
    const failOnce = () => {
      if (!fail) return;
      fail = false;
      throw new Error('disk full');
    };
    // A patient's message is appended by `appendIfAllowed` (one step with the checks).
    setup.store.appendMessage = async (id, m) => {
      failOnce();
      return original(id, m);
    };
    setup.store.appendIfAllowed = async (id, m, allow) => {
      failOnce();
      return originalIfAllowed(id, m, allow);
    };
    await expect(setup.engine.patient.message(patient(), message('conv-1', 'm1'))).rejects.toThrow(
      'disk full',
    );
    expect(setup.delivery.patient.some((p) => p.frame.type === 'message')).toBe(false);
    const ack = await setup.engine.patient.message(patient(), message('conv-1', 'm1'));
    expect(ack.seq).toBeGreaterThan(0);
  });

  it('refuses messages after the conversation ended but still re-acks a committed one', async () => {
    const setup = await started();
    await queuedConversation(setup);
    const ack = await setup.engine.patient.message(patient(), message('conv-1', 'm1'));
    await setup.engine.patient.leave(
      patient(),
      patientMessage('leave', { conversationId: 'conv-1' }),
    );
    expect((await setup.store.getConversation('conv-1'))?.state).toBe('abandoned');
    expect((await setup.engine.patient.message(patient(), message('conv-1', 'm1'))).seq).toBe(
      ack.seq,
    );
    await expect(
      setup.engine.patient.message(patient(), message('conv-1', 'm9')),
    ).rejects.toMatchObject({ code: 'illegal_transition' });
  });
});

describe('agents', () => {
  it('claim → agent.joined (logged), messages both ways, end; audited; bot muted then released', async () => {
    const setup = await started();
    await queuedConversation(setup);
    await setup.desk.claim(agent(), 'conv-1');
    expect((await setup.store.getConversation('conv-1'))?.state).toBe('assigned');
    expect(setup.delivery.watching.has('agent-1/conv-1')).toBe(true);
    expect(
      setup.delivery.agent.find((a) => a.frame.type === 'conversation.assigned')?.frame,
    ).toMatchObject({
      request: { transcript: { entries: [{ id: 'bot-1' }, { id: 'pat-1' }] } },
    });
    const reply = await setup.desk.message(
      agent(),
      agentMessage('message', {
        conversationId: 'conv-1',
        clientMessageId: 'a1',
        text: 'Hi, I am Dana',
      }),
    );
    await setup.engine.agent.note(
      agent(),
      agentMessage('note', { conversationId: 'conv-1', clientMessageId: 'n1', text: 'internal' }),
    );
    await setup.desk.end(
      agent(),
      agentMessage('conversation.end', { conversationId: 'conv-1', reason: 'resolved' }),
    );
    const types = setup.delivery.patientTypes('conv-1');
    expect(types).toEqual(expect.arrayContaining(['agent.joined', 'message', 'handoff.ended']));
    expect(
      setup.delivery.patient.some((p) => p.frame.type === 'message' && p.frame.text === 'internal'),
    ).toBe(false);
    expect(reply.seq).toBeGreaterThan(1);
    const audit = await setup.store.queryAudit({ conversationId: 'conv-1' });
    expect(audit.some((a) => a.action === 'conversation.claim' && a.outcome === 'allowed')).toBe(
      true,
    );
    await setup.engine.idle();
    expect(setup.bot.calls).toEqual([]); // the sample request has no Direct Line reference
  });

  it('refuses a second claim with conflict; other queues are forbidden', async () => {
    const setup = await started();
    await queuedConversation(setup);
    await expect(
      setup.desk.claim(agent('agent-x', ['dermatology']), 'conv-1'),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await setup.desk.claim(agent('agent-1'), 'conv-1');
    await expect(setup.desk.claim(agent('agent-2'), 'conv-1')).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('mutes the bot on Direct Line when an agent holds the conversation', async () => {
    const setup = await started();
    const request = sampleRequest({ directLine: { conversationId: 'dl-42' } });
    await setup.engine.patient.handoffRequest(
      patient(),
      handoffRequestFrame('conv-1', 'r1', request),
    );
    await setup.engine.idle();
    await setup.adapter.host.agentJoined('conv-1', { id: 'ext-1', displayName: 'Sam' });
    await setup.adapter.host.ended('conv-1', 'resolved');
    await eventually(() => setup.bot.calls.length === 2);
    expect(setup.bot.calls.map((c) => [c.directLine.conversationId, c.state])).toEqual([
      ['dl-42', 'accepted'],
      ['dl-42', 'completed'],
    ]);
  });
});

describe('resume', () => {
  it('replays committed frames after sinceSeq in order, then resumed with the current state', async () => {
    const setup = await started();
    await queuedConversation(setup);
    await setup.engine.patient.message(patient(), message('conv-1', 'm1', 'one'));
    await setup.desk.claim(agent(), 'conv-1');
    await setup.desk.message(
      agent(),
      agentMessage('message', { conversationId: 'conv-1', clientMessageId: 'a1', text: 'two' }),
    );
    const conversation = await setup.engine.patient.authorize(patient(), 'conv-1');
    const frames = await setup.engine.patient.replay(
      conversation,
      patientMessage('resume', { conversationId: 'conv-1', sinceSeq: 1 }),
    );
    expect(frames.map((f) => f.type)).toEqual(['message', 'agent.joined', 'message', 'resumed']);
    const seqs = frames.slice(0, -1).map((f) => ('seq' in f ? f.seq : -1));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(frames.at(-1)).toMatchObject({
      type: 'resumed',
      state: 'assigned',
      lastSeq: seqs.at(-1),
      agent: { id: 'agent-1' },
    });
  });
});

describe('adapter host', () => {
  it('rejects illegal reports with HandoffServerError and changes nothing', async () => {
    const setup = await started();
    await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('c1'));
    const error = await setup.adapter.host
      .agentMessage('c1', { externalId: 'e1', text: 'too early' })
      .catch((e: unknown) => e);
    expect(HandoffServerError.is(error, 'illegal_transition')).toBe(true);
    await expect(
      setup.adapter.host.queued('c1', { queue: '', position: 0, estimatedWaitSeconds: null }),
    ).rejects.toMatchObject({ code: 'invalid_report' });
    expect((await setup.store.getConversation('c1'))?.state).toBe('handoff_requested');
  });

  it('de-duplicates agent messages by external id', async () => {
    const setup = await started();
    await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('c1'));
    await setup.adapter.host.agentJoined('c1', { id: 'ext-1', displayName: 'Sam' });
    const first = await setup.adapter.host.agentMessage('c1', { externalId: 'e1', text: 'hi' });
    const again = await setup.adapter.host.agentMessage('c1', { externalId: 'e1', text: 'hi' });
    expect(again.seq).toBe(first.seq);
    expect(setup.delivery.patient.filter((p) => p.frame.type === 'message')).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('expires a queued conversation with a fallback offer', async () => {
    const setup = await started({ timeouts: { queueTimeoutMs: 40, patientIdleMs: 60_000 } });
    await queuedConversation(setup);
    await eventually(
      async () => (await setup.store.getConversation('conv-1'))?.state === 'expired',
    );
    const failed = setup.delivery.patient.find((p) => p.frame.type === 'handoff.failed');
    expect(failed?.frame).toMatchObject({
      reason: 'expired',
      fallbacks: ['leave-message', 'callback'],
    });
    await setup.engine.idle();
    expect(setup.adapter.calls).toContainEqual({
      call: 'conversationClosed',
      conversationId: 'conv-1',
      reason: 'expired',
    });
  });

  it('abandons a conversation whose patient went quiet', async () => {
    const setup = await started({ timeouts: { queueTimeoutMs: 60_000, patientIdleMs: 40 } });
    await queuedConversation(setup);
    await eventually(
      async () => (await setup.store.getConversation('conv-1'))?.state === 'abandoned',
    );
    expect(
      setup.delivery.patient.find((p) => p.frame.type === 'handoff.ended')?.frame,
    ).toMatchObject({ endedBy: 'system', reason: 'inactivity' });
  });

  it('cancels deadlines when the conversation closes', async () => {
    const setup = await started({ timeouts: { queueTimeoutMs: 60, patientIdleMs: 60 } });
    await queuedConversation(setup);
    await setup.desk.claim(agent(), 'conv-1');
    await setup.desk.end(
      agent(),
      agentMessage('conversation.end', { conversationId: 'conv-1', reason: 'resolved' }),
    );
    await setup.engine.idle();
    for (const kind of ['queue', 'idle'] as const)
      expect(await setup.store.getSchedule(kind, 'conv-1')).toBeNull();
    // Deadlines armed later with the same delays fire later: once the next conversation's has
    // fired, the first one's would have too, and it is still simply ended.
    await queuedConversation(setup, 'conv-2');
    await eventually(async () =>
      ['expired', 'abandoned'].includes((await setup.store.getConversation('conv-2'))?.state ?? ''),
    );
    await setup.engine.idle();
    expect((await setup.store.getConversation('conv-1'))?.state).toBe('ended');
  });
});

describe('shutdown', () => {
  it('finishes in-flight commits, then refuses new work as unavailable', async () => {
    const setup = createTestEngine();
    await setup.engine.start();
    await setup.engine.patient.handoffRequest(patient(), handoffRequestFrame('c1'));
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      setup.engine.patient.message(patient(), message('c1', `m${i}`)),
    );
    await setup.engine.stop();
    const acks = await Promise.all(inFlight);
    expect(acks).toHaveLength(10);
    expect(setup.adapter.stopped).toBe(true);
    const error = await setup.engine.patient
      .message(patient(), message('c1', 'late'))
      .catch((e: unknown) => e);
    expect(BatonProtocolError.is(error) && error.code).toBe('unavailable');
  });
});
