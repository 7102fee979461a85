import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBatonWidgetError } from '../errors';
import { sessionSource } from './session';

const GOOD = { directLine: { token: 't' }, userId: 'dl_x', patientToken: 'jwt' };
let server: Server;
let url: string;
let reply: { status: number; body: unknown } = { status: 200, body: GOOD };
const seen: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method, body: JSON.parse(body) });
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/session`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('sessionSource', () => {
  it('POSTs the request to a session URL and returns the session', async () => {
    reply = { status: 200, body: GOOD };
    const session = await sessionSource(url)({ locale: 'fr', resume: { conversationId: 'c' } });
    expect(session).toEqual(GOOD);
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      body: { locale: 'fr', resume: { conversationId: 'c' } },
    });
  });

  it.each([
    [{ status: 500, body: {} }, /answered 500/],
    [
      { status: 200, body: { directLine: {}, userId: 'u', patientToken: 'p' } },
      /no Direct Line token/,
    ],
    [{ status: 200, body: { secret: 'x' } }, /no Direct Line token/],
  ])('rejects a bad answer with session_failed', async (answer, message) => {
    reply = answer;
    const error = await sessionSource(url)({ locale: 'en' }).catch((e: unknown) => e);
    expect(isBatonWidgetError(error) && error.code).toBe('session_failed');
    expect(String((error as Error).message)).toMatch(message);
  });

  it('wraps a throwing callback', async () => {
    const error = await sessionSource(async () => {
      throw new Error('backend down');
    })({ locale: 'en' }).catch((e: unknown) => e);
    expect(isBatonWidgetError(error) && error.code).toBe('session_failed');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  describe("the loader's early request", () => {
    const body = JSON.stringify({ locale: 'en', init: {} });
    const answered = () =>
      Promise.resolve(new Response(JSON.stringify({ ...GOOD, userId: 'early' })));

    it('answers the first call when the widget asks for the same thing', async () => {
      const before = seen.length;
      const get = sessionSource(url, { body, response: answered() });
      expect((await get({ locale: 'en', init: {} })).userId).toBe('early');
      expect(seen.length).toBe(before);
      // Later calls (a token refresh) are the widget's own.
      reply = { status: 200, body: GOOD };
      expect((await get({ locale: 'en', init: {} })).userId).toBe('dl_x');
      expect(seen.length).toBe(before + 1);
    });

    it('is not used when the widget asks for something else (joining another tab)', async () => {
      reply = { status: 200, body: GOOD };
      const resume = { locale: 'en', resume: { conversationId: 'peer' } };
      const session = await sessionSource(url, { body, response: answered() })(resume);
      expect(session.userId).toBe('dl_x');
      expect(seen.at(-1)).toEqual({ method: 'POST', body: resume });
    });

    it.each([
      ['not sent (another tab has the conversation)', () => Promise.resolve(null)],
      ['failed', () => Promise.reject(new TypeError('network'))],
    ])('when %s, the widget asks itself', async (_, response) => {
      reply = { status: 200, body: GOOD };
      const before = seen.length;
      const session = await sessionSource(url, { body, response: response() })({
        locale: 'en',
        init: {},
      });
      expect(session.userId).toBe('dl_x');
      expect(seen.length).toBe(before + 1);
    });
  });
});
