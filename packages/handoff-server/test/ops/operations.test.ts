import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/ops/logger';
import { handoffRequestFrame } from '../support/frames';
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

describe('logs', () => {
  it('never hold message text, tokens or transcript content through a whole conversation', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'trace',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const test = await setup({ logger });
    const patientToken = await test.tokens.patient('pat-1');
    const agentToken = await test.tokens.staff('agent-1');
    const patient = await connectPatient(test.url, patientToken);
    const agent = await connectAgent(test.url, agentToken);
    cleanups.push(
      () => patient.close(),
      () => agent.close(),
    );
    patient.send(handoffRequestFrame('conv-log'));
    await patient.waitFor('handoff.queued');
    agent.send(agentMessage('conversation.claim', { conversationId: 'conv-log' }));
    await patient.waitFor('agent.joined');
    patient.send(
      patientMessage('message', {
        conversationId: 'conv-log',
        clientMessageId: 'p1',
        text: 'SECRET-SYMPTOM-TEXT',
      }),
    );
    await agent.waitFor('message');
    agent.send(
      agentMessage('message', {
        conversationId: 'conv-log',
        clientMessageId: 'a1',
        text: 'AGENT-REPLY-TEXT',
      }),
    );
    await patient.waitFor('message', (m) => m.from === 'agent');
    patient.send({
      v: 1,
      type: 'message',
      id: 'x',
      conversationId: 'conv-log',
      clientMessageId: 'bad',
      text: 42,
    });
    await patient.waitFor('error');
    await fetch(`${test.url}/api/conversations/conv-log/transcript`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    await expect(connectPatient(test.url, `${patientToken}tampered`)).rejects.toThrow();
    agent.send(
      agentMessage('conversation.end', { conversationId: 'conv-log', reason: 'resolved' }),
    );
    await patient.waitFor('handoff.ended');
    await test.close();
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [
      'SECRET-SYMPTOM-TEXT',
      'AGENT-REPLY-TEXT',
      'How can I help?',
      'I need a person',
      patientToken,
      agentToken,
      'Alex Martin',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('redacts sensitive fields if code ever passes them', () => {
    const lines: string[] = [];
    const logger = createLogger({
      destination: { write: (line: string) => void lines.push(line) },
    });
    logger.info(
      {
        token: 'tok-123',
        text: 'hello',
        nested: { streamUrl: 'wss://x?t=1', authorization: 'Bearer y' },
      },
      'probe',
    );
    expect(lines.join('')).not.toMatch(/tok-123|hello|wss:|Bearer y/);
  });
});

describe('health, readiness and metrics', () => {
  it('answers /healthz, /readyz and Prometheus /metrics', async () => {
    const test = await setup();
    expect((await fetch(`${test.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${test.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('conv-m'));
    await patient.waitFor('handoff.queued');
    patient.send(
      patientMessage('message', { conversationId: 'conv-m', clientMessageId: 'p1', text: 'hi' }),
    );
    await patient.waitFor('ack', (a) => a.clientMessageId === 'p1');
    const metrics = await (await fetch(`${test.url}/metrics`)).text();
    expect(metrics).toContain('baton_conversations{state="queued"} 1');
    // The queue came from the patient's routing hint, not from the operator: no label value.
    expect(metrics).toContain('baton_queue_length{queue="other"} 1');
    expect(metrics).not.toContain('cardiology');
    expect(metrics).toMatch(/baton_messages_acked_total\{party="patient"\} 2/);
    expect(metrics).toContain('baton_handoff_latency_seconds_bucket');
    expect(metrics).toContain('baton_socket_connections{namespace="/patient"} 1');
  });

  it('reports not ready when the store is unreachable', async () => {
    const test = await setup({ store: 'memory' });
    test.store.getConversation = async () => {
      throw new Error('down');
    };
    const ready = await fetch(`${test.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { database: 'unavailable' } });
  });
});

describe('readiness under a hung dependency', () => {
  it('answers within its bound and names the dependency that does not answer', async () => {
    const test = await setup({ store: 'memory', readinessTimeoutMs: 300 });
    test.store.getConversation = () => new Promise(() => undefined);
    const started = Date.now();
    const ready = await fetch(`${test.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: 'timeout' },
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await fetch(`${test.url}/healthz`)).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight commits before closing the store: every ack is in the store', async () => {
    const test = await startTestServer({ rateLimit: { burst: 1000, perSecond: 1000 } });
    let closed = false;
    const close = test.store.close.bind(test.store);
    test.store.close = async () => {
      closed = true;
      await close();
    };
    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('conv-g'));
    await patient.waitFor('handoff.queued');
    const stored: number[] = [];
    const append = test.store.appendMessage.bind(test.store);
    test.store.appendMessage = async (id, message) => {
      const result = await append(id, message);
      stored.push(closed ? -1 : result.message.seq);
      return result;
    };
    // A patient's message is appended with its checks in one step.
    const appendIfAllowed = test.store.appendIfAllowed.bind(test.store);
    test.store.appendIfAllowed = async (id, message, allow) => {
      const result = await appendIfAllowed(id, message, allow);
      if (result.ok) stored.push(closed ? -1 : result.appended.message.seq);
      return result;
    };
    for (let i = 0; i < 30; i += 1) {
      patient.send(
        patientMessage('message', {
          conversationId: 'conv-g',
          clientMessageId: `m${i}`,
          text: `t${i}`,
        }),
      );
    }
    await patient.waitFor('ack', (a) => a.clientMessageId === 'm0');
    await test.close();
    expect(closed).toBe(true);
    const acked = patient
      .of('ack')
      .filter((a) => a.clientMessageId.startsWith('m'))
      .map((a) => a.seq);
    for (const seq of acked) expect(stored).toContain(seq);
    expect(stored).not.toContain(-1);
    const refused = patient.of('error').map((e) => e.code);
    for (const code of refused) expect(code).toBe('unavailable');
  });
});
