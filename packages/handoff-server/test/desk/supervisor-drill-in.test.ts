import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// The supervisor's map and drill-in over real socket.io clients: bot conversations appear
// and end on the dashboard; a whisper reaches staff and never the patient; barging in is
// announced to the patient; a supervisor reassigns a conversation and takes one over.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function staff(test: TestServer, id: string, roles: string[], queues: string[]) {
  const client = await connectAgent(test.url, await test.tokens.staff(id, roles as never, queues));
  cleanups.push(() => client.close());
  if (roles.includes('agent')) await client.waitFor('agent.assignments');
  return client;
}

async function assigned(store: 'memory' | 'sqlite', timeouts = {}) {
  const test = await startTestServer({ store, timeouts });
  cleanups.push(() => test.close());
  const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
  cleanups.push(() => patient.close());
  patient.send(handoffRequestFrame('c1'));
  await patient.waitFor('handoff.queued');
  const ana = await staff(test, 'ana', ['agent'], ['cardiology']);
  ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
  await ana.waitFor('conversation.assigned');
  await patient.waitFor('agent.joined');
  const sam = await staff(test, 'sam', ['supervisor'], []);
  return { test, patient, ana, sam };
}

describe.each(['memory', 'sqlite'] as const)('supervisor drill-in (%s)', (store) => {
  it('shows a bot conversation live, then as ended with its outcome', async () => {
    const test = await startTestServer({ store });
    cleanups.push(() => test.close());
    const sam = await staff(test, 'sam', ['supervisor'], []);
    sam.send(agentMessage('supervisor.subscribe', {}));
    const snapshot = await sam.waitFor('supervisor.snapshot');
    expect(snapshot.conversations).toEqual([]);
    const patient = await connectPatient(test.url, await test.tokens.patient('p9'));
    cleanups.push(() => patient.close());
    patient.send(
      patientMessage('bot.started', { conversationId: 'b1', locale: 'fr', entryPath: '/rdv' }),
    );
    const started = await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'b1')),
    );
    expect(started.upserted?.[0]).toMatchObject({
      conversationId: 'b1',
      state: 'bot',
      locale: 'fr',
      entryPath: '/rdv',
    });
    expect(started.upserted?.[0]?.endedAt).toBeUndefined();
    // Someone else's token cannot end it.
    const other = await connectPatient(test.url, await test.tokens.patient('p2'));
    cleanups.push(() => other.close());
    other.send(patientMessage('bot.ended', { conversationId: 'b1', outcome: 'abandoned' }));
    expect((await other.waitFor('error')).code).toBe('forbidden');
    patient.send(patientMessage('bot.ended', { conversationId: 'b1', outcome: 'contained' }));
    const ended = await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'b1' && c.endedAt)),
    );
    expect(ended.upserted?.[0]).toMatchObject({ botOutcome: 'contained', state: 'bot' });
    expect((await test.store.getBotSession('b1'))?.outcome).toBe('contained');
    // A new subscriber sees it among the recently ended.
    const kim = await staff(test, 'kim', ['supervisor'], []);
    kim.send(agentMessage('supervisor.subscribe', {}));
    const later = await kim.waitFor('supervisor.snapshot');
    expect(later.conversations).toContainEqual(
      expect.objectContaining({ conversationId: 'b1', botOutcome: 'contained' }),
    );
    expect(later.kpis.botConversations).toBe(0);
  });

  it('closes a silent bot conversation as abandoned (durable bot-idle deadline)', async () => {
    const test = await startTestServer({
      store,
      timeouts: { botSessionIdleMs: 200 },
      schedules: { pollMs: 50 },
    });
    cleanups.push(() => test.close());
    const sam = await staff(test, 'sam', ['supervisor'], []);
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    const patient = await connectPatient(test.url, await test.tokens.patient('p9'));
    cleanups.push(() => patient.close());
    patient.send(patientMessage('bot.started', { conversationId: 'b2', locale: 'en' }));
    const abandoned = await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'b2' && c.botOutcome === 'abandoned')),
    );
    expect(abandoned.upserted?.[0]?.endedAt).toBeDefined();
  });

  it('puts an unanswered handoff in the follow-up stage of the map, live', async () => {
    const test = await startTestServer({
      store,
      timeouts: { unstaffedFallbackMs: 100 },
      schedules: { pollMs: 50 },
    });
    cleanups.push(() => test.close());
    const sam = await staff(test, 'sam', ['supervisor'], []);
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c9'));
    await patient.waitFor('handoff.failed');
    const row = await sam.waitFor('supervisor.update', (u) =>
      Boolean(u.upserted?.some((c) => c.conversationId === 'c9' && c.followUpOpen)),
    );
    expect(row.upserted?.[0]).toMatchObject({ state: 'failed', followUpOpen: true });
    expect(row.upserted?.[0]?.endedAt).toBeDefined();
  });

  it('opens read-only (audited), whispers to staff only, and barges in for the patient to see', async () => {
    const { test, patient, ana, sam } = await assigned(store);
    sam.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    const transcript = await sam.waitFor('conversation.transcript');
    expect(transcript.state).toBe('assigned');
    expect(await test.store.queryAudit({ actorId: 'sam' })).toContainEqual(
      expect.objectContaining({
        action: 'transcript.view',
        outcome: 'allowed',
        conversationId: 'c1',
      }),
    );

    sam.send(
      agentMessage('conversation.whisper', {
        conversationId: 'c1',
        clientMessageId: 'w-1',
        text: 'Offer the Tuesday slot first.',
      }),
    );
    const ack = await sam.waitFor('ack', (a) => a.clientMessageId === 'w-1');
    const whisper = await ana.waitFor('whisper');
    expect(whisper).toMatchObject({ seq: ack.seq, text: 'Offer the Tuesday slot first.' });
    expect(whisper.author.id).toBe('sam');
    // The patient's log closes the hole at that seq, without the text.
    const hidden = await patient.waitFor('log.hidden', (h) => h.seq === ack.seq);
    expect(JSON.stringify(hidden)).not.toContain('Tuesday');

    // An agent may not whisper or barge: audited refusal.
    ana.send(
      agentMessage('conversation.whisper', {
        conversationId: 'c1',
        clientMessageId: 'w-2',
        text: 'x',
      }),
    );
    expect((await ana.waitFor('error')).code).toBe('forbidden');

    sam.send(agentMessage('conversation.barge', { conversationId: 'c1', clientMessageId: 'b-1' }));
    const joined = await patient.waitFor('supervisor.joined');
    expect(joined.supervisor.id).toBe('sam');
    await ana.waitFor('supervisor.joined');
    // The supervisor writes to the patient beside the agent.
    sam.send(
      agentMessage('message', {
        conversationId: 'c1',
        clientMessageId: 'm-1',
        text: 'Hello, I am Sam.',
      }),
    );
    const message = await patient.waitFor('message', (m) => m.text === 'Hello, I am Sam.');
    expect(message.agent?.id).toBe('sam');
    // A patient frame never carried the whisper, whatever its type.
    await patient.waitFor('message', (m) => m.seq > joined.seq);
    expect(JSON.stringify(patient.frames)).not.toContain('Tuesday');
    const audit = (await test.store.queryAudit({ actorId: 'sam' })).map((a) => [
      a.action,
      a.outcome,
    ]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['conversation.whisper', 'allowed'],
        ['conversation.barge', 'allowed'],
      ]),
    );
    expect(await test.store.queryAudit({ actorId: 'ana' })).toContainEqual(
      expect.objectContaining({ action: 'conversation.whisper', outcome: 'denied' }),
    );
  });

  it('reassigns to another agent, then takes over', async () => {
    const { test, patient, ana, sam } = await assigned(store);
    const ben = await staff(test, 'ben', ['agent'], ['cardiology']);
    sam.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'ben' },
      }),
    );
    await ben.waitFor('conversation.assigned');
    await ana.waitFor('conversation.state', (s) => s.event === 'transfer_to_agent');
    expect((await test.store.getConversation('c1'))?.assignedAgentId).toBe('ben');
    await patient.waitFor('agent.joined', (j) => j.agent.id === 'ben');

    // Taking over: a supervisor who is also an agent of the queue transfers it to herself.
    const lea = await staff(test, 'lea', ['agent', 'supervisor'], ['cardiology']);
    lea.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'lea' },
      }),
    );
    await lea.waitFor('conversation.assigned');
    expect((await test.store.getConversation('c1'))?.assignedAgentId).toBe('lea');
    expect(await test.store.queryAudit({ actorId: 'sam' })).toContainEqual(
      expect.objectContaining({
        action: 'conversation.transfer',
        outcome: 'allowed',
        targetId: 'ben',
      }),
    );
  });
});
