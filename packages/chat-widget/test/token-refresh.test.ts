import { describe, expect, it } from 'vitest';
import { TokenRefresh } from '../src/conversation/token-refresh';
import type { ChatSession } from '../src/types';

const session = (token: string): ChatSession =>
  ({ directLine: { token, expiresIn: 3600 }, userId: 'dl_user' }) as ChatSession;

describe('TokenRefresh', () => {
  it('asks for one session while a request is under way', async () => {
    let requests = 0;
    let release: (s: ChatSession) => void = () => {};
    const tokens = new TokenRefresh({
      request: () => {
        requests += 1;
        return new Promise<ChatSession>((resolve) => {
          release = resolve;
        });
      },
      apply: () => {},
      fail: () => {},
    });
    const first = tokens.refresh();
    const second = tokens.refresh();
    expect(second).toBe(first);
    release(session('t1'));
    await first;
    expect(requests).toBe(1);
    tokens.stop();
  });

  it('refreshes again when the client reports an expiry while it switches tokens', async () => {
    const applied: string[] = [];
    let requests = 0;
    let followUp: Promise<void> | null = null;
    const tokens = new TokenRefresh({
      request: () => {
        requests += 1;
        return Promise.resolve(session(`t${requests}`));
      },
      apply: (s) => {
        applied.push(s.directLine.token);
        // The client's poll with the old token is refused while the new one is handed over.
        if (applied.length === 1) followUp = tokens.refresh();
      },
      fail: (cause) => {
        throw cause;
      },
    });
    await tokens.refresh();
    expect(followUp).not.toBeNull();
    await followUp;
    expect(applied).toEqual(['t1', 't2']);
    tokens.stop();
  });

  it('reports a failed request and can be asked again', async () => {
    const failures: unknown[] = [];
    let requests = 0;
    const tokens = new TokenRefresh({
      request: () => {
        requests += 1;
        return requests === 1 ? Promise.reject(new Error('down')) : Promise.resolve(session('t'));
      },
      apply: () => {},
      fail: (cause) => failures.push(cause),
    });
    await tokens.refresh();
    expect(failures).toHaveLength(1);
    await tokens.refresh();
    expect(requests).toBe(2);
    tokens.stop();
  });
});
