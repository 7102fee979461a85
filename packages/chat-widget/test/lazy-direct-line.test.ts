// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatController } from '../src/conversation/controller';
import { escalationDetectors } from '../src/escalation/index';
import type { ChatSession } from '../src/types';
import { fakeDirectLineFactory } from './support/fake-direct-line';

// Without a `createDirectLine` option the controller imports the real client lazily (its own
// chunk in the browser build). Here that import is held open (the module is mocked with the
// scripted stand-in, behind a gate, in a fresh module registry per test) to show what happens
// before the client exists: the greeting that came with the session is shown, what the
// patient sends waits and goes once the client is there, and a controller disposed meanwhile
// never creates one.

const session: ChatSession = {
  directLine: { token: 'token-1', conversationId: 'conv-1', streamUrl: 'wss://dl/stream' },
  userId: 'dl_me',
  patientToken: 'jwt',
  firstTurn: {
    activities: [
      {
        type: 'message',
        id: 'conv-1|0000001',
        text: 'Hello Sam!',
        from: { id: 'healthbot', role: 'bot' },
      },
    ],
  },
};

const controllers: ChatController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.dispose();
  sessionStorage.clear();
});

/** A controller whose client module is held until `release()` (a fresh module registry each time). */
async function heldChat() {
  vi.resetModules();
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fake = fakeDirectLineFactory();
  const held = { imports: 0, release, fake };
  vi.doMock('../src/directline/direct-line-client', async () => {
    held.imports += 1;
    await gate;
    return { createDirectLine: fake.create };
  });
  const { ChatController } = await import('../src/conversation/controller');
  const chat: ChatController = new ChatController({
    getSession: async () => session,
    locale: () => 'en',
    detectors: escalationDetectors(),
    storage: null,
    resumeTtlMs: 60_000,
    debug: null,
    context: () => ({}),
  });
  controllers.push(chat);
  return { chat, held };
}

describe('the Direct Line client, loaded after the greeting', () => {
  it('shows the greeting first, holds what the patient sends, and sends it once the client is there', async () => {
    const { chat, held } = await heldChat();
    const started = chat.start();
    await vi.waitFor(() => expect(held.imports).toBe(1));
    // The client is still loading: the greeting is on screen, the link is connecting.
    expect(chat.state.messages.map((m) => m.activity.text)).toEqual(['Hello Sam!']);
    expect(chat.state.connection).toBe('connecting');
    chat.send('I need an appointment');
    expect(chat.state.messages.at(-1)?.delivery).toBe('sending');
    held.release();
    await started;
    expect(held.fake.instances).toHaveLength(1);
    const client = held.fake.instances[0];
    expect(client?.options).toMatchObject({ token: 'token-1', streamUrl: 'wss://dl/stream' });
    await vi.waitFor(() => expect(chat.state.connection).toBe('online'));
    // The waiting message went once the client existed, once, and is marked sent.
    expect(client?.posted.map((a) => a.text)).toEqual(['I need an appointment']);
    await vi.waitFor(() => expect(chat.state.messages.at(-1)?.delivery).toBe('sent'));
    // The stream repeats the greeting: shown once.
    client?.activity$.next(session.firstTurn?.activities[0] as never);
    expect(chat.state.messages.filter((m) => m.activity.text === 'Hello Sam!')).toHaveLength(1);
  });

  it('creates no client for a chat disposed while the client loads', async () => {
    const { chat, held } = await heldChat();
    const started = chat.start();
    await vi.waitFor(() => expect(held.imports).toBe(1));
    chat.dispose();
    held.release();
    await started;
    // The import came back (the factory exists) after the chat was disposed: never called.
    expect(held.fake.instances).toEqual([]);
    expect(chat.state.connection).toBe('connecting');
  });
});
