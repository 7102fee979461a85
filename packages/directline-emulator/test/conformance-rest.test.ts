import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectLineEmulator, startDirectLineEmulator } from '../src/index.js';
import { call, startWithSecret, type Wire } from './support/raw.js';
import { pingScenarios } from './support/scenarios.js';

// Conformance with the Direct Line 3.0 REST reference, over raw HTTP (no client library).
let emulator: DirectLineEmulator;
let base: string;
const dl = '/v3/directline';

beforeAll(async () => {
  emulator = await startDirectLineEmulator({ scenarios: pingScenarios });
  base = emulator.url;
});
afterAll(() => emulator.close());

function expectError(res: { status: number; body: Wire }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
}

describe('authentication', () => {
  it('generates a token for a new conversation, carrying conversation, user and expiry', async () => {
    const res = await call(base, 'POST', `${dl}/tokens/generate`, {
      auth: emulator.secret,
      json: { user: { id: 'dl_ana', name: 'Ana' }, trustedOrigins: ['http://localhost'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      conversationId: expect.any(String),
      token: expect.any(String),
      expires_in: 1800,
    });
    const claims = decodeJwt(res.body.token);
    expect(claims.user).toBe('dl_ana');
    expect(claims.conv).toBe(res.body.conversationId);
    expect(claims.exp! - claims.iat!).toBeCloseTo(1800, -1);
  });

  it('binds a token to its trustedOrigins: start, reconnect and refresh only from one of them', async () => {
    const portal = 'https://portal.example.org';
    const generated = await call(base, 'POST', `${dl}/tokens/generate`, {
      auth: emulator.secret,
      json: { trustedOrigins: [portal, 'http://localhost:8080/'] },
    });
    expect(generated.status).toBe(200);
    const { token, conversationId } = generated.body;
    expect(decodeJwt(token).origins).toEqual([portal, 'http://localhost:8080']);
    const from = (origin?: string) => (origin ? { Origin: origin } : undefined);
    const start = (origin?: string) =>
      call(base, 'POST', `${dl}/conversations`, { auth: token, headers: from(origin) });
    for (const origin of ['https://evil.example', undefined, 'https://portal.example.org.evil']) {
      const refused = await start(origin);
      expectError(refused, 403, 'Forbidden');
    }
    // Refused starts changed nothing: the first allowed one starts the conversation (201).
    expect((await start(portal)).status).toBe(201);
    expect((await start('http://localhost:8080')).status).toBe(200);
    const reconnectPath = `${dl}/conversations/${conversationId}`;
    expectError(
      await call(base, 'GET', reconnectPath, {
        auth: token,
        headers: from('https://evil.example'),
      }),
      403,
      'Forbidden',
    );
    expect(
      (await call(base, 'GET', reconnectPath, { auth: token, headers: from(portal) })).status,
    ).toBe(200);
    const refresh = (origin?: string) =>
      call(base, 'POST', `${dl}/tokens/refresh`, { auth: token, headers: from(origin) });
    expectError(await refresh('https://evil.example'), 403, 'Forbidden');
    const refreshed = await refresh(portal);
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.token).origins).toEqual([portal, 'http://localhost:8080']);
    // A token generated without trustedOrigins is not bound to any origin.
    const free = await call(base, 'POST', `${dl}/tokens/generate`, { auth: emulator.secret });
    expect(decodeJwt(free.body.token).origins).toBeUndefined();
    expect(
      (await call(base, 'POST', `${dl}/conversations`, { auth: free.body.token })).status,
    ).toBe(201);
  });

  it('answers 400 to trustedOrigins that are not origins', async () => {
    for (const origin of ['https://portal.example.org/path', 'javascript:alert(1)', 'portal', '']) {
      const res = await call(base, 'POST', `${dl}/tokens/generate`, {
        auth: emulator.secret,
        json: { trustedOrigins: [origin] },
      });
      expectError(res, 400, 'BadArgument');
    }
  });

  it('generates tokens only for the site’s own trusted origins when it has some', async () => {
    const site = await startDirectLineEmulator({
      scenarios: pingScenarios,
      trustedOrigins: ['https://portal.example.org'],
    });
    try {
      const generate = (json?: unknown) =>
        call(site.url, 'POST', `${dl}/tokens/generate`, { auth: site.secret, json });
      const bare = await generate();
      expect(decodeJwt(bare.body.token).origins).toEqual(['https://portal.example.org']);
      expectError(await generate({ trustedOrigins: ['https://evil.example'] }), 403, 'Forbidden');
      await expect(startDirectLineEmulator({ trustedOrigins: ['not an origin'] })).rejects.toThrow(
        /trustedOrigins/,
      );
    } finally {
      await site.close();
    }
  });

  it('generates without a body, and answers 400 to a malformed one', async () => {
    const bare = await call(base, 'POST', `${dl}/tokens/generate`, { auth: emulator.secret });
    expect(bare.status).toBe(200);
    expect(decodeJwt(bare.body.token).user).toBeUndefined();
    const bad = await call(base, 'POST', `${dl}/tokens/generate`, {
      auth: emulator.secret,
      json: { user: { id: 42 } },
    });
    expectError(bad, 400, 'BadArgument');
    const notJson = await call(base, 'POST', `${dl}/tokens/generate`, {
      auth: emulator.secret,
      body: '{nope',
      headers: { 'Content-Type': 'application/json' },
    });
    expectError(notJson, 400, 'BadArgument');
  });

  it('answers 401 without credentials and 403 with wrong ones', async () => {
    expectError(await call(base, 'POST', `${dl}/conversations`), 401, 'Unauthorized');
    expectError(
      await call(base, 'POST', `${dl}/conversations`, { headers: { Authorization: 'Basic x' } }),
      401,
      'Unauthorized',
    );
    expectError(
      await call(base, 'POST', `${dl}/conversations`, { auth: 'not-a-secret' }),
      403,
      'Forbidden',
    );
  });

  it('refreshes a token for the same conversation; only a token can be refreshed', async () => {
    const generated = (
      await call(base, 'POST', `${dl}/tokens/generate`, {
        auth: emulator.secret,
        json: { user: { id: 'dl_bob' } },
      })
    ).body;
    const refreshed = await call(base, 'POST', `${dl}/tokens/refresh`, { auth: generated.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(generated.conversationId);
    expect(refreshed.body.token).not.toBe(generated.token);
    expect(decodeJwt(refreshed.body.token).user).toBe('dl_bob');
    expectError(
      await call(base, 'POST', `${dl}/tokens/refresh`, { auth: emulator.secret }),
      403,
      'Forbidden',
    );
    expectError(
      await call(base, 'POST', `${dl}/tokens/generate`, { auth: generated.token }),
      403,
      'Forbidden',
    );
  });

  it('lets a token reach only its own conversation, and the secret reach any', async () => {
    const a = await startWithSecret(base, emulator.secret);
    const b = await startWithSecret(base, emulator.secret);
    expectError(
      await call(base, 'GET', `${dl}/conversations/${b.conversationId}/activities`, {
        auth: a.token,
      }),
      403,
      'Forbidden',
    );
    expect(
      (
        await call(base, 'GET', `${dl}/conversations/${b.conversationId}/activities`, {
          auth: b.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(base, 'GET', `${dl}/conversations/${a.conversationId}/activities`, {
          auth: emulator.secret,
        })
      ).status,
    ).toBe(200);
  });
});

describe('conversations', () => {
  it('starts with 201 the first time a token starts it, 200 after', async () => {
    const { token, conversationId } = (
      await call(base, 'POST', `${dl}/tokens/generate`, {
        auth: emulator.secret,
      })
    ).body;
    const first = await call(base, 'POST', `${dl}/conversations`, { auth: token });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      conversationId,
      token,
      expires_in: expect.any(Number),
      streamUrl: expect.stringMatching(
        new RegExp(`^ws://127\\.0\\.0\\.1:\\d+${dl}/conversations/${conversationId}/stream\\?`),
      ),
      referenceGrammarId: expect.any(String),
    });
    const again = await call(base, 'POST', `${dl}/conversations`, { auth: token });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversationId);
  });

  it('starts a new conversation for each call with the secret', async () => {
    const a = await startWithSecret(base, emulator.secret);
    const b = await startWithSecret(base, emulator.secret);
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(decodeJwt(a.token).user).toBe('dl_patient');
  });

  it('reconnects with a new stream URL; 404 for an unknown conversation; 400 for a bad watermark', async () => {
    const started = await startWithSecret(base, emulator.secret);
    const res = await call(
      base,
      'GET',
      `${dl}/conversations/${started.conversationId}?watermark=`,
      { auth: started.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.conversationId).toBe(started.conversationId);
    expect(res.body.streamUrl).not.toBe(started.streamUrl);
    expect(res.body.token).toBe(started.token);
    const withSecret = await call(base, 'GET', `${dl}/conversations/${started.conversationId}`, {
      auth: emulator.secret,
    });
    expect(decodeJwt(withSecret.body.token).conv).toBe(started.conversationId);
    expectError(
      await call(base, 'GET', `${dl}/conversations/nope`, { auth: emulator.secret }),
      404,
      'NotFound',
    );
    expectError(
      await call(base, 'GET', `${dl}/conversations/${started.conversationId}?watermark=x!`, {
        auth: started.token,
      }),
      400,
      'BadArgument',
    );
  });
});

describe('activities', () => {
  it('sends an activity, returns its id, and lists the conversation with a watermark', async () => {
    const { conversationId, token } = await startWithSecret(base, emulator.secret);
    const sent = await call(base, 'POST', `${dl}/conversations/${conversationId}/activities`, {
      auth: token,
      json: { type: 'message', from: { id: 'spoofed' }, text: 'ping', locale: 'en-US' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ id: `${conversationId}|0000001` });

    const all = await call(base, 'GET', `${dl}/conversations/${conversationId}/activities`, {
      auth: token,
    });
    expect(all.status).toBe(200);
    const [mine, pong] = all.body.activities;
    expect(mine).toMatchObject({
      type: 'message',
      id: `${conversationId}|0000001`,
      channelId: 'directline',
      conversation: { id: conversationId },
      from: { id: 'dl_patient' },
      recipient: { id: 'healthbot' },
      text: 'ping',
    });
    expect(Date.parse(mine.timestamp)).not.toBeNaN();
    // typing (0000002) is stream-only: the GET interface never returns it.
    expect(pong).toMatchObject({
      type: 'message',
      text: 'pong',
      id: `${conversationId}|0000003`,
      from: { id: 'healthbot' },
      recipient: { id: 'dl_patient' },
    });
    expect(all.body.activities.some((a: Wire) => a.type === 'typing')).toBe(false);
    expect(typeof all.body.watermark).toBe('string');

    const after = await call(
      base,
      'GET',
      `${dl}/conversations/${conversationId}/activities?watermark=${all.body.watermark}`,
      { auth: token },
    );
    expect(after.body).toEqual({ activities: [], watermark: all.body.watermark });
  });

  it('needs from.id when the token carries no user, and answers 400 to a body that is no activity', async () => {
    const { token } = (await call(base, 'POST', `${dl}/tokens/generate`, { auth: emulator.secret }))
      .body;
    const { conversationId } = (await call(base, 'POST', `${dl}/conversations`, { auth: token }))
      .body;
    const path = `${dl}/conversations/${conversationId}/activities`;
    expectError(
      await call(base, 'POST', path, { auth: token, json: { type: 'message', text: 'hi' } }),
      400,
      'MissingProperty',
    );
    expectError(
      await call(base, 'POST', path, { auth: token, json: { text: 'no type' } }),
      400,
      'MissingProperty',
    );
    expect(
      (
        await call(base, 'POST', path, {
          auth: token,
          json: { type: 'message', from: { id: 'u1' }, text: 'hi' },
        })
      ).status,
    ).toBe(200);
  });

  it('answers 404 for an unknown conversation or endpoint, 405 for a wrong method, and CORS preflights', async () => {
    expectError(
      await call(base, 'POST', `${dl}/conversations/unknown/activities`, {
        auth: emulator.secret,
        json: { type: 'message' },
      }),
      404,
      'NotFound',
    );
    expectError(
      await call(base, 'GET', `${dl}/nothing-here`, { auth: emulator.secret }),
      404,
      'NotFound',
    );
    expectError(
      await call(base, 'GET', `${dl}/tokens/generate`, { auth: emulator.secret }),
      405,
      'MethodNotAllowed',
    );
    const preflight = await call(base, 'OPTIONS', `${dl}/conversations`, {
      headers: { Origin: 'http://portal.test' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://portal.test');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});
