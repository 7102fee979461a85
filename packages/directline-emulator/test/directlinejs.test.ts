import {
  type Activity,
  ConnectionStatus,
  DirectLine,
} from 'botframework-directlinejs/lib/directLine.js';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DirectLineEmulator, startDirectLineEmulator } from '../src/index.js';
import { installBrowserGlobals, waitFor } from './support/nodeGlobals.js';
import { call } from './support/raw.js';
import { pingScenarios } from './support/scenarios.js';

// Integration with the unmodified botframework-directlinejs client, in Node.
let restoreGlobals: () => void;
let emulator: DirectLineEmulator;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  restoreGlobals = installBrowserGlobals();
  emulator = await startDirectLineEmulator({ scenarios: pingScenarios });
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  emulator.faults.clear();
});
afterAll(async () => {
  await emulator.close();
  restoreGlobals();
});

async function generateToken(user = 'dl_patient', target = emulator) {
  const res = await call(target.url, 'POST', '/v3/directline/tokens/generate', {
    auth: target.secret,
    json: { user: { id: user, name: 'Pat' } },
  });
  return res.body as { conversationId: string; token: string };
}

/** A client the way Web Chat makes one, recording statuses and activities. */
function connect(options: ConstructorParameters<typeof DirectLine>[0], target = emulator) {
  const directLine = new DirectLine({
    domain: `${target.url}/v3/directline`,
    webSocket: true,
    timeout: 5000,
    random: () => 0, // the client's reconnect delay becomes its minimum, 3 s
    ...options,
  });
  const activities: Activity[] = [];
  const statuses: ConnectionStatus[] = [];
  const statusSub = directLine.connectionStatus$.subscribe((s) => statuses.push(s));
  const activitySub = directLine.activity$.subscribe({
    next: (a) => activities.push(a),
    error: () => {},
  });
  cleanups.push(() => {
    activitySub.unsubscribe();
    statusSub.unsubscribe();
    directLine.end();
  });
  const post = (activity: Partial<Activity> & { type: string }) =>
    new Promise<string>((resolve, reject) =>
      directLine
        .postActivity({ from: { id: 'dl_patient' }, ...activity } as Activity)
        .subscribe({ next: resolve, error: reject }),
    );
  const texts = () =>
    activities.filter((a) => a.type === 'message').map((a) => (a as { text?: string }).text);
  return { directLine, activities, statuses, post, texts };
}

describe('botframework-directlinejs against the emulator', () => {
  it('connects with a token, posts, and receives its echo and the bot reply over the stream', async () => {
    const { token } = await generateToken();
    const client = connect({ token });
    const id = await client.post({ type: 'message', text: 'ping' });
    expect(id).toMatch(/\|0000001$/);
    await waitFor(() => client.texts().includes('pong'), 5000, 'pong');
    expect(client.texts()).toEqual(['ping', 'pong']);
    expect(client.statuses).toContain(ConnectionStatus.Online);
  });

  it('resumes from conversationId + watermark without receiving older activities', async () => {
    const { token, conversationId } = await generateToken();
    const first = connect({ token });
    await first.post({ type: 'message', text: 'ping' });
    await waitFor(() => first.texts().includes('pong'), 5000, 'pong');
    const listed = await call(
      emulator.url,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities`,
      { auth: token },
    );
    cleanups.pop()?.(); // the page goes away
    await call(emulator.url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      auth: token,
      json: { type: 'message', text: 'while away' },
    });

    // A new page resumes: the client calls GET /conversations/{id}?watermark= and streams.
    const resumed = connect({ token, conversationId, watermark: listed.body.watermark });
    await resumed.post({ type: 'message', text: 'after resume' });
    await waitFor(() => resumed.texts().includes('after resume'), 5000, 'echo');
    expect(resumed.texts()[0]).toBe('while away');
    expect(resumed.texts()).not.toContain('ping');
    expect(resumed.texts()).not.toContain('pong');
  });

  it('refreshes its token through /tokens/refresh', async () => {
    const { token, conversationId } = await generateToken();
    const client = connect({ token });
    await client.post({ type: 'message', text: 'ping' });
    // The client refreshes every 15 minutes; call the same code path directly.
    const refresh = (
      client.directLine as unknown as { refreshToken(): { subscribe(o: object): void } }
    ).refreshToken();
    const fresh = await new Promise<string>((resolve, reject) =>
      refresh.subscribe({ next: resolve, error: reject }),
    );
    expect(fresh).not.toBe(token);
    const res = await call(
      emulator.url,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities`,
      { auth: fresh },
    );
    expect(res.status).toBe(200);
  });

  it('reports ExpiredToken after expiry, then recovers with reconnect() and a fresh token', async () => {
    const quick = await startDirectLineEmulator({ scenarios: pingScenarios, tokenTtlSeconds: 1 });
    cleanups.push(() => void quick.close());
    const { token, conversationId } = await generateToken('dl_patient', quick);
    const client = connect({ token }, quick);
    await client.post({ type: 'message', text: 'ping' });
    const expiresAt = decodeJwt(token).exp!;
    await waitFor(() => Date.now() / 1000 > expiresAt + 0.05, 5000, 'expiry');
    await client.post({ type: 'message', text: 'too late' }).catch(() => undefined);
    await waitFor(
      () => client.statuses.includes(ConnectionStatus.ExpiredToken),
      5000,
      'ExpiredToken',
    );

    const renewed = await call(quick.url, 'GET', `/v3/directline/conversations/${conversationId}`, {
      auth: quick.secret,
    });
    client.directLine.reconnect({
      conversationId,
      token: renewed.body.token,
      streamUrl: renewed.body.streamUrl,
    });
    expect(client.directLine.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    await client.post({ type: 'message', text: 'ping' });
    await waitFor(
      () => client.texts().filter((t) => t === 'pong').length === 2,
      5000,
      'second pong',
    );
  });

  it('reconnects after the stream drops, with nothing lost or doubled', async () => {
    const { token, conversationId } = await generateToken();
    const client = connect({ token });
    await client.post({ type: 'message', text: 'ping' });
    await waitFor(() => client.texts().includes('pong'), 5000, 'pong');
    expect(emulator.faults.dropStreams(conversationId)).toBe(1);
    // While the client waits to reconnect, the conversation moves on.
    await client.post({ type: 'message', text: 'ping' });
    await waitFor(() => client.texts().length === 4, 10_000, 'replayed activities');
    const all = await call(
      emulator.url,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities`,
      { auth: emulator.secret },
    );
    const received = client.activities.filter((a) => a.type !== 'typing').map((a) => a.id);
    expect(received).toEqual(all.body.activities.map((a: Activity) => a.id));
    expect(new Set(received).size).toBe(received.length);
  });
});
