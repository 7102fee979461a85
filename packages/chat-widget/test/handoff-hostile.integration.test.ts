import {
  type HandoffRequest,
  MESSAGE_LIMITS,
  TEXT_ONLY_NOTICE_ENTRY_ID,
  type Transcript,
  textOnlyTranscript,
} from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffSession } from '../src/handoff/session';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from './support/handoff-server';

// Hostile content never blocks a handoff: a transcript the server refuses is resent once as
// text, and a message the server would refuse never leaves the page. Real server (SQLite),
// real sockets.

/** A card kept verbatim with a `__proto__` key: what an unpatched normaliser let through. */
const HOSTILE: Transcript = JSON.parse(
  '{"entries":[{"id":"dl-1|1","from":"bot","at":"2026-11-25T18:00:00.000Z","text":"Symptoms?",' +
    '"cards":[{"kind":"adaptive","contentType":"application/vnd.microsoft.card.adaptive",' +
    '"summary":"Where does it hurt?","content":{"type":"AdaptiveCard","body":[],' +
    '"__proto__":{"polluted":true}}}]},' +
    '{"id":"dl-1|2","from":"patient","at":"2026-11-25T18:00:05.000Z","text":"chest pain"}]}',
) as Transcript;

const REQUEST: HandoffRequest = {
  reason: { kind: 'urgent', detail: 'chest-pain' },
  priority: 'emergency',
  patient: { patientId: 'patient-7', displayName: 'Alex Martin', locale: 'en' },
  transcript: HOSTILE,
};

let server: TestHandoffServer;
const cleanup: (() => void)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0)) close();
  await server?.close();
});

function patient() {
  const session = new HandoffSession({
    serverUrl: server.url,
    getToken: () => server.patientToken(),
    ackTimeoutMs: 300,
    socket: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  cleanup.push(() => session.close());
  return session;
}

async function agent(): Promise<AgentClient> {
  const client = await AgentClient.connect(server.url, await server.staffToken('amelie'));
  cleanup.push(() => client.close());
  return client;
}

describe('a handoff request the server refuses', () => {
  it('without a fallback, the patient is told no person is available (the old behaviour)', async () => {
    server = await startHandoffServer();
    const session = patient();
    session.start(REQUEST);
    await eventually(() => session.state.phase === 'unavailable', 'unavailable');
    expect(session.state.error).toBe('invalid_message');
  });

  it('is resent once with a text-only transcript and reaches a person', async () => {
    server = await startHandoffServer();
    const amelie = await agent();
    const session = patient();
    session.start(REQUEST, { ...REQUEST, transcript: textOnlyTranscript(REQUEST.transcript) });
    await eventually(() => session.state.phase === 'queued', 'queued');
    amelie.send('conversation.claim', { conversationId: session.conversationId });
    const [assigned] = await eventually(() => {
      const frames = amelie.of('conversation.assigned');
      return frames.length > 0 ? frames : undefined;
    }, 'assigned');
    expect(assigned?.request.priority).toBe('emergency');
    expect(assigned?.request.transcript.entries.map((entry) => [entry.id, entry.text])).toEqual([
      ['dl-1|1', 'Symptoms?\nWhere does it hurt?'],
      ['dl-1|2', 'chest pain'],
      [TEXT_ONLY_NOTICE_ENTRY_ID, expect.any(String)],
    ]);
  });
});

describe('a message over the protocol limit', () => {
  it('is shown as not sent and never reaches the server; the next message does', async () => {
    server = await startHandoffServer();
    const amelie = await agent();
    const session = patient();
    session.start({ ...REQUEST, transcript: { entries: [] } });
    await eventually(() => session.state.phase === 'queued', 'queued');
    const id = session.conversationId;
    amelie.send('conversation.claim', { conversationId: id });
    await eventually(() => session.state.phase === 'assigned', 'assigned');

    const tooLong = session.send('x'.repeat(MESSAGE_LIMITS.maxTextLength + 1));
    const item = session.state.items.find((i) => i.key === tooLong);
    expect(item?.kind === 'message' && item.delivery).toBe('failed');
    session.send('after');
    await eventually(
      () => amelie.of('message').some((m) => m.text === 'after'),
      'the next message',
    );
    // Delivered in order: had the long one been sent, it would have come first.
    expect(amelie.of('message').map((m) => m.text)).toEqual(['after']);
    const after = session.state.items.find((i) => i.kind === 'message' && i.text === 'after');
    expect(after?.kind === 'message' && after.delivery).toBe('sent');
  });
});

describe('a message the server refused', () => {
  it('is not sent again when the connection comes back', async () => {
    server = await startHandoffServer();
    const amelie = await agent();
    const session = patient();
    session.start({ ...REQUEST, transcript: { entries: [] } });
    await eventually(() => session.state.phase === 'queued', 'queued');
    const id = session.conversationId;
    amelie.send('conversation.claim', { conversationId: id });
    await eventually(() => session.state.phase === 'assigned', 'assigned');
    amelie.send('conversation.end', { conversationId: id, reason: 'resolved' });
    await eventually(() => session.state.phase === 'ended', 'ended');

    const emitted: string[] = [];
    const emit = session.socket.emit.bind(session.socket);
    session.socket.emit = ((event: string, frame: { clientMessageId?: string }) => {
      if (frame?.clientMessageId) emitted.push(frame.clientMessageId);
      return emit(event, frame);
    }) as typeof session.socket.emit;
    const late = session.send('too late');
    await eventually(() => {
      const item = session.state.items.find((i) => i.key === late);
      return item?.kind === 'message' && item.delivery === 'failed';
    }, 'refused');
    expect(emitted).toEqual([late]);

    session.socket.io.engine.close(); // the link drops; socket.io reconnects
    await eventually(() => session.state.link === 'reconnecting', 'reconnecting');
    await eventually(() => session.state.link === 'online', 'online again');
    // Whatever `#onConnect` resends goes out synchronously with the reconnect: by now it has.
    expect(emitted).toEqual([late]);
  });
});
