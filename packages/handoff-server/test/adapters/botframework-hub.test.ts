import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { type HandoffRequest, handoffRequestFromInitiation } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BotFrameworkHubAdapter,
  createBotConnectorHandler,
} from '../../src/adapters/botframework-hub';
import { ConformanceHost } from '../../src/adapters/conformance';
import { HandoffServerError } from '../../src/internal/errors';
import { listen } from './support/http';
import { createHubFixture, type HubFixture } from './support/hub-fixture';

const agent = { id: 'nurse-7', displayName: 'Nora Diaz', title: 'Nurse' };
const request: HandoffRequest = {
  reason: { kind: 'bot-failure', detail: 'fallback-threshold' },
  priority: 'urgent',
  patient: { patientId: 'p-42', displayName: 'Pat Doe', locale: 'fr-CA' },
  transcript: {
    entries: [
      { id: 'b1', from: 'bot', at: '2026-01-01T10:00:00.000Z', text: 'Bonjour !' },
      { id: 'p1', from: 'patient', at: '2026-01-01T10:00:04.000Z', text: 'Je veux un humain' },
    ],
  },
  routing: { department: 'cardiology', skills: ['french'], language: 'fr' },
};
const conversation = { conversationId: 'conv-1', request, requestedAt: '2026-01-01T10:00:05.000Z' };
const at = '2026-01-01T10:01:00.000Z';

describe('Bot Framework hub adapter with a real botbuilder bot', () => {
  let fixture: HubFixture | undefined;
  afterEach(async () => {
    await fixture?.adapter.stop();
    await fixture?.cleanup?.();
    fixture = undefined;
  });

  it('hands off with handoff.initiate, relays the chat, and maps handoff.status back', async () => {
    fixture = await createHubFixture({ autopilot: agent });
    const host = new ConformanceHost();
    await fixture.adapter.start(host);
    host.open('conv-1');

    // The bot accepts during the handoff.initiate turn: the report lands before handoff resolves.
    await fixture.adapter.handoff(conversation);
    expect(host.state('conv-1')).toBe('assigned');
    expect(host.agent('conv-1')).toEqual(agent);

    const [initiation] = fixture.bot.initiations;
    expect(initiation).toMatchObject({
      type: 'event',
      name: 'handoff.initiate',
      channelId: 'baton',
      serviceUrl: `${fixture.connector.url}/api/botframework`,
      conversation: { id: 'conv-1' },
      from: { id: 'p-42', name: 'Pat Doe', role: 'user' },
      value: { priority: 'urgent', routing: request.routing, reason: request.reason },
      attachments: [{ contentType: 'application/json', name: 'Transcript' }],
    });
    // The event reads back as the same request with the protocol's own interop parser.
    const parsed = handoffRequestFromInitiation(JSON.parse(JSON.stringify(initiation)), {
      patient: request.patient,
    });
    expect(parsed.ok && parsed.value.transcript.entries.map((e) => [e.from, e.text])).toEqual([
      ['bot', 'Bonjour !'],
      ['patient', 'Je veux un humain'],
    ]);
    expect(parsed.ok && parsed.value.priority).toBe('urgent');

    await fixture.adapter.patientMessage('conv-1', { seq: 1, text: 'I have chest pain', at });
    expect(host.agentMessages('conv-1').map((m) => m.text)).toEqual([
      'You said: I have chest pain',
    ]);
    fixture.adapter.patientTyping('conv-1', true);
    const deadline = Date.now() + 5000;
    while (!fixture.bot.activities.some((a) => a.type === 'typing') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await fixture.adapter.patientMessage('conv-1', { seq: 3, text: 'bye', at });
    expect(host.state('conv-1')).toBe('ended');
    // The later message reached the bot and was answered: a repeated typing would be in by now.
    expect(fixture.bot.activities.filter((a) => a.type === 'typing')).toHaveLength(1);

    host.close('conv-1', 'ended-by-agent');
    await fixture.adapter.conversationClosed('conv-1', 'ended-by-agent');
    expect(fixture.bot.activities.at(-1)).toMatchObject({
      type: 'endOfConversation',
      code: 'completedSuccessfully',
    });
    expect(fixture.bot.turnErrors).toEqual([]);
    // The bot answers through both connector routes: reply (…/activities/{id}) above, and
    // send (…/activities) here — refused, as the conversation is closed.
    await expect(fixture.bot.say('conv-1', 'late-1', 'too late')).rejects.toThrow(/refused/);
    expect(host.reports('conv-1').filter((r) => r.kind === 'agentMessage')).toHaveLength(1);
    expect(fixture.connectorPaths).toEqual(
      expect.arrayContaining([
        'POST /api/botframework/v3/conversations/conv-1/activities',
        expect.stringMatching(
          /^POST \/api\/botframework\/v3\/conversations\/conv-1\/activities\/.+/,
        ),
      ]),
    );

    expect(host.violations()).toEqual([]);
    expect(JSON.stringify(host.logs)).not.toContain('chest pain');
  });

  it('rejects the handoff when the bot cannot be reached, and forgets the conversation', async () => {
    const gone = await listen((_req, res) => res.end());
    await gone.close();
    const adapter = new BotFrameworkHubAdapter({
      botEndpoint: `${gone.url}/api/messages`,
      serviceUrl: 'http://127.0.0.1:9/api/botframework',
      allowAnonymousBot: true,
    });
    const host = new ConformanceHost();
    await adapter.start(host);
    const error = await adapter.handoff(conversation).catch((e: unknown) => e);
    expect(HandoffServerError.is(error, 'adapter_unavailable')).toBe(true);
    expect(adapter.isOpen('conv-1')).toBe(false);
    expect(host.logs.map((l) => l.msg)).toEqual(['hub bot unreachable']);
    await adapter.stop();
  });

  it('needs a way to authorize the bot', () => {
    expect(
      () =>
        new BotFrameworkHubAdapter({
          botEndpoint: 'http://127.0.0.1:1/api/messages',
          serviceUrl: 'http://127.0.0.1:2/',
        }),
    ).toThrow(/authorizeBot/);
    expect(
      () =>
        new BotFrameworkHubAdapter({
          botEndpoint: 'http://127.0.0.1:1/api/messages',
          serviceUrl: 'http://127.0.0.1:2/',
          allowAnonymousBot: true,
          authorizeBot: () => true,
        }),
    ).toThrow(/only one/);
  });
});

describe('Bot Connector endpoint', () => {
  const setUp = async (authorizeBot?: () => boolean) => {
    const adapter = new BotFrameworkHubAdapter({
      botEndpoint: 'http://127.0.0.1:1/api/messages',
      serviceUrl: 'http://127.0.0.1:1/api/botframework',
      ...(authorizeBot ? { authorizeBot } : { allowAnonymousBot: true }),
    });
    await adapter.start(new ConformanceHost());
    const server = await listen(createBotConnectorHandler(adapter));
    const post = (path: string, body: string, type = 'application/json') =>
      fetch(`${server.url}/api/botframework${path}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    return { adapter, server, post };
  };

  it('answers with Bot Framework error bodies and never reaches a conversation it was not given', async () => {
    const { adapter, server, post } = await setUp();
    try {
      const message = JSON.stringify({ type: 'message', text: 'hi' });
      const cases: [Response, number, string][] = [
        [await post('/v3/conversations/unknown/activities', message), 404, 'ConversationNotFound'],
        [await post('/v3/conversations/unknown/members', message), 404, 'NotFound'],
        [await post('/v3/conversations/x/activities', '{oops'), 400, 'BadArgument'],
        [await post('/v3/conversations/x/activities', '{"text":1}'), 400, 'BadArgument'],
        [
          await post('/v3/conversations/x/activities', message, 'text/plain'),
          415,
          'UnsupportedMediaType',
        ],
      ];
      for (const [response, status, code] of cases) {
        expect([
          response.status,
          ((await response.json()) as { error: { code: string } }).error.code,
        ]).toEqual([status, code]);
      }
      const get = await fetch(`${server.url}/api/botframework/v3/conversations/x/activities`);
      expect(get.status).toBe(405);
    } finally {
      await adapter.stop();
      await server.close();
    }
  });

  it('accepts an anonymous bot only from loopback', async () => {
    const adapter = new BotFrameworkHubAdapter({
      botEndpoint: 'http://127.0.0.1:1/api/messages',
      serviceUrl: 'http://127.0.0.1:1/api/botframework',
      allowAnonymousBot: true,
    });
    const from = (remoteAddress: string) =>
      adapter.authenticateBot({ socket: { remoteAddress }, headers: {} } as IncomingMessage);
    expect(await from('127.0.0.1')).toEqual({ ok: true, botAppId: 'anonymous' });
    expect(await from('::ffff:127.0.0.1')).toMatchObject({ ok: true });
    expect(await from('::1')).toMatchObject({ ok: true });
    expect(await from('192.0.2.7')).toEqual({ ok: false, reason: 'not_loopback' });
    expect(await from('::ffff:10.0.0.1')).toEqual({ ok: false, reason: 'not_loopback' });

    // Over a real socket, from this machine's non-loopback address when it has one.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!external) return;
    await adapter.start(new ConformanceHost());
    const server = createServer(createBotConnectorHandler(adapter));
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const post = (host: string) =>
        fetch(`http://${host}:${port}/api/botframework/v3/conversations/x/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"type":"typing"}',
        });
      expect((await post(external)).status).toBe(401);
      expect((await post('127.0.0.1')).status).toBe(404); // past the check: unknown conversation
    } finally {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a bot that authorizeBot rejects', async () => {
    const { adapter, server, post } = await setUp(() => false);
    try {
      const response = await post('/v3/conversations/x/activities', '{"type":"typing"}');
      expect(response.status).toBe(401);
    } finally {
      await adapter.stop();
      await server.close();
    }
  });
});
