// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatController } from '../src/conversation/controller';
import type { ChatState } from '../src/conversation/state';
import { RESUME_STORAGE_KEY, writeResumeHandle } from '../src/directline/resume-handle';
import type { BatonWidgetError } from '../src/errors';
import { escalationDetectors } from '../src/escalation/index';
import type { ChatSession, SessionRequest } from '../src/types';
import { fakeDirectLineFactory } from './support/fake-direct-line';

// Connection lifecycle of the controller, with the scripted Direct Line stand-in so that every
// status (expired token, failure, end) can be produced on demand. The real client against the
// emulator is in integration.test.ts.

const session = (token: string, extra: Partial<ChatSession['directLine']> = {}): ChatSession => ({
  directLine: { token, conversationId: 'conv-1', ...extra },
  userId: 'dl_me',
  patientToken: 'jwt',
  resumeBinding: 'binding-1',
});

const controllers: ChatController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
  sessionStorage.clear();
  vi.useRealTimers();
});

function make(getSession: (request: SessionRequest) => Promise<ChatSession>) {
  const directLine = fakeDirectLineFactory();
  const requests: SessionRequest[] = [];
  const controller = new ChatController({
    getSession: (request) => {
      requests.push(request);
      return getSession(request);
    },
    createDirectLine: directLine.create,
    locale: () => 'en',
    detectors: escalationDetectors(),
    storage: sessionStorage,
    resumeTtlMs: 60_000,
    debug: null,
    context: () => ({}),
  });
  controllers.push(controller);
  const errors: BatonWidgetError[] = [];
  controller.events.on('error', (e) => errors.push(e));
  const states: ChatState['connection'][] = [];
  controller.events.on('state', (s) => {
    if (states.at(-1) !== s.connection) states.push(s.connection);
  });
  return { controller, directLine, requests, errors, states, dl: () => directLine.instances[0]! };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ChatController connection lifecycle', () => {
  it('gets a fresh session for the same conversation when the token expires', async () => {
    let n = 0;
    const { controller, dl, requests, states } = make(async () => session(`token-${++n}`));
    await controller.start();
    await tick();
    expect(controller.state.connection).toBe('online');
    dl().connectionStatus$.next(3); // ExpiredToken
    await tick();
    await tick();
    expect(requests.at(-1)).toEqual({
      locale: 'en',
      resume: { conversationId: 'conv-1', resumeBinding: 'binding-1' },
    });
    expect(dl().reconnects).toEqual([{ conversationId: 'conv-1', token: 'token-2' }]);
    expect(states).toEqual(['connecting', 'online', 'reconnecting', 'online']);
  });

  it('refreshes short-lived tokens before they expire', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let n = 0;
    const { controller, dl, requests } = make(async () =>
      session(`token-${++n}`, { expiresIn: 60 }),
    );
    await controller.start();
    await vi.advanceTimersByTimeAsync(47_000);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000); // 80% of 60 s
    expect(requests).toHaveLength(2);
    expect(dl().reconnects.map((r) => r.token)).toEqual(['token-2']);
  });

  it('reports a failed connection and a failed session as errors, and goes offline', async () => {
    const failing = make(async () => {
      throw new Error('down');
    });
    await failing.controller.start();
    expect(failing.controller.state.connection).toBe('offline');
    expect(failing.errors.map((e) => e.code)).toEqual(['session_failed']);

    const refused = make(async () => session('t'));
    await refused.controller.start();
    refused.dl().connectionStatus$.next(4); // FailedToConnect
    expect(refused.controller.state.connection).toBe('offline');
    expect(refused.errors.map((e) => e.code)).toEqual(['connection_failed']);
  });

  it('holds a message typed before the Direct Line client exists, then sends it', async () => {
    let release: (value: ChatSession) => void = () => {};
    const { controller, dl } = make(() => new Promise((resolve) => (release = resolve)));
    const started = controller.start();
    controller.send('typed at once');
    expect(controller.state.messages.at(-1)?.delivery).toBe('sending');
    release(session('t'));
    await started;
    await tick();
    expect(dl().posted.map((a) => a.text)).toContain('typed at once');
    expect(controller.state.messages.at(-1)?.delivery).toBe('sent');
  });

  it('holds a message typed while the expired token is replaced, then sends it', async () => {
    let n = 0;
    let release: (value: ChatSession) => void = () => {};
    const { controller, dl } = make((request) =>
      request.resume
        ? new Promise((resolve) => (release = resolve))
        : Promise.resolve(session(`token-${++n}`)),
    );
    await controller.start();
    await tick();
    dl().connectionStatus$.next(3); // ExpiredToken: the refresh is under way
    await tick();
    controller.send('typed while expired');
    await tick();
    expect(dl().posted.map((a) => a.text)).not.toContain('typed while expired');
    expect(controller.state.messages.at(-1)?.delivery).toBe('sending');
    release(session('token-fresh'));
    await tick();
    await tick();
    expect(dl().posted.map((a) => a.text)).toContain('typed while expired');
    expect(controller.state.messages.at(-1)?.delivery).toBe('sent');
  });

  it('marks a message held while reconnecting failed when the refresh fails', async () => {
    let refuse: (error: Error) => void = () => {};
    const { controller, dl } = make((request) =>
      request.resume
        ? new Promise((_, reject) => (refuse = reject))
        : Promise.resolve(session('token-1')),
    );
    await controller.start();
    await tick();
    dl().connectionStatus$.next(3);
    await tick();
    controller.send('typed while expired');
    refuse(new Error('portal down'));
    await tick();
    await tick();
    expect(controller.state.connection).toBe('offline');
    expect(controller.state.messages.at(-1)?.delivery).toBe('failed');
  });

  it('marks a held message failed when the session cannot start', async () => {
    let refuse: (error: Error) => void = () => {};
    const { controller } = make(() => new Promise((_, reject) => (refuse = reject)));
    const started = controller.start();
    controller.send('typed at once');
    refuse(new Error('down'));
    await started;
    expect(controller.state.messages.at(-1)?.delivery).toBe('failed');
  });

  it('forgets the resume handle when the conversation ends', async () => {
    const { controller, dl } = make(async () => session('t'));
    await controller.start();
    await tick();
    expect(sessionStorage.getItem(RESUME_STORAGE_KEY)).toContain('conv-1');
    dl().connectionStatus$.next(5); // Ended
    expect(controller.state.connection).toBe('ended');
    expect(sessionStorage.getItem(RESUME_STORAGE_KEY)).toBeNull();
  });

  it('starts a new conversation when the backend refuses to resume the stored one', async () => {
    writeResumeHandle(sessionStorage, {
      conversationId: 'old',
      expiresAt: Date.now() + 60_000,
      resumeBinding: 'x',
    });
    const { controller, dl, requests } = make(async (request) => {
      if (request.resume) throw new Error('403');
      return session('t');
    });
    await controller.start();
    await tick();
    expect(requests.map((r) => r.resume?.conversationId ?? 'new')).toEqual(['old', 'new']);
    expect(dl().posted.map((a) => a.name)).toEqual(['InitConversation']);
    expect(JSON.parse(sessionStorage.getItem(RESUME_STORAGE_KEY) ?? '{}').conversationId).toBe(
      'conv-1',
    );
  });

  it('shows the first turn the backend took and posts no InitConversation; the stream repeats it once', async () => {
    const greeting = {
      id: 'conv-1|0000001',
      type: 'message',
      text: 'Hello Sam!',
      from: { id: 'bot', role: 'bot' },
    };
    const { controller, dl, requests } = make(async () => ({
      ...session('t', { streamUrl: 'wss://dl.example/stream?t=1' }),
      firstTurn: { activities: [greeting], watermark: '1' },
    }));
    const incoming: string[] = [];
    controller.events.on('incoming', (a) => incoming.push(a.text ?? a.type));
    await controller.start();
    // Asked as a new conversation, shown before the stream said anything.
    expect(requests).toEqual([{ locale: 'en', init: {} }]);
    expect(controller.state.messages.map((m) => m.activity.text)).toEqual(['Hello Sam!']);
    // Straight to the backend's stream: no conversation start, no reconnect.
    expect(dl().options).toMatchObject({
      conversationId: 'conv-1',
      streamUrl: 'wss://dl.example/stream?t=1',
    });
    await tick();
    expect(controller.state.connection).toBe('online');
    dl().activity$.next(greeting); // the stream's replay of the same activity
    expect(controller.state.messages).toHaveLength(1);
    expect(incoming).toEqual(['Hello Sam!']);
    expect(dl().posted).toEqual([]);
  });

  it('posts InitConversation itself when the session has no first turn (an older backend)', async () => {
    const { controller, dl, requests } = make(async () => session('t'));
    await controller.start();
    await tick();
    expect(requests).toEqual([{ locale: 'en', init: {} }]);
    expect(dl().options.streamUrl).toBeUndefined();
    expect(dl().posted.map((a) => a.name)).toEqual(['InitConversation']);
  });

  it('replays history on resume without re-running detectors or events', async () => {
    // Direct Line's history endpoint, stood in for: the emulator path is in integration.test.ts.
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      expect(url).toBe(
        'https://directline.botframework.com/v3/directline/conversations/conv-1/activities',
      );
      expect(new Headers(init.headers).get('authorization')).toBe('Bearer t');
      return new Response(
        JSON.stringify({
          activities: [
            { type: 'event', name: 'handoff.initiate', id: 'h1', from: { id: 'bot' } },
            { type: 'message', text: 'earlier', id: 'm1', from: { id: 'bot' } },
          ],
          watermark: '2',
        }),
      );
    });
    try {
      writeResumeHandle(sessionStorage, {
        conversationId: 'conv-1',
        expiresAt: Date.now() + 60_000,
      });
      const { controller, dl } = make(async () => session('t'));
      const incoming: unknown[] = [];
      controller.events.on('incoming', (a) => incoming.push(a));
      await controller.start();
      await tick();
      expect(controller.state.messages.map((m) => m.activity.text)).toEqual(['earlier']);
      expect(controller.state.escalation).toBe('none');
      expect(incoming).toEqual([]);
      expect(dl().options.watermark).toBe('2');
      expect(dl().posted).toEqual([]); // no second InitConversation
      dl().bot({ type: 'event', name: 'handoff.initiate' }); // a new one does escalate
      expect(controller.state.escalation).toBe('requested');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
