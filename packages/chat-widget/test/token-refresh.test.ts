import { describe, expect, it } from 'vitest';
import { createCore } from '../src/conversation/core';
import type { ControllerEvents } from '../src/conversation/options';
import { refreshToken } from '../src/conversation/token-refresh';
import type { DirectLineClient } from '../src/directline/connection';
import { Emitter } from '../src/emitter';
import type { BatonWidgetError } from '../src/errors';
import type { ChatSession, SessionRequest } from '../src/types';

const session = (token: string): ChatSession =>
  ({ directLine: { token, expiresIn: 3600 }, userId: 'dl_user' }) as ChatSession;

/** A controller's state with a client on `conv-1`; `getSession` answers the refreshes. */
function core(
  getSession: (request: SessionRequest) => Promise<ChatSession>,
  reconnect: (token: string) => void = () => {},
) {
  const failures: BatonWidgetError[] = [];
  const events = new Emitter<ControllerEvents>();
  events.on('error', (error) => failures.push(error));
  const c = createCore(
    {
      getSession,
      createDirectLine: () => {
        throw new Error('not used');
      },
      locale: () => 'en',
      detectors: [],
      storage: null,
      resumeTtlMs: 60_000,
      debug: null,
      context: () => ({}),
    },
    events,
  );
  c._client = {
    conversationId: 'conv-1',
    reconnect: ({ token }: { token: string }) => reconnect(token),
  } as unknown as DirectLineClient;
  return { c, failures };
}

describe('token refresh', () => {
  it('asks for one session while a request is under way', async () => {
    const requests: SessionRequest[] = [];
    let release: (s: ChatSession) => void = () => {};
    const { c } = core(
      (request) =>
        new Promise<ChatSession>((resolve) => {
          requests.push(request);
          release = resolve;
        }),
    );
    const first = refreshToken(c);
    const second = refreshToken(c);
    expect(second).toBe(first);
    release(session('t1'));
    await first;
    expect(requests).toEqual([{ locale: 'en', resume: { conversationId: 'conv-1' } }]);
  });

  it('refreshes again when the client reports an expiry while it switches tokens', async () => {
    const applied: string[] = [];
    let requests = 0;
    let followUp: Promise<void> | null = null;
    const { c, failures } = core(
      () => {
        requests += 1;
        return Promise.resolve(session(`t${requests}`));
      },
      (token) => {
        applied.push(token);
        // The client's poll with the old token is refused while the new one is handed over.
        if (applied.length === 1) followUp = refreshToken(c);
      },
    );
    await refreshToken(c);
    expect(followUp).not.toBeNull();
    await followUp;
    expect(applied).toEqual(['t1', 't2']);
    expect(failures).toEqual([]);
  });

  it('reports a failed request and can be asked again', async () => {
    let requests = 0;
    const { c, failures } = core(() => {
      requests += 1;
      return requests === 1 ? Promise.reject(new Error('down')) : Promise.resolve(session('t'));
    });
    await refreshToken(c);
    expect(failures.map((f) => f.code)).toEqual(['session_failed']);
    expect(c._state.connection).toBe('offline');
    await refreshToken(c);
    expect(requests).toBe(2);
  });
});
