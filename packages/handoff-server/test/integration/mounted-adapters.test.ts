import { createServer } from 'node:net';
import { type AgentInfo, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { HubBot } from '../adapters/support/hub-bot';
import { INBOUND_TOKEN, SIGNING_SECRET } from '../adapters/support/webhook-fixture';
import { WebhookReceiver } from '../adapters/support/webhook-receiver';
import { handoffRequestFrame } from '../support/frames';
import { eventually } from '../support/recording';
import { connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const nurse: AgentInfo = { id: 'nurse-7', displayName: 'Nora Diaz', initials: 'ND' };

/** A free port on 127.0.0.1 (the hub's serviceUrl must name the server before it listens). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function patientAsks(test: TestServer, conversationId: string) {
  const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
  cleanups.push(() => patient.close());
  patient.send(handoffRequestFrame(conversationId, 'req-1'));
  await patient.waitFor('ack', (a) => a.clientMessageId === 'req-1');
  return patient;
}

describe('the server with the webhook adapter mounted (BATON_ADAPTER=webhook)', () => {
  it('carries a handoff out as signed events and the agent reply in through /api/webhook/', async () => {
    const receiver = await new WebhookReceiver(SIGNING_SECRET).start();
    cleanups.push(() => receiver.close());
    const test = await startTestServer({
      store: 'memory',
      adapter: {
        kind: 'webhook',
        webhook: {
          url: receiver.url,
          signingSecret: SIGNING_SECRET,
          retry: { maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10 },
        },
        inbound: { auth: { bearerTokens: [INBOUND_TOKEN] } },
      },
    });
    cleanups.push(() => test.close());
    const api = `${test.url}/api/webhook/conversations/conv-w`;
    const post = (action: string, body: unknown, token = INBOUND_TOKEN) =>
      fetch(`${api}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const patient = await patientAsks(test, 'conv-w');
    await eventually(() => receiver.events.find((e) => e.type === 'handoff.requested'));
    expect(test.server.adapter.name).toBe('webhook');

    expect((await post('agent-joined', { agent: nurse }, 'wrong-token-0123456789')).status).toBe(
      401,
    );
    expect((await post('agent-joined', { agent: nurse })).status).toBe(200);
    expect((await patient.waitFor('agent.joined')).agent).toMatchObject({ id: 'nurse-7' });

    patient.send(
      patientMessage('message', { conversationId: 'conv-w', clientMessageId: 'p1', text: 'hi' }),
    );
    await patient.waitFor('ack', (a) => a.clientMessageId === 'p1');
    await eventually(() => receiver.patientTexts('conv-w').includes('hi'));

    const reply = await post('messages', { externalId: 'crm-1', text: 'Hello from the CRM' });
    const { seq } = (await reply.json()) as { seq: number };
    const seen = await patient.waitFor('message', (m) => m.from === 'agent');
    expect(seen).toMatchObject({ seq, text: 'Hello from the CRM', agent: { id: 'nurse-7' } });

    expect((await post('ended', { reason: 'resolved' })).status).toBe(200);
    expect(await patient.waitFor('handoff.ended')).toMatchObject({ reason: 'resolved' });
    expect((await fetch(`${test.url}/healthz`)).status).toBe(200);
  });
});

describe('the server with the Bot Framework hub mounted (BATON_ADAPTER=botframework-hub)', () => {
  it('forwards handoff.initiate to a real botbuilder bot and carries its reply to the patient', async () => {
    const bot = await new HubBot().start();
    cleanups.push(() => bot.close());
    const port = await freePort();
    const test = await startTestServer({
      store: 'memory',
      port,
      adapter: {
        kind: 'botframework-hub',
        hub: {
          botEndpoint: bot.endpoint,
          serviceUrl: `http://127.0.0.1:${port}/api/botframework`,
          allowAnonymousBot: true,
        },
      },
    });
    cleanups.push(() => test.close());

    const patient = await patientAsks(test, 'conv-h');
    await eventually(() => bot.initiations.find((a) => a.conversation?.id === 'conv-h'));
    await bot.status('conv-h', 'accepted', nurse);
    expect((await patient.waitFor('agent.joined')).agent).toMatchObject({ id: 'nurse-7' });

    patient.send(
      patientMessage('message', { conversationId: 'conv-h', clientMessageId: 'p1', text: 'hi' }),
    );
    await eventually(() => bot.received('conv-h').includes('hi'));

    await bot.say('conv-h', 'hub-1', 'Hello from the hub', nurse);
    expect(await patient.waitFor('message', (m) => m.from === 'agent')).toMatchObject({
      text: 'Hello from the hub',
      agent: { id: 'nurse-7' },
    });

    await bot.status('conv-h', 'completed');
    await patient.waitFor('handoff.ended');
    expect(bot.turnErrors).toEqual([]);
  });
});
