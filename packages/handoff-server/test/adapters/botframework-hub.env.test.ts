import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendFor, databaseFor, type FaultBackend } from '../faults/support';
import { startChildServer } from '../support/child-server';
import { handoffRequestFrame } from '../support/frames';
import { skipWithoutPostgres, startPostgres, type TestPostgres } from '../support/postgres';
import { eventually } from '../support/recording';
import { connectPatient, testSecrets, tokensFor } from '../support/server';
import { BotTokenIssuer } from './support/bot-token-issuer';
import { listen } from './support/http';

// `baton-server` itself (a child process) configured only from the environment, with each
// store: the hub bot's tokens are checked against the OpenID metadata named there.
const BATON_APP_ID = '6f1e2d3c-0000-4000-8000-baton0000002';
const HUB_APP_ID = '7a8b9c0d-0000-4000-8000-hub000000002';
const TENANT = '1c2d3e4f-0000-4000-8000-tenant000002';
const claims = {
  ver: '1.0',
  aud: BATON_APP_ID,
  appid: HUB_APP_ID,
  iss: `https://sts.windows.net/${TENANT}/`,
};

let postgres: TestPostgres | undefined;
let cleanups: (() => Promise<unknown> | unknown)[] = [];
beforeAll(async () => {
  if (!skipWithoutPostgres) postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const backends: FaultBackend['name'][] = skipWithoutPostgres ? ['sqlite'] : ['sqlite', 'postgres'];

describe.each(backends)('baton-server with BATON_ADAPTER=botframework-hub (%s)', (name) => {
  it('accepts the hub bot’s signed tokens and refuses forged ones, audited in the store', async () => {
    const issuer = await new BotTokenIssuer().start();
    cleanups.push(() => issuer.close());
    const initiations: string[] = [];
    const bot = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        const activity = JSON.parse(body) as { name?: string; conversation: { id: string } };
        if (activity.name === 'handoff.initiate') initiations.push(activity.conversation.id);
        res.end();
      });
    });
    cleanups.push(() => bot.close());

    const secrets = testSecrets();
    const backend = backendFor(name, secrets, await databaseFor(name, postgres));
    cleanups.push(() => backend.cleanup());
    const port = await freePort();
    const node = await startChildServer({
      ...backend.env,
      BATON_PORT: String(port),
      BATON_ADAPTER: 'botframework-hub',
      BATON_HUB_BOT_ENDPOINT: `${bot.url}/api/messages`,
      BATON_HUB_SERVICE_URL: `http://127.0.0.1:${port}/api/botframework`,
      BATON_HUB_APP_ID: BATON_APP_ID,
      BATON_HUB_BOT_APP_IDS: HUB_APP_ID,
      BATON_HUB_TENANT_ID: TENANT,
      BATON_HUB_OPENID_METADATA_URL: issuer.metadataUrl,
    });
    cleanups.push(() => node.kill('SIGKILL'));

    const patient = await connectPatient(node.url, await tokensFor(secrets).patient('pat-1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('conv-e', 'req-1'));
    await patient.waitFor('ack', (a) => a.clientMessageId === 'req-1');
    await eventually(() => initiations.includes('conv-e'));

    const post = (activity: unknown, token: string) =>
      fetch(`${node.url}/api/botframework/v3/conversations/conv-e/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(activity),
      });
    const accepted = { type: 'event', name: 'handoff.status', value: { state: 'accepted' } };
    expect((await post(accepted, await issuer.sign(claims))).status).toBe(200);
    await patient.waitFor('agent.joined');

    const now = Math.floor(Date.now() / 1000);
    const expired = await issuer.sign({ ...claims, exp: now - 600, nbf: now - 7200 });
    const otherCaller = await issuer.sign({ ...claims, appid: 'not-the-hub' });
    const forgedText = { type: 'message', id: 'forged', text: 'forged reply' };
    expect((await post(forgedText, expired)).status).toBe(401);
    expect((await post(forgedText, otherCaller)).status).toBe(401);
    const real = { type: 'message', id: 'real', text: 'real reply' };
    expect((await post(real, await issuer.sign(claims))).status).toBe(200);
    await patient.waitFor('message', (m) => m.text === 'real reply');
    expect(patient.of('message').map((m) => m.text)).toEqual(['real reply']);

    const store = await backend.open();
    cleanups.push(() => store.close());
    const audit = await store.queryAudit({ conversationId: 'conv-e' });
    expect(
      audit.filter((a) => a.action === 'bot.authenticate').map((a) => [a.outcome, a.reason]),
    ).toEqual([
      ['denied', 'token_expired'],
      ['denied', 'caller_not_allowed'],
    ]);
    const printed = node.lines.join('\n');
    expect(printed).toContain('hub bot call refused');
    for (const token of [expired, otherCaller]) expect(printed).not.toContain(token);
  });
});
