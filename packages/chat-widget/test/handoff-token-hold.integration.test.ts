import type { HandoffRequest } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffSession } from '../src/handoff/session';
import { eventually, startHandoffServer, type TestHandoffServer } from './support/handoff-server';

// A message the patient types while the handoff token has expired (the server cut the socket
// and the portal is still minting a fresh token) is held, then sent once the token is back.

const REQUEST: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list' },
  priority: 'routine',
  patient: { patientId: 'patient-7', displayName: 'Alex Martin', locale: 'en' },
  transcript: {
    entries: [{ id: 'dl-1|1', from: 'bot', at: '2026-11-25T18:00:00.000Z', text: 'Hi' }],
  },
};

let server: TestHandoffServer;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) close();
  await server?.close();
});

describe('a message typed while the handoff token is expired', () => {
  it('is held and sent after the refresh, not marked failed', async () => {
    server = await startHandoffServer();
    let release = () => {};
    const refreshed = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first token lives 2 s; the fresh one comes only when the test lets it.
    let current = await server.patientToken('patient-7', 2);
    let refreshAsked = false;
    const session = new HandoffSession({
      serverUrl: server.url,
      getToken: async (refresh) => {
        if (refresh) {
          refreshAsked = true;
          await refreshed;
          current = await server.patientToken('patient-7', 600);
        }
        return current;
      },
      ackTimeoutMs: 300,
      socket: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
    });
    cleanup.push(() => session.close());
    session.start(REQUEST);
    await eventually(() => session.state.phase === 'queued', 'queued');
    await eventually(() => refreshAsked, 'cut at token expiry, a fresh token asked for', 8000);
    const states: string[] = [];
    session.subscribe((state) => {
      const item = state.items.find((i) => i.kind === 'message' && i.text === 'still here');
      if (item?.kind === 'message' && item.delivery) states.push(item.delivery);
    });
    const key = session.send('still here');
    expect(session.state.link).toBe('reconnecting');
    release();
    await eventually(() => session.state.link === 'online', 'back online', 8000);
    await eventually(
      () =>
        session.state.items.some(
          (i) => i.kind === 'message' && i.key === key && i.delivery === 'sent',
        ),
      'sent on the new socket',
      8000,
    );
    expect(states).not.toContain('failed');
  });
});
