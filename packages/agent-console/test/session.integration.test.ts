import { randomUUID } from 'node:crypto';
import { serverToAgentMessage } from '@baton/handoff-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentConsoleError } from '../src/errors';
import { type ConsoleSession, connectConsole } from '../src/session/session';
import { devSignIn } from '../src/session/sign-in';
import { isClosed } from '../src/session/state';
import { eventually, PatientClient, startServer, type TestServer } from './support/server';

// A real handoff server (SQLite), a real patient socket.io client and the console's own
// session layer, in Node: what the agent does in the console reaches the patient, and back.

const USERS = [
  {
    username: 'amelie',
    password: 'correct horse',
    displayName: 'Amelie Roux',
    roles: ['agent' as const],
    queues: ['cardiology'],
  },
  {
    username: 'bruno',
    password: 'battery staple',
    displayName: 'Bruno Diaz',
    roles: ['agent' as const],
    queues: ['cardiology'],
  },
  {
    username: 'sam',
    password: 'supervise me',
    displayName: 'Sam Lee',
    roles: ['supervisor' as const],
  },
];

let server: TestServer;
const sessions: ConsoleSession[] = [];
const patients: PatientClient[] = [];

async function signIn(username: string): Promise<ConsoleSession> {
  const user = USERS.find((u) => u.username === username)!;
  const token = await devSignIn(server.url, user.username, user.password);
  const session = await connectConsole({
    serverUrl: server.url,
    getToken: () => token,
    ackTimeoutMs: 1000,
    socket: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  sessions.push(session);
  return session;
}

async function queuedPatient(): Promise<PatientClient> {
  const conversationId = randomUUID();
  const patient = await PatientClient.connect(
    server.url,
    await server.patientToken(`patient-${conversationId.slice(0, 8)}`),
    conversationId,
  );
  patients.push(patient);
  patient.requestHandoff();
  await eventually(() => patient.of('handoff.queued').length > 0, 'handoff.queued');
  return patient;
}

beforeEach(async () => {
  server = await startServer(USERS);
});

afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  for (const patient of patients.splice(0)) patient.close();
  await server.close();
});

describe('console session against a real handoff server', () => {
  it('reconnects quietly with a fresh token when the server cuts it at token_expired', async () => {
    const asked: number[] = [];
    const started = Date.now();
    const session = await connectConsole({
      serverUrl: server.url,
      // Tokens asked in the first second live 2 s; later ones (after the cut) 10 minutes.
      getToken: () => {
        asked.push(Date.now() - started);
        const ttl = Date.now() - started < 1000 ? 2 : 600;
        return server.staffToken('amelie', ['agent'], ['cardiology'], ttl);
      },
      ackTimeoutMs: 1000,
      socket: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
    });
    sessions.push(session);
    let reconnects = 0;
    session.subscribe((state) => {
      if (state.connection === 'reconnecting') reconnects += 1;
    });
    await eventually(
      () => reconnects > 0 && session.state.connection === 'connected',
      'back',
      8000,
    );
    expect(asked.at(-1)).toBeGreaterThanOrEqual(1000); // a fresh token for the new socket
    const patient = await queuedPatient();
    await eventually(
      () => session.state.queue.some((q) => q.conversationId === patient.conversationId),
      'the queue still flows on the new socket',
    );
  });

  it('signs in with the development sign-in and refuses a wrong password', async () => {
    const token = await devSignIn(server.url, 'amelie', 'correct horse');
    expect(token.split('.')).toHaveLength(3);
    const refused = await devSignIn(server.url, 'amelie', 'wrong').catch((e: unknown) => e);
    expect(AgentConsoleError.is(refused) && refused.code).toBe('sign_in_failed');
  });

  it('refuses to connect with a token the server does not accept', async () => {
    const forged = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'mallory', roles: ['agent'] }),
    ).toString('base64url')}.c2ln`;
    const failure = await connectConsole({
      serverUrl: server.url,
      getToken: () => forged,
      socket: { reconnection: false },
    }).catch((e: unknown) => e);
    expect(AgentConsoleError.is(failure) && failure.code).toBe('connection_failed');
  });

  it('claims, chats, notes, sees typing and read receipts, and ends', async () => {
    const agent = await signIn('amelie');
    expect(agent.state.profile).toMatchObject({ staffId: 'amelie', roles: ['agent'] });
    const patient = await queuedPatient();
    const id = patient.conversationId;

    const item = await eventually(
      () => agent.state.queue.find((i) => i.conversationId === id),
      'the queue item',
    );
    expect(item).toMatchObject({ patientDisplayName: 'Alex Martin', queue: 'cardiology' });

    // Sent while queued: the agent gets it with the log after claiming.
    patient.say('Are you there?');
    await eventually(() => patient.of('ack').length >= 2, 'patient ack');

    agent.claim(id);
    const view = await eventually(
      () =>
        agent.state.conversations.find(
          (c) => c.conversationId === id && c.items.some((i) => i.text === 'Are you there?'),
        ),
      'the assigned conversation with its log',
    );
    expect(view.state).toBe('assigned');
    expect(agent.state.queue.some((i) => i.conversationId === id)).toBe(false);
    expect(view.request.transcript.entries.map((e) => e.text)).toEqual([
      'How can I help?',
      'I need a person',
    ]);
    // Non-displayable attributes never reach the console; clinical ones only with the flag.
    const keys = () =>
      agent.state.conversations
        .find((c) => c.conversationId === id)!
        .request.patient.attributes?.map((a) => a.key);
    expect(keys()).toEqual(['plan']);
    await eventually(() => patient.of('agent.joined').length === 1, 'agent.joined');
    expect(patient.of('agent.joined')[0]!.agent.displayName).toBe('Amelie Roux');

    // Agent → patient, acknowledged with a seq.
    const clientMessageId = agent.sendMessage(id, 'Hello Alex, I can help.');
    const sent = await eventually(
      () =>
        agent.state.conversations
          .find((c) => c.conversationId === id)
          ?.items.find((i) => i.clientMessageId === clientMessageId && i.delivery === 'acked'),
      'the ack',
    );
    expect(sent.seq).toBeGreaterThan(0);
    const received = await eventually(
      () => patient.of('message').find((m) => m.text === 'Hello Alex, I can help.'),
      'the agent message at the patient',
    );
    expect(received).toMatchObject({ from: 'agent', seq: sent.seq });

    // Patient → agent, with typing first.
    patient.typing(true);
    await eventually(
      () => agent.state.conversations.find((c) => c.conversationId === id)?.patientTyping,
      'patient typing',
    );
    patient.say('Thanks! It is about my bill.');
    const incoming = await eventually(
      () =>
        agent.state.conversations
          .find((c) => c.conversationId === id)
          ?.items.find((i) => i.text === 'Thanks! It is about my bill.'),
      'the patient message',
    );
    expect(incoming.from).toBe('patient');
    expect(agent.state.conversations.find((c) => c.conversationId === id)!.patientTyping).toBe(
      false,
    );

    // Agent typing and read receipt reach the patient.
    agent.setTyping(id, true);
    await eventually(
      () => patient.of('typing').some((f) => f.from === 'agent' && f.active),
      'agent typing',
    );
    agent.markRead(id);
    const read = await eventually(
      () => patient.of('read').find((f) => f.by === 'agent'),
      'agent read receipt',
    );
    expect(read.upToSeq).toBe(incoming.seq);

    // Patient read receipt reaches the agent.
    patient.read(sent.seq!);
    await eventually(
      () =>
        (agent.state.conversations.find((c) => c.conversationId === id)?.patientReadUpToSeq ?? 0) >=
        sent.seq!,
      'patient read receipt',
    );

    // An internal note is acknowledged and never reaches the patient.
    const noteId = agent.addNote(id, 'Duplicate invoice, refund requested.');
    const note = await eventually(
      () =>
        agent.state.conversations
          .find((c) => c.conversationId === id)
          ?.items.find((i) => i.clientMessageId === noteId && i.delivery === 'acked'),
      'the note ack',
    );
    expect(note.kind).toBe('note');

    agent.end(id);
    await eventually(() => patient.of('handoff.ended').length === 1, 'handoff.ended');
    expect(patient.of('handoff.ended')[0]).toMatchObject({ endedBy: 'agent', reason: 'resolved' });
    const ended = await eventually(
      () => agent.state.conversations.find((c) => c.conversationId === id && c.state === 'ended'),
      'the ended state',
    );
    expect(isClosed(ended)).toBe(true);
    expect(JSON.stringify(patient.frames)).not.toContain('Duplicate invoice');
    // Every agent message exists exactly once at the patient.
    expect(patient.of('message').filter((m) => m.text === 'Hello Alex, I can help.')).toHaveLength(
      1,
    );
  });

  it('tells the losing agent that someone else accepted the conversation', async () => {
    const amelie = await signIn('amelie');
    const bruno = await signIn('bruno');
    const patient = await queuedPatient();
    const id = patient.conversationId;
    await eventually(() => bruno.state.queue.some((i) => i.conversationId === id), 'queue');
    amelie.claim(id);
    await eventually(
      () => amelie.state.conversations.some((c) => c.conversationId === id),
      'amelie wins',
    );
    bruno.claim(id);
    const notice = await eventually(
      () => bruno.state.notices.find((n) => n.conversationId === id),
      'the conflict notice',
    );
    expect(notice).toMatchObject({ kind: 'claim-conflict', code: 'conflict' });
    expect(bruno.state.conversations).toHaveLength(0);
  });

  it('tells an agent who is away to become available, not that someone else won', async () => {
    const bruno = await signIn('bruno');
    const patient = await queuedPatient();
    const id = patient.conversationId;
    await eventually(() => bruno.state.queue.some((i) => i.conversationId === id), 'queue');
    bruno.setPresence('away');
    await eventually(() => bruno.state.presence === 'away', 'presence away');
    bruno.claim(id);
    const notice = await eventually(
      () => bruno.state.notices.find((n) => n.action === 'conversation.claim'),
      'the refusal notice',
    );
    expect(notice).toMatchObject({ kind: 'claim-needs-presence', code: 'forbidden' });
    expect(bruno.state.conversations).toHaveLength(0);
    bruno.setPresence('available');
  });

  it('resumes after a dropped connection: replays missed messages, retries unacked ones once', async () => {
    const agent = await signIn('amelie');
    const patient = await queuedPatient();
    const id = patient.conversationId;
    await eventually(() => agent.state.queue.some((i) => i.conversationId === id), 'queue');
    agent.claim(id);
    await eventually(
      () => agent.state.conversations.find((c) => c.conversationId === id)?.agent,
      'assigned',
    );

    // Cut the agent's transport from the server side: socket.io-client reconnects by itself.
    for (const socket of server.server.io.of('/agent').sockets.values()) socket.conn.close();
    await eventually(() => agent.state.connection !== 'connected', 'the disconnect');
    patient.say('Did you get this while away?');
    const offline = agent.sendMessage(id, 'Written while offline');
    expect(
      agent.state.conversations
        .find((c) => c.conversationId === id)!
        .items.find((i) => i.clientMessageId === offline)!.delivery,
    ).toBe('sending');

    await eventually(() => agent.state.connection === 'connected', 'the reconnect');
    await eventually(
      () =>
        agent.state.conversations
          .find((c) => c.conversationId === id)
          ?.items.some((i) => i.text === 'Did you get this while away?'),
      'the missed patient message',
    );
    await eventually(
      () =>
        agent.state.conversations
          .find((c) => c.conversationId === id)
          ?.items.find((i) => i.clientMessageId === offline && i.delivery === 'acked'),
      'the retried message ack',
    );
    await eventually(
      () => patient.of('message').some((m) => m.text === 'Written while offline'),
      'the retried message at the patient',
    );
    // Let any duplicate retry land, then count.
    agent.sendMessage(id, 'marker');
    await eventually(() => patient.of('message').some((m) => m.text === 'marker'), 'marker');
    expect(patient.of('message').filter((m) => m.text === 'Written while offline')).toHaveLength(1);
    const texts = agent.state.conversations
      .find((c) => c.conversationId === id)!
      .items.filter((i) => i.text === 'Written while offline');
    expect(texts).toHaveLength(1);
  });

  it('on `resync` reopens each conversation it holds from its contiguous seq', async () => {
    const agent = await signIn('amelie');
    const patient = await queuedPatient();
    const id = patient.conversationId;
    await eventually(() => agent.state.queue.some((i) => i.conversationId === id), 'queue');
    agent.claim(id);
    const view = () => agent.state.conversations.find((c) => c.conversationId === id);
    await eventually(() => view()?.agent, 'assigned');
    patient.say('One');
    agent.addNote(id, 'staff only');
    await eventually(() => view()?.items.some((i) => i.text === 'One'), 'patient message');
    await eventually(() => view()?.items.some((i) => i.seq && i.kind === 'note'), 'note acked');

    const opens: { conversationId?: string; sinceSeq?: number }[] = [];
    for (const socket of server.server.io.of('/agent').sockets.values()) {
      socket.onAny(
        (_event, frame: { type?: string; conversationId?: string; sinceSeq?: number }) => {
          if (frame?.type === 'conversation.open') opens.push(frame);
        },
      );
    }
    server.server.io.of('/agent').local.emit('frame', serverToAgentMessage('resync', {}));
    await eventually(() => opens.length > 0, 'conversation.open');
    // Nothing is missing: the resume point is the last seq it holds, not 0 (a whole replay).
    expect(opens).toEqual([{ ...opens[0], conversationId: id, sinceSeq: view()!.lastSeq }]);
  });

  it('transfers to a queue and returns another conversation to the bot', async () => {
    const agent = await signIn('amelie');
    const first = await queuedPatient();
    const second = await queuedPatient();
    await eventually(() => agent.state.queue.length === 2, 'two waiting');
    agent.claim(first.conversationId);
    await eventually(
      () => agent.state.conversations.some((c) => c.conversationId === first.conversationId),
      'first assigned',
    );
    agent.transfer(first.conversationId, { kind: 'queue', queue: 'cardiology' }, 'Needs a nurse');
    const moved = await eventually(
      () =>
        agent.state.conversations.find(
          (c) => c.conversationId === first.conversationId && c.state === 'queued',
        ),
      'transferred back to the queue',
    );
    expect(isClosed(moved)).toBe(true);
    await eventually(
      () => agent.state.queue.some((i) => i.conversationId === first.conversationId),
      'back in the queue list',
    );

    agent.claim(second.conversationId);
    await eventually(
      () => agent.state.conversations.some((c) => c.conversationId === second.conversationId),
      'second assigned',
    );
    agent.returnToBot(second.conversationId);
    await eventually(() => second.of('returned_to_bot').length === 1, 'returned_to_bot');
  });

  it('shows the server refusing an offer it does not support, or acknowledges it', async () => {
    const agent = await signIn('amelie');
    const patient = await queuedPatient();
    const id = patient.conversationId;
    await eventually(() => agent.state.queue.some((i) => i.conversationId === id), 'queue');
    agent.claim(id);
    await eventually(
      () => agent.state.conversations.find((c) => c.conversationId === id)?.agent,
      'assigned',
    );
    agent.offerCall(id, {
      callId: 'call-1',
      provider: 'webrtc',
      joinUrl: 'https://calls.example.org/r/abc',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    // Today's server answers `unavailable` (a notice); a server that supports calls sends
    // `call.offer` to the patient instead.
    const outcome = await eventually(
      () =>
        agent.state.notices.find((n) => n.action === 'call.offer') ?? patient.of('call.offer')[0],
      'an answer to call.offer',
    );
    if ('kind' in outcome) expect(outcome).toMatchObject({ code: 'unavailable' });
    else expect(outcome.call.callId).toBe('call-1');
  });

  it('gives a supervisor the live dashboard', async () => {
    const supervisor = await signIn('sam');
    const agent = await signIn('amelie');
    const dashboard = await eventually(() => supervisor.state.supervisor, 'the snapshot');
    expect(dashboard.kpis.queued).toBe(0);
    const patient = await queuedPatient();
    await eventually(
      () =>
        supervisor.state.supervisor?.conversations.find(
          (c) => c.conversationId === patient.conversationId && c.state === 'queued',
        ),
      'the queued conversation on the dashboard',
    );
    await eventually(() => agent.state.queue.length === 1, 'agent queue');
    agent.claim(patient.conversationId);
    const live = await eventually(
      () =>
        supervisor.state.supervisor?.conversations.find(
          (c) => c.conversationId === patient.conversationId && c.state === 'assigned',
        ),
      'the conversation with an agent',
    );
    expect(live.agent?.id).toBe('amelie');
    await eventually(
      () => supervisor.state.supervisor?.agents.find((a) => a.agent.id === 'amelie'),
      'the agent row',
    );
  });
});
