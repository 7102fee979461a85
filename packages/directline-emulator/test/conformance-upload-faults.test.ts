import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectLineEmulator, startDirectLineEmulator } from '../src/index.js';
import { call, startWithSecret } from './support/raw.js';
import { pingScenarios } from './support/scenarios.js';

let emulator: DirectLineEmulator;
const dl = '/v3/directline';

beforeAll(async () => {
  emulator = await startDirectLineEmulator({ scenarios: pingScenarios, maxUploadBytes: 1024 });
});
afterAll(() => emulator.close());

async function lastActivity(conversationId: string, token: string) {
  const res = await call(emulator.url, 'GET', `${dl}/conversations/${conversationId}/activities`, {
    auth: token,
  });
  return res.body.activities.at(-1);
}

describe('upload', () => {
  it('takes a raw file and makes it an attachment served at its contentUrl', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const res = await call(
      emulator.url,
      'POST',
      `${dl}/conversations/${conversationId}/upload?userId=dl_patient`,
      {
        auth: token,
        body: bytes,
        headers: {
          'Content-Type': 'image/png',
          'Content-Disposition': 'attachment; filename="scan.png"',
        },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    const activity = await lastActivity(conversationId, token);
    expect(activity).toMatchObject({ type: 'message', from: { id: 'dl_patient' } });
    expect(activity.attachments).toEqual([
      { contentType: 'image/png', contentUrl: expect.any(String), name: 'scan.png' },
    ]);
    const url = activity.attachments[0].contentUrl as string;
    const file = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('serves an upload only to its conversation’s token (or the secret)', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    const other = await startWithSecret(emulator.url, emulator.secret);
    const res = await call(
      emulator.url,
      'POST',
      `${dl}/conversations/${conversationId}/upload?userId=dl_patient`,
      { auth: token, body: 'lab result', headers: { 'Content-Type': 'text/plain' } },
    );
    expect(res.status).toBe(200);
    const url = new URL((await lastActivity(conversationId, token)).attachments[0].contentUrl);
    const path = url.pathname;
    const anonymous = await call(emulator.url, 'GET', path);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'Unauthorized']);
    const stranger = await call(emulator.url, 'GET', path, { auth: other.token });
    expect([stranger.status, stranger.body.error.code]).toEqual([403, 'Forbidden']);
    const forged = await call(emulator.url, 'GET', path, { auth: `${token}x` });
    expect([forged.status, forged.body.error.code]).toEqual([403, 'Forbidden']);
    expect(await call(emulator.url, 'GET', path, { auth: token })).toMatchObject({
      status: 200,
      body: 'lab result',
    });
    expect((await call(emulator.url, 'GET', path, { auth: emulator.secret })).status).toBe(200);
    const missing = await call(emulator.url, 'GET', `${dl}/attachments/nope`, { auth: token });
    expect(missing.status).toBe(404);
  });

  it('takes multipart with an activity part and file parts', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    const form = new FormData();
    const template = {
      type: 'message',
      text: 'my rash',
      from: { id: 'dl_patient' },
      attachments: [{ contentType: 'text/plain', name: 'note.txt' }],
    };
    form.append(
      'activity',
      new Blob([JSON.stringify(template)], { type: 'application/vnd.microsoft.activity' }),
    );
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
    const res = await call(
      emulator.url,
      'POST',
      `${dl}/conversations/${conversationId}/upload?userId=dl_patient`,
      { auth: token, body: form },
    );
    expect(res.status).toBe(200);
    const activity = await lastActivity(conversationId, token);
    expect(activity.text).toBe('my rash');
    expect(activity.attachments).toHaveLength(1);
    const file = await fetch(activity.attachments[0].contentUrl, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await file.text()).toBe('hello');
  });

  it('enforces the size limit (413) and needs userId (400)', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    const path = `${dl}/conversations/${conversationId}/upload`;
    const big = await call(emulator.url, 'POST', `${path}?userId=dl_patient`, {
      auth: token,
      body: new Uint8Array(2048),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('MessageSizeTooBig');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(2048)]), 'big.bin');
    const bigPart = await call(emulator.url, 'POST', `${path}?userId=dl_patient`, {
      auth: token,
      body: form,
    });
    expect(bigPart.status).toBe(413);
    const noUser = await call(emulator.url, 'POST', path, {
      auth: token,
      body: 'x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(noUser.status).toBe(400);
  });
});

describe('faults', () => {
  it('answers 502, 403 TokenExpired and 429 with Retry-After on demand, then recovers', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    const post = () =>
      call(emulator.url, 'POST', `${dl}/conversations/${conversationId}/activities`, {
        auth: token,
        json: { type: 'message', text: 'ping' },
      });
    emulator.faults.fail(502, { route: 'activities' });
    emulator.faults.fail(403, { route: 'activities' });
    emulator.faults.fail(429, { route: 'activities', retryAfterSeconds: 2 });
    const bot = await post();
    expect(bot.status).toBe(502);
    expect(bot.body.error.code).toBe('BotError');
    const expired = await post();
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('TokenExpired');
    const throttled = await post();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect((await post()).status).toBe(200);
  });

  it('delays matching requests and applies faults to their route only', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    emulator.faults.fail(502, { route: 'upload' });
    emulator.faults.delay(150, { route: 'activities' });
    const started = Date.now();
    const res = await call(
      emulator.url,
      'GET',
      `${dl}/conversations/${conversationId}/activities`,
      { auth: token },
    );
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    emulator.faults.clear();
    expect(
      (
        await call(emulator.url, 'POST', `${dl}/conversations/${conversationId}/upload?userId=u`, {
          auth: token,
          body: 'x',
          headers: { 'Content-Type': 'text/plain' },
        })
      ).status,
    ).toBe(200);
  });

  it('takes fault commands over HTTP with the secret only', async () => {
    const { token } = await startWithSecret(emulator.url, emulator.secret);
    const denied = await call(emulator.url, 'POST', '/emulator/faults', {
      auth: token,
      json: { action: 'clear' },
    });
    expect(denied.status).toBe(403);
    const bad = await call(emulator.url, 'POST', '/emulator/faults', {
      auth: emulator.secret,
      json: { action: 'explode' },
    });
    expect(bad.status).toBe(400);
    const ok = await call(emulator.url, 'POST', '/emulator/faults', {
      auth: emulator.secret,
      json: { action: 'fail', status: 502, route: 'conversations' },
    });
    expect(ok.status).toBe(200);
    const start = await call(emulator.url, 'POST', `${dl}/conversations`, {
      auth: emulator.secret,
    });
    expect(start.status).toBe(502);
  });
});

describe('limits and expiry', () => {
  it('forgets the least recently used conversation beyond maxConversations', async () => {
    const small = await startDirectLineEmulator({ scenarios: pingScenarios, maxConversations: 2 });
    try {
      const a = await startWithSecret(small.url, small.secret);
      await startWithSecret(small.url, small.secret);
      await startWithSecret(small.url, small.secret);
      const gone = await call(
        small.url,
        'GET',
        `${dl}/conversations/${a.conversationId}/activities`,
        { auth: small.secret },
      );
      expect(gone.status).toBe(404);
    } finally {
      await small.close();
    }
  });

  it('expires tokens after tokenTtlSeconds (403 TokenExpired); the secret then issues a fresh one', async () => {
    const quick = await startDirectLineEmulator({ scenarios: pingScenarios, tokenTtlSeconds: 1 });
    try {
      const { conversationId, token, expires_in } = await startWithSecret(quick.url, quick.secret);
      expect(expires_in).toBe(1);
      const path = `${dl}/conversations/${conversationId}/activities`;
      let res = await call(quick.url, 'GET', path, { auth: token });
      for (let i = 0; i < 40 && res.status === 200; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        res = await call(quick.url, 'GET', path, { auth: token });
      }
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('TokenExpired');
      const refresh = await call(quick.url, 'POST', `${dl}/tokens/refresh`, { auth: token });
      expect(refresh.body.error.code).toBe('TokenExpired');
      const renewed = await call(quick.url, 'GET', `${dl}/conversations/${conversationId}`, {
        auth: quick.secret,
      });
      expect((await call(quick.url, 'GET', path, { auth: renewed.body.token })).status).toBe(200);
    } finally {
      await quick.close();
    }
  });
});
