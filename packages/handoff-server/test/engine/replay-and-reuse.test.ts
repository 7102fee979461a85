import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// A clientMessageId reused for another text is `conflict` (the spec), not an ack of the old
// seq with the new text dropped; `resume` from beyond the log answers the real lastSeq.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(['memory', 'sqlite'] as const)('message ids and resume (%s)', (store) => {
  it('acks a retry with the same text, refuses the id with another text', async () => {
    server = await startTestServer({ store });
    const patient = await connectPatient(server.url, await server.tokens.patient('p1'));
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    const send = (text: string) =>
      patient.send(
        patientMessage('message', { conversationId: 'c1', clientMessageId: 'm1', text }),
      );
    send('first');
    const first = await patient.waitFor('ack', (a) => a.clientMessageId === 'm1');
    send('first');
    await patient.waitFor('ack', (a) => a.clientMessageId === 'm1' && a.id !== first.id);
    expect(
      patient
        .of('ack')
        .filter((a) => a.clientMessageId === 'm1')
        .map((a) => a.seq),
    ).toEqual([first.seq, first.seq]);
    send('something else');
    const refused = await patient.waitFor('error', (e) => e.clientMessageId === 'm1');
    expect(refused.code).toBe('conflict');

    // An agent note too.
    const agent = await connectAgent(server.url, await server.tokens.staff('ana'));
    agent.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await agent.waitFor('conversation.assigned');
    const note = (text: string) =>
      agent.send(agentMessage('note', { conversationId: 'c1', clientMessageId: 'n1', text }));
    const say = (text: string) =>
      agent.send(agentMessage('message', { conversationId: 'c1', clientMessageId: 'a1', text }));
    say('hello');
    await agent.waitFor('ack', (a) => a.clientMessageId === 'a1');
    say('goodbye');
    expect((await agent.waitFor('error', (e) => e.clientMessageId === 'a1')).code).toBe('conflict');
    note('a note');
    await agent.waitFor('ack', (a) => a.clientMessageId === 'n1');
    note('another note');
    expect((await agent.waitFor('error', (e) => e.clientMessageId === 'n1')).code).toBe('conflict');
    patient.close();
    agent.close();
  });

  it('answers resume { sinceSeq: 1e9 } with the real lastSeq, and a current one with itself', async () => {
    server = await startTestServer({ store });
    const patient = await connectPatient(server.url, await server.tokens.patient('p1'));
    patient.send(handoffRequestFrame('c1'));
    const ack = await patient.waitFor('ack');
    await patient.waitFor('handoff.queued');
    patient.send(patientMessage('resume', { conversationId: 'c1', sinceSeq: 1e9 }));
    const resumed = await patient.waitFor('resumed');
    expect(resumed.lastSeq).toBeLessThan(1e9);
    expect(resumed.lastSeq).toBeGreaterThanOrEqual(ack.seq);
    patient.send(patientMessage('resume', { conversationId: 'c1', sinceSeq: resumed.lastSeq }));
    const again = await patient.waitFor('resumed', (r) => r.id !== resumed.id);
    expect(again.lastSeq).toBe(resumed.lastSeq);
    patient.close();
  });
  it('replays each logged frame with the time it was committed, not the replay time', async () => {
    server = await startTestServer({ store });
    const patient = await connectPatient(server.url, await server.tokens.patient('p1'));
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    patient.send(
      patientMessage('message', { conversationId: 'c1', clientMessageId: 'm1', text: 'hi' }),
    );
    const ack = await patient.waitFor('ack', (a) => a.clientMessageId === 'm1');
    const acked = Date.parse(ack.ts);
    // The replay is asked once the clock has moved past the commit.
    while (Date.now() <= acked + 5) await new Promise((resolve) => setImmediate(resolve));
    const asked = Date.now();
    patient.send(patientMessage('resume', { conversationId: 'c1', sinceSeq: 0 }));
    await patient.waitFor('resumed');
    const replayed = patient.of('message').find((m) => m.seq === ack.seq);
    expect(replayed).toBeDefined();
    expect(Date.parse(replayed?.ts ?? '')).toBeLessThan(asked);
    expect(Date.parse(replayed?.ts ?? '')).toBeLessThanOrEqual(acked);
    patient.close();
  });
});
