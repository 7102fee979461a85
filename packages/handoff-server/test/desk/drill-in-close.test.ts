import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer } from '../support/server';

// A supervisor who closes a drill-in (`conversation.close`) stops receiving that conversation
// at once, not when her socket closes; the agent who holds it keeps it whatever she sends.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe.each(['memory', 'sqlite'] as const)('closing a drill-in (%s)', (store) => {
  it('takes the supervisor out of the conversation’s traffic, never its agent', async () => {
    const test = await startTestServer({ store });
    cleanups.push(() => test.close());
    const staff = async (id: string, roles: string[], queues: string[]) => {
      const token = await test.tokens.staff(id, roles as never, queues);
      const client = await connectAgent(test.url, token);
      cleanups.push(() => client.close());
      return client;
    };
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    const ana = await staff('ana', ['agent'], ['cardiology']);
    await ana.waitFor('agent.assignments');
    ana.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.waitFor('conversation.assigned');
    const sam = await staff('sam', ['supervisor'], []);
    sam.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    await sam.waitFor('conversation.transcript');

    const say = async (text: string) => {
      patient.send(
        patientMessage('message', { conversationId: 'c1', clientMessageId: text, text }),
      );
      return ana.waitFor('message', (m) => m.text === text);
    };
    // Watching: the patient's message reaches her.
    await say('one');
    await sam.waitFor('message', (m) => m.text === 'one');

    sam.send(agentMessage('conversation.close', { conversationId: 'c1' }));
    // The agent's own close changes nothing for her: she holds it.
    ana.send(agentMessage('conversation.close', { conversationId: 'c1' }));
    // Frames of one socket are handled in order: these replies come after each close.
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    ana.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    await ana.waitFor('conversation.transcript', (t) => t.lastSeq > 0);

    const two = await say('two');
    // Anything sent to her room would arrive before the reply to a later request of hers.
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot', (s) => s !== sam.of('supervisor.snapshot')[0]);
    expect(sam.of('message').map((m) => m.text)).toEqual(['one']);
    expect(two.seq).toBeGreaterThan(0);

    // Opening it again brings her back, with what she missed.
    sam.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    const again = await sam.waitFor('conversation.transcript', (t) => t.lastSeq >= two.seq);
    expect(JSON.stringify(again.log)).toContain('two');
    await say('three');
    await sam.waitFor('message', (m) => m.text === 'three');
  });
});
