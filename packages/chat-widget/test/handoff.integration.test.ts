import { type HandoffRequest, type Survey, serverToPatientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffSession, type HandoffSessionOptions } from '../src/handoff/session';
import type { ThreadMessage } from '../src/handoff/thread';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from './support/handoff-server';

// The widget's handoff session (socket.io-client, in Node) against a real handoff server
// (SQLite) and a real agent socket: request → queue → claim → chat both ways → typing and
// read receipts → end → survey; a dropped connection; a reload.

const REQUEST: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list' },
  priority: 'routine',
  patient: { patientId: 'patient-7', displayName: 'Alex Martin', locale: 'en' },
  transcript: {
    entries: [
      { id: 'dl-1|1', from: 'bot', at: '2026-11-25T18:00:00.000Z', text: 'How can I help?' },
      { id: 'dl-1|2', from: 'patient', at: '2026-11-25T18:00:05.000Z', text: 'agent' },
    ],
  },
  directLine: { conversationId: 'dl-1' },
};

const SURVEY: Survey = {
  id: 'csat-1',
  title: 'How did we do?',
  questions: [{ id: 'overall', kind: 'rating', prompt: 'Overall?', required: true }],
};

let server: TestHandoffServer;
const cleanup: (() => void)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0)) close();
  await server?.close();
});

function patient(extra: Partial<HandoffSessionOptions> = {}, conversationId?: string) {
  const saved: ({ conversationId: string; lastSeq: number; seenUpTo?: number } | null)[] = [];
  const session = new HandoffSession(
    {
      serverUrl: server.url,
      getToken: () => server.patientToken(),
      persist: (handle) => saved.push(handle),
      ackTimeoutMs: 300,
      socket: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      ...extra,
    },
    conversationId,
  );
  cleanup.push(() => session.close());
  return { session, saved };
}

async function agent(): Promise<AgentClient> {
  const client = await AgentClient.connect(server.url, await server.staffToken('amelie'));
  cleanup.push(() => client.close());
  return client;
}

const texts = (session: HandoffSession, from: ThreadMessage['from']) =>
  session.state.items
    .filter((i): i is ThreadMessage => i.kind === 'message' && i.from === from)
    .map((i) => i.text);

const allSent = (session: HandoffSession) =>
  session.state.items.every(
    (i) => i.kind !== 'message' || i.from !== 'patient' || i.delivery === 'sent',
  );

async function assigned() {
  const amelie = await agent();
  const { session, saved } = patient();
  session.start(REQUEST);
  await eventually(() => session.state.phase === 'queued', 'queued');
  expect(session.state.queue).toMatchObject({ queue: 'general', position: 1 });
  const id = session.conversationId;
  await eventually(
    () => amelie.of('queue.update').some((f) => f.change.op === 'upsert'),
    'queue item',
  );
  amelie.send('conversation.claim', { conversationId: id });
  await eventually(() => session.state.phase === 'assigned', 'assigned');
  return { amelie, session, saved, id };
}

describe('handoff session against a real handoff server', () => {
  it('reconnects quietly with a fresh token when the server cuts it at token_expired', async () => {
    server = await startHandoffServer();
    const fresh: boolean[] = [];
    const { session } = patient({
      // The first token lives 2 s; a fresh one (asked after `token_expired`) 10 minutes.
      getToken: (refresh) => {
        fresh.push(refresh === true);
        return server.patientToken('patient-7', fresh.length === 1 ? 2 : 600);
      },
    });
    let connects = 0;
    session.socket.on('connect', () => {
      connects += 1;
    });
    session.start(REQUEST);
    await eventually(() => session.state.phase === 'queued', 'queued');
    await eventually(() => connects >= 2, 'reconnected after the token expired', 8000);
    expect(fresh.slice(0, 2)).toEqual([false, true]);
    session.send('still here');
    await eventually(() => allSent(session), 'acked on the new socket');
    expect(session.state.phase).toBe('queued');
  });

  it('queues, is claimed, chats both ways with typing and read receipts, ends, answers the survey', async () => {
    server = await startHandoffServer({ followups: { surveyOnEnd: SURVEY } });
    const { amelie, session, saved, id } = await assigned();
    expect(session.state.agent?.displayName).toBe('Amelie Roux');
    expect(session.state.items.some((i) => i.kind === 'notice' && i.notice === 'joined')).toBe(
      true,
    );
    expect(saved.at(-1)).toMatchObject({ conversationId: id });

    session.send('Hello, a question about my bill');
    await eventually(
      () => amelie.of('message').some((m) => m.from === 'patient'),
      'patient message at the agent',
    );
    await eventually(() => allSent(session), 'ack');

    amelie.send('typing', { conversationId: id, active: true });
    await eventually(() => session.state.agentTyping, 'agent typing');
    amelie.say(id, 'Hi Alex, I can help.');
    await eventually(
      () => texts(session, 'agent').includes('Hi Alex, I can help.'),
      'agent message',
    );
    expect(session.state.agentTyping).toBe(false);

    // Read receipts, both ways.
    session.markRead();
    const agentMessageSeq = session.state.items.find(
      (i) => i.kind === 'message' && i.from === 'agent',
    )?.seq;
    await eventually(
      () => amelie.of('read').some((r) => r.upToSeq === agentMessageSeq),
      'read at the agent',
    );
    const ownSeq =
      session.state.items.find((i) => i.kind === 'message' && i.from === 'patient')?.seq ?? -1;
    amelie.send('read', { conversationId: id, upToSeq: ownSeq });
    await eventually(() => session.state.agentReadUpTo >= ownSeq, 'read at the patient');

    session.typing(true);
    await eventually(
      () => amelie.of('typing').some((t) => t.active),
      'patient typing at the agent',
    );

    amelie.send('conversation.end', { conversationId: id, reason: 'resolved' });
    await eventually(() => session.state.phase === 'ended', 'ended');

    // An unanswered end-of-chat survey keeps the resume handle (a reload shows it again).
    await eventually(() => session.state.survey, 'survey.request');
    session.answerSurvey({
      surveyId: 'csat-1',
      answers: { overall: { kind: 'rating', value: 5 } },
    });
    await eventually(() => session.state.survey?.status === 'done', 'survey acknowledged');
    await eventually(() => amelie.of('survey.completed').length === 1, 'survey at the agent');
    // Answered after the end: the resume handle forgets the finished handoff.
    expect(saved.at(-1)).toBeNull();
  });

  it('loses nothing over a dropped connection: messages sent meanwhile arrive once, in order', async () => {
    server = await startHandoffServer();
    const { amelie, session, id } = await assigned();
    session.send('before the drop');
    await eventually(() => amelie.of('message').length === 1, 'first message');

    // Drop the transport under socket.io (what a network change does): it reconnects itself.
    session.socket.io.engine.close();
    await eventually(() => session.state.link === 'reconnecting', 'reconnecting');
    session.send('during the drop 1');
    session.send('during the drop 2');
    amelie.say(id, 'agent while you were away');

    await eventually(() => session.state.link === 'online', 'back online');
    await eventually(
      () => amelie.of('message').filter((m) => m.from === 'patient').length >= 3,
      'patient messages after reconnect',
    );
    await eventually(
      () => texts(session, 'agent').includes('agent while you were away'),
      'replayed agent message',
    );
    await eventually(() => allSent(session), 'all acknowledged');

    // Everything is acknowledged, so nothing is left to resend; a duplicate already on its way
    // travels ahead of a later message on the same socket and through the same conversation
    // turn at the server. So one more message, seen by the agent and acknowledged, proves that
    // no duplicate is still coming.
    session.send('after the drop');
    await eventually(
      () => amelie.of('message').some((m) => m.text === 'after the drop') && allSent(session),
      'a later message at the agent',
    );
    expect(
      amelie
        .of('message')
        .filter((m) => m.from === 'patient')
        .map((m) => m.text),
    ).toEqual(['before the drop', 'during the drop 1', 'during the drop 2', 'after the drop']);
    expect(texts(session, 'agent')).toEqual(['agent while you were away']);
    const seqs = session.state.items.flatMap((i) => (i.seq === undefined ? [] : [i.seq]));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('resumes after a reload from the stored conversation id, replaying the log', async () => {
    server = await startHandoffServer();
    const { amelie, session, saved, id } = await assigned();
    session.send('first');
    amelie.say(id, 'answer');
    await eventually(() => texts(session, 'agent').length === 1, 'answer');
    await eventually(() => allSent(session), 'ack');
    const ownSeq =
      session.state.items.find((i) => i.kind === 'message' && i.from === 'patient')?.seq ?? -1;
    amelie.send('read', { conversationId: id, upToSeq: ownSeq });
    await eventually(() => saved.at(-1)?.seenUpTo === ownSeq, 'read state kept for a reload');
    const before = session.state.items
      .filter((i): i is ThreadMessage => i.kind === 'message' && i.from === 'agent')
      .map((i) => i.at);
    session.close(); // the page goes away; the handle stays
    const handle = saved.at(-1);
    expect(handle?.conversationId).toBe(id);
    expect(JSON.stringify(handle)).not.toMatch(/first|answer|ey[A-Za-z0-9_-]{10,}/);
    const closedAt = Date.now();
    await eventually(() => Date.now() > closedAt + 5, 'the clock moved on');

    const reloaded = patient({}, id).session;
    reloaded.resume(handle?.seenUpTo);
    await eventually(
      () => reloaded.state.phase === 'assigned' && texts(reloaded, 'agent').length === 1,
      'replay',
    );
    expect(texts(reloaded, 'patient')).toEqual(['first']);
    // Each replayed message keeps the time it was sent, and "Seen" stays.
    const replayed = reloaded.state.items.filter((i) => i.kind === 'message');
    expect(replayed.every((i) => Date.parse(i.at) <= closedAt)).toBe(true);
    expect(
      replayed.filter((i) => i.kind === 'message' && i.from === 'agent').map((i) => i.at),
    ).toEqual(before);
    expect(reloaded.state.agentReadUpTo).toBe(ownSeq);
    reloaded.send('after reload');
    await eventually(
      () => amelie.of('message').some((m) => m.text === 'after reload'),
      'message after reload',
    );
  });

  it('offers the fallbacks when nobody takes it in time, and takes a callback request', async () => {
    server = await startHandoffServer({
      timeouts: { queueTimeoutMs: 200 },
      fallbacks: ['leave-message', 'callback', 'appointment'],
    });
    const { session } = patient();
    session.start(REQUEST);
    await eventually(() => session.state.phase === 'failed', 'failed', 5000);
    expect(session.state.failure).toEqual({
      reason: 'expired',
      fallbacks: ['leave-message', 'callback', 'appointment'],
    });
    session.chooseFallback({ option: 'callback', phone: '+33612345678' });
    await eventually(() => session.state.fallback?.status === 'done', 'callback acknowledged');
    // No slots in the schedule: the server answers `unavailable`, and the patient sees it.
    session.chooseFallback({ option: 'appointment' });
    await eventually(
      () => session.state.fallback?.status === 'error' || session.state.appointment,
      'appointment answer',
    );
  });

  it('the patient leaves the queue: the server hears it and the panel shows the end', async () => {
    server = await startHandoffServer();
    const amelie = await agent();
    const { session, saved } = patient();
    session.start(REQUEST);
    await eventually(() => session.state.phase === 'queued', 'queued');
    session.leave();
    expect(session.state.phase).toBe('ended');
    expect(saved.at(-1)).toBeNull();
    await eventually(
      () =>
        amelie
          .of('queue.update')
          .some((f) => f.change.op === 'remove' && f.change.reason === 'abandoned'),
      'the queue item removed as abandoned',
    );
  });

  it('a token the server refuses makes the handoff unavailable, after asking for a fresh one', async () => {
    server = await startHandoffServer();
    let asked = 0;
    const { session } = patient({
      getToken: async (refresh) => {
        if (refresh) asked += 1;
        return 'not-a-token';
      },
    });
    session.start(REQUEST);
    await eventually(() => session.state.phase === 'unavailable', 'unavailable');
    expect(session.state.error).toBe('unauthorized');
    expect(asked).toBeGreaterThan(0);
  });

  it('a second conversation while one is live is refused: the panel says one is open elsewhere', async () => {
    server = await startHandoffServer();
    const first = patient({}, 'conv-first');
    first.session.start(REQUEST);
    await eventually(() => first.session.state.phase === 'queued', 'first queued');
    // Another tab of the same patient asks for a person in another conversation.
    const second = patient({}, 'conv-second');
    second.session.start(REQUEST);
    await eventually(() => second.session.state.phase === 'unavailable', 'second refused');
    expect(second.session.state.error).toBe('handoff_in_progress');
    expect(second.saved.at(-1)).toBeNull();
    expect(first.session.state.phase).toBe('queued');
  });

  it('a `resync` from the server resumes from the highest contiguous seq, with no duplicate', async () => {
    server = await startHandoffServer();
    const { amelie, session, id } = await assigned();
    amelie.say(id, 'One');
    // A record the patient never sees (announced as `log.hidden`), then one it does.
    amelie.send('note', { conversationId: id, clientMessageId: 'note-1', text: 'staff only' });
    await eventually(() => amelie.of('ack').some((a) => a.clientMessageId === 'note-1'), 'note');
    amelie.say(id, 'Two');
    await eventually(() => texts(session, 'agent').includes('Two'), 'agent messages');
    const resumes: number[] = [];
    session.socket.onAnyOutgoing((_event, frame: { type?: string; sinceSeq?: number }) => {
      if (frame?.type === 'resume') resumes.push(frame.sinceSeq ?? -1);
    });
    server.server.io.of('/patient').local.emit('frame', serverToPatientMessage('resync', {}));
    await eventually(() => resumes.length === 1, 'resume sent');
    const lastSeq = Math.max(...session.state.items.map((i) => i.seq ?? 0));
    expect(resumes[0]).toBe(lastSeq); // the note's hole was closed by `log.hidden`
    amelie.say(id, 'Three');
    await eventually(() => texts(session, 'agent').includes('Three'), 'after the resync');
    expect(texts(session, 'agent')).toEqual(['One', 'Two', 'Three']);
  });
});
