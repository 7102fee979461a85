import { createServer } from 'node:net';
import { createBotTokenValidator } from '@baton/handoff-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { eventually } from '../support/recording';
import { connectPatient, startTestServer } from '../support/server';
import { BotTokenIssuer } from './support/bot-token-issuer';
import { listen } from './support/http';

const BATON_APP_ID = '3c0f4a8e-7d3b-4a7e-9f0a-baton0000001';
const HUB_APP_ID = '9d2b1c4e-1a2b-4c3d-8e9f-hub000000001';
const TENANT = '0b5c7f7e-5d1a-4f33-9c56-tenant000001';
const v1 = {
  ver: '1.0',
  aud: BATON_APP_ID,
  appid: HUB_APP_ID,
  iss: `https://sts.windows.net/${TENANT}/`,
};
const v2 = {
  ver: '2.0',
  aud: BATON_APP_ID,
  azp: HUB_APP_ID,
  iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
};

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  vi.restoreAllMocks();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The server (SQLite store) with the hub mounted, checking tokens against `issuer`. */
async function hubServer(issuer: BotTokenIssuer) {
  const initiations: string[] = [];
  const bot = await listen((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const activity = JSON.parse(body) as { name?: string; conversation: { id: string } };
      if (activity.name === 'handoff.initiate') initiations.push(activity.conversation.id);
      res.statusCode = 200;
      res.end();
    });
  });
  cleanups.push(() => bot.close());
  const port = await freePort();
  const test = await startTestServer({
    port,
    adapter: {
      kind: 'botframework-hub',
      hub: {
        botEndpoint: `${bot.url}/api/messages`,
        serviceUrl: `http://127.0.0.1:${port}/api/botframework`,
        botAuthentication: {
          appId: BATON_APP_ID,
          botAppIds: [HUB_APP_ID],
          tenantId: TENANT,
          openIdMetadataUrl: issuer.metadataUrl,
        },
      },
    },
  });
  cleanups.push(() => test.close());
  const post = (conversationId: string, activity: unknown, token?: string) =>
    fetch(`${test.url}/api/botframework/v3/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(activity),
    });
  return { test, post, initiations };
}

describe('Bot Framework hub: the bot’s tokens are checked with botframework-connector', () => {
  it('accepts real signed tokens; refuses every bad one with a typed 401, audited, nothing changed', async () => {
    const issuer = await new BotTokenIssuer().start();
    cleanups.push(() => issuer.close());
    const { test, post, initiations } = await hubServer(issuer);

    const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('conv-a', 'req-1'));
    await patient.waitFor('ack', (a) => a.clientMessageId === 'req-1');
    await eventually(() => initiations.includes('conv-a'));

    const accepted = {
      type: 'event',
      name: 'handoff.status',
      value: { state: 'accepted', agent: { id: 'nurse-7', displayName: 'Nora Diaz' } },
    };
    expect((await post('conv-a', accepted, await issuer.sign(v1))).status).toBe(200);
    expect((await patient.waitFor('agent.joined')).agent).toMatchObject({ id: 'nurse-7' });

    const forged = (text: string) => ({ type: 'message', id: `m-${text}`, text });
    const now = Math.floor(Date.now() / 1000);
    const bad: [string, string | undefined][] = [
      ['missing_token', undefined],
      ['not_a_bot_token', await issuer.sign({ ...v1, aud: 'https://api.botframework.com' })],
      ['wrong_audience', await issuer.sign({ ...v1, aud: 'another-app-id' })],
      ['token_expired', await issuer.sign({ ...v1, exp: now - 600, nbf: now - 7200 })],
      ['untrusted_issuer', await issuer.sign({ ...v1, iss: 'https://sts.windows.net/evil/' })],
      ['bad_signature', await issuer.sign(v1, { signWith: 'other-key' })],
      ['unknown_key', await issuer.sign(v1, { kid: 'not-published' })],
      ['caller_not_allowed', await issuer.sign({ ...v1, appid: 'some-other-bot' })],
    ];
    // botframework-connector reports some refusals on console.error (never the token).
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const [reason, token] of bad) {
      const response = await post('conv-a', forged(reason), token);
      expect([reason, response.status]).toEqual([reason, 401]);
      expect(await response.json()).toEqual({
        error: { code: 'Unauthorized', message: 'The bot is not authorized.' },
      });
    }
    const printed = JSON.stringify(consoleError.mock.calls.map((c) => c.map(String)));
    for (const [, token] of bad) if (token) expect(printed).not.toContain(token);
    consoleError.mockRestore();

    // A valid v2 token still goes through; the patient's next agent message is that one.
    const real = { type: 'message', id: 'm-real', text: 'Hello from the hub' };
    expect((await post('conv-a', real, await issuer.sign(v2))).status).toBe(200);
    const message = await patient.waitFor('message', (m) => m.from === 'agent');
    expect(message.text).toBe('Hello from the hub');
    expect(patient.of('message').filter((m) => m.from === 'agent')).toHaveLength(1);

    const audit = await test.store.queryAudit({ conversationId: 'conv-a' });
    const refusals = audit.filter((a) => a.action === 'bot.authenticate');
    expect(refusals.map((a) => [a.outcome, a.actorId, a.actorRole, a.reason])).toEqual(
      bad.map(([reason]) => ['denied', 'botframework-hub', 'system', reason]),
    );
    // The keys were fetched from the configured metadata, once.
    expect(issuer.keyFetches).toBe(1);
  });

  it('audits a refused call to an unknown conversation without naming it', async () => {
    const issuer = await new BotTokenIssuer().start();
    cleanups.push(() => issuer.close());
    const { test, post } = await hubServer(issuer);
    const response = await post('no-such-conv', { type: 'typing' }, 'not-a-jwt');
    expect(response.status).toBe(401);
    const audit = await test.store.queryAudit({ actorId: 'botframework-hub' });
    expect(audit.map((a) => [a.action, a.conversationId, a.reason])).toEqual([
      ['bot.authenticate', null, 'not_a_bot_token'],
    ]);
  });
});

describe('createBotTokenValidator', () => {
  it('refuses incomplete settings as invalid_config', () => {
    const settings = { appId: BATON_APP_ID, botAppIds: [HUB_APP_ID] };
    expect(() => createBotTokenValidator({ ...settings, appId: ' ' })).toThrow(/app id/);
    expect(() => createBotTokenValidator({ ...settings, botAppIds: ['*'] })).toThrow(/app id/);
    expect(() =>
      createBotTokenValidator({ ...settings, channelService: 'https://elsewhere.example' }),
    ).toThrow(/channel service/);
  });

  it('reports a metadata endpoint that cannot be reached', async () => {
    const gone = await listen((_req, res) => res.end());
    await gone.close();
    const validate = createBotTokenValidator({
      appId: BATON_APP_ID,
      botAppIds: [HUB_APP_ID],
      openIdMetadataUrl: `${gone.url}/.well-known/openid-configuration`,
    });
    const issuer = await new BotTokenIssuer().start();
    cleanups.push(() => issuer.close());
    const token = await issuer.sign({
      ...v1,
      iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
    });
    expect(await validate(`Bearer ${token}`)).toEqual({
      ok: false,
      reason: 'metadata_unavailable',
    });
  });
});
