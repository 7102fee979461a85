import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { MemoryConversationStore } from '../../src/storage/memory';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function patientOn(test: TestServer) {
  const client = await connectPatient(test.url, await test.tokens.patient('pat-1'));
  cleanups.push(() => client.close());
  return client;
}

async function agentOn(test: TestServer) {
  const client = await connectAgent(test.url, await test.tokens.staff('agent-1', ['agent']));
  cleanups.push(() => client.close());
  return client;
}

describe('read marks survive a reload (real sockets, SQLite)', () => {
  it('a reloaded console and a reloaded widget get the other side’s mark again', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    const patient = await patientOn(test);
    patient.send(handoffRequestFrame('conv-1', 'req-1'));
    await patient.waitFor('handoff.queued');
    const agent = await agentOn(test);
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-1' }));
    await agent.waitFor('conversation.assigned');
    await patient.waitFor('agent.joined');

    agent.send(
      agentMessage('message', { conversationId: 'conv-1', clientMessageId: 'a1', text: 'Hello' }),
    );
    const { seq: agentSeq } = await agent.waitFor('ack', (f) => f.clientMessageId === 'a1');
    await patient.waitFor('message', (f) => f.from === 'agent');
    patient.send(
      patientMessage('message', { conversationId: 'conv-1', clientMessageId: 'p1', text: 'Hi' }),
    );
    const { seq: patientSeq } = await patient.waitFor('ack', (f) => f.clientMessageId === 'p1');
    await agent.waitFor('message', (f) => f.from === 'patient');

    // Each side reads; the other sees it live (relayed once the mark is stored).
    patient.send(patientMessage('read', { conversationId: 'conv-1', upToSeq: agentSeq }));
    expect(await agent.waitFor('read')).toMatchObject({ by: 'patient', upToSeq: agentSeq });
    agent.send(agentMessage('read', { conversationId: 'conv-1', upToSeq: patientSeq }));
    expect(await patient.waitFor('read')).toMatchObject({ by: 'agent', upToSeq: patientSeq });

    // The agent reloads: the console opens the conversation again.
    agent.close();
    const reloaded = await agentOn(test);
    reloaded.send(agentMessage('conversation.open', { conversationId: 'conv-1' }));
    const transcript = await reloaded.waitFor('conversation.transcript');
    expect(transcript.lastSeq).toBeGreaterThanOrEqual(patientSeq);
    expect(await reloaded.waitFor('read')).toMatchObject({
      conversationId: 'conv-1',
      by: 'patient',
      upToSeq: agentSeq,
    });

    // The patient reloads: the widget resumes from the seq it had.
    patient.close();
    const back = await patientOn(test);
    back.send(patientMessage('resume', { conversationId: 'conv-1', sinceSeq: patientSeq }));
    await back.waitFor('resumed');
    expect(await back.waitFor('read')).toMatchObject({
      conversationId: 'conv-1',
      by: 'agent',
      upToSeq: patientSeq,
    });
  });

  it('a store that cannot give the marks now: the reload goes on without them, and it is logged', async () => {
    const store = new MemoryConversationStore();
    store.readMarks = () =>
      Promise.reject(Object.assign(new Error('down'), { code: 'SQLITE_BUSY' }));
    const logged: { msg: string; conversationId?: string; err?: string }[] = [];
    const destination = { write: (line: string) => void logged.push(JSON.parse(line)) };
    const test = await startTestServer({
      store,
      logger: createLogger({ level: 'warn', destination }),
    });
    cleanups.push(() => test.close());
    const patient = await patientOn(test);
    patient.send(handoffRequestFrame('conv-1', 'req-1'));
    await patient.waitFor('handoff.queued');
    patient.close();
    const back = await patientOn(test);
    back.send(patientMessage('resume', { conversationId: 'conv-1', sinceSeq: 0 }));
    await back.waitFor('resumed');
    const agent = await agentOn(test);
    agent.send(agentMessage('queue.subscribe', {}));
    await agent.waitFor('queue.snapshot');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-1' }));
    await agent.waitFor('conversation.assigned');
    agent.send(agentMessage('conversation.open', { conversationId: 'conv-1' }));
    await agent.waitFor('conversation.transcript');
    // Logged once for the resume and once for the open (after the transcript went out).
    const warned = () =>
      logged.filter((l) => l.msg === 'read marks not read').map((l) => [l.conversationId, l.err]);
    await expect.poll(warned).toEqual([
      ['conv-1', 'SQLITE_BUSY'],
      ['conv-1', 'SQLITE_BUSY'],
    ]);
  });
});
