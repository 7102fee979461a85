import { Window } from 'happy-dom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import XMLHttpRequest from 'xhr2';
import { ChatController } from '../src/conversation/controller';
import type { ControllerOptions } from '../src/conversation/options';
import type { ChatState } from '../src/conversation/state';
import { createDirectLine } from '../src/directline/direct-line-client';
import { RESUME_STORAGE_KEY } from '../src/directline/resume-handle';
import { sessionSource } from '../src/directline/session';
import { escalationDetectors } from '../src/escalation/index';
import type { EscalationSignal } from '../src/escalation/types';
import { startBackend, type TestBackend } from './support/backend';

// The real chain without a DOM: ChatController → portal backend (createSessionHandler) →
// Direct Line emulator, through the real botframework-directlinejs client. Node 20 has no
// XMLHttpRequest, so the `xhr2` package stands in (HTTP polling; the Chromium tests cover
// WebSockets); happy-dom provides sessionStorage.
// The emulator runs in this node environment (its `ws` server needs Node's build of `ws`).

const page = new Window({ url: 'http://localhost:5173/portal' });
let backend: TestBackend | undefined;
const controllers: ChatController[] = [];

beforeAll(() => {
  vi.stubGlobal('XMLHttpRequest', XMLHttpRequest);
  vi.stubGlobal('WebSocket', page.WebSocket); // referenced by the client even when polling
  return () => {
    vi.unstubAllGlobals();
    void page.happyDOM.close();
  };
});

afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.dispose();
  await backend?.close();
  backend = undefined;
});

function controller(extra: Partial<ControllerOptions> = {}): ChatController {
  if (!backend) throw new Error('no backend');
  const active = new ChatController({
    getSession: sessionSource(backend.sessionUrl),
    createDirectLine,
    locale: () => 'en-US',
    detectors: escalationDetectors(),
    storage: page.sessionStorage as unknown as Storage,
    resumeTtlMs: 60_000,
    directLine: { webSocket: false, pollingInterval: 200 },
    debug: null,
    context: () => ({}),
    ...extra,
  });
  controllers.push(active);
  return active;
}

function until(
  active: ChatController,
  predicate: (state: ChatState) => boolean,
  timeout = 10_000,
): Promise<ChatState> {
  if (predicate(active.state)) return Promise.resolve(active.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `state not reached; last: ${JSON.stringify({ ...active.state, messages: active.state.messages.length })}`,
        ),
      );
    }, timeout);
    const off = active.events.on('state', (state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

/** InitConversation invokes the emulator holds for a conversation (read with the secret). */
async function initConversations(conversationId: string): Promise<number> {
  if (!backend) throw new Error('no backend');
  const response = await fetch(
    `${backend.emulator.url}/v3/directline/conversations/${conversationId}/activities`,
    { headers: { authorization: `Bearer ${backend.emulator.secret}` } },
  );
  const body = (await response.json()) as { activities: { type: string; name?: string }[] };
  return body.activities.filter((a) => a.type === 'invoke' && a.name === 'InitConversation').length;
}

const botTexts = (state: ChatState) =>
  state.messages.filter((m) => m.from === 'bot').map((m) => m.activity.text ?? '');
/** The bot's answers to "billing" (the emulator's billing scenario). */
const billingAnswers = (state: ChatState) =>
  botTexts(state).filter((t) => t.startsWith('I can help with billing')).length;

describe('ChatController against the Direct Line emulator', () => {
  it('starts a conversation, greets the patient by the name in the signed token, and delivers messages once', async () => {
    backend = await startBackend();
    page.sessionStorage.clear();
    const debug: string[] = [];
    const active = controller({ debug: (entry) => debug.push(JSON.stringify(entry)) });
    await active.start();
    const greeted = await until(active, (s) => botTexts(s).some((t) => t.includes('Hello Alex!')));
    expect(greeted.connection).toBe('online');
    active.send('billing');
    const delivered = await until(active, (s) =>
      s.messages.some((m) => m.from === 'patient' && m.delivery === 'sent'),
    );
    expect(delivered.messages.filter((m) => m.from === 'patient')).toHaveLength(1);
    await until(active, (s) => s.messages.at(-1)?.from === 'bot');
    // The echo arrived too and was folded into the sent message, not added. The stream is in
    // order and an echo comes before the bot's answer to it: once the answer to a second
    // message is in, both echoes are.
    active.send('billing');
    await until(active, (s) => billingAnswers(s) === 2);
    expect(
      active.state.messages.filter((m) => m.from === 'patient').map((m) => m.delivery),
    ).toEqual(['sent', 'sent']);
    // the debug log shows the traffic without text or tokens
    expect(debug.some((line) => line.includes('"name":"InitConversation"'))).toBe(true);
    expect(debug.join('\n')).not.toMatch(/billing|Alex|eyJ/);
  });

  it('escalates when the bot sends handoff.initiate', async () => {
    backend = await startBackend();
    page.sessionStorage.clear();
    const active = controller();
    const signals: EscalationSignal[] = [];
    active.events.on('escalate', (signal) => signals.push(signal));
    await active.start();
    await until(active, (s) => s.connection === 'online');
    active.act({ type: 'imBack', title: 'Talk to an agent', value: 'Talk to an agent' });
    // the patient's words ask for confirmation first…
    await until(active, (s) => s.escalation === 'confirming' || s.escalation === 'requested');
    // …and the bot's handoff.initiate escalates without asking, saying the patient asked
    await until(active, (s) => s.escalation === 'requested');
    expect(signals.map((s) => s.reason)).toEqual([
      { kind: 'patient-requested', detail: 'handoff.initiate' },
    ]);
  });

  it('resumes after a reload with only the stored handle, without re-sending InitConversation', async () => {
    backend = await startBackend();
    page.sessionStorage.clear();
    const first = controller();
    await first.start();
    await until(first, (s) => botTexts(s).some((t) => t.includes('Hello Alex!')));
    const raw = page.sessionStorage.getItem(RESUME_STORAGE_KEY) ?? '';
    const stored = JSON.parse(raw) as Record<string, unknown>;
    expect(stored.conversationId).toBe(first.state.conversationId);
    expect(raw).not.toMatch(/Alex|Hello|eyJ/); // no text, no token
    first.dispose();

    const second = controller();
    await second.start();
    const resumed = await until(second, (s) => botTexts(s).some((t) => t.includes('Hello Alex!')));
    expect(resumed.conversationId).toBe(stored.conversationId);
    // A second InitConversation would go out as soon as the resumed client is online; a
    // message sent after that and the bot's answer to it come later in the ordered stream.
    await until(second, (s) => s.connection === 'online');
    second.send('billing');
    await until(second, (s) => billingAnswers(s) === 1);
    expect(botTexts(second.state).filter((t) => t.includes('Hello Alex!'))).toHaveLength(1);
    expect(await initConversations(stored.conversationId as string)).toBe(1);
  });

  it('a resume handle for another patient is refused and a new conversation starts', async () => {
    backend = await startBackend();
    page.sessionStorage.setItem(
      RESUME_STORAGE_KEY,
      JSON.stringify({
        conversationId: 'someone-elses',
        expiresAt: Date.now() + 60_000,
        resumeBinding: 'forged',
      }),
    );
    const active = controller();
    await active.start();
    const state = await until(active, (s) => botTexts(s).some((t) => t.includes('Hello Alex!')));
    expect(state.conversationId).not.toBe('someone-elses');
  });

  it('recovers after the Direct Line token expires: fresh session, same conversation', async () => {
    const refusals: string[] = [];
    backend = await startBackend({
      tokenTtlSeconds: 2,
      onEvent: (event) => {
        if (event.type === 'request.failed') refusals.push(event.code);
      },
    });
    page.sessionStorage.clear();
    const active = controller();
    await active.start();
    const online = await until(active, (s) => botTexts(s).some((t) => t.includes('Hello Alex!')));
    const requestsBefore = backend.sessionRequests;
    // The token has expired once the emulator refuses the client's poll with it; the client
    // then fetches a fresh session and is back online.
    for (let i = 0; i < 200 && !refusals.includes('TokenExpired'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refusals).toContain('TokenExpired');
    await until(
      active,
      (s) => s.connection === 'online' && (backend?.sessionRequests ?? 0) > requestsBefore,
    );
    active.send('billing');
    const after = await until(
      active,
      (s) =>
        s.messages.at(-1)?.from === 'bot' &&
        s.messages.some((m) => m.from === 'patient' && m.delivery === 'sent'),
      15_000,
    );
    expect(after.conversationId).toBe(online.conversationId);
    expect(backend.sessionRequests).toBeGreaterThan(requestsBefore);
  });
});
