import type { HandoffRequest } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFile, fileShares } from '../src/handoff/attachments/file-share';
import { HandoffSession } from '../src/handoff/session';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from './support/handoff-server';

// The patient's files against a real handoff server (SQLite) and a real agent socket: the
// server says whether files are allowed (`attachment.policy`), and a share retried after a
// dropped connection is in the conversation once.

const REQUEST: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list' },
  priority: 'routine',
  patient: { patientId: 'patient-7', displayName: 'Alex Martin', locale: 'en' },
  transcript: {
    entries: [{ id: 'dl-1|1', from: 'bot', at: '2026-11-25T18:00:00.000Z', text: 'Hello' }],
  },
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);

let server: TestHandoffServer;
const cleanup: (() => void)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0)) close();
  await server?.close();
});

async function assigned() {
  const amelie = await AgentClient.connect(server.url, await server.staffToken('amelie'));
  cleanup.push(() => amelie.close());
  const session = new HandoffSession({
    serverUrl: server.url,
    getToken: () => server.patientToken(),
    ackTimeoutMs: 300,
    socket: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  cleanup.push(() => session.close());
  session.start(REQUEST);
  await eventually(() => session.state.phase === 'queued', 'queued');
  await eventually(
    () => amelie.of('queue.update').some((f) => f.change.op === 'upsert'),
    'queue item',
  );
  amelie.send('conversation.claim', { conversationId: session.conversationId });
  await eventually(() => session.state.phase === 'assigned', 'assigned');
  return { amelie, session };
}

describe('patient file shares', () => {
  it('learns the limits from the server and refuses a file past them before sending anything', async () => {
    server = await startHandoffServer({
      attachments: { maxBytes: 1000, types: ['image/png', 'application/pdf'] },
    });
    const { session } = await assigned();
    await eventually(() => session.state.attachments, 'attachment.policy');
    expect(session.state.attachments).toEqual({
      maxBytes: 1000,
      types: ['image/png', 'application/pdf'],
    });
    const big = new File([new Uint8Array(1001)], 'big.png', { type: 'image/png' });
    const gif = new File([new Uint8Array(10)], 'a.gif', { type: 'image/gif' });
    expect(checkFile(session, big)).toBe('size');
    expect(checkFile(session, gif)).toBe('type');
    expect(checkFile(session, new File([PNG], 'ok.png', { type: 'image/png' }))).toBeNull();
  });

  it('is told files are off when the server has them off (no paperclip)', async () => {
    server = await startHandoffServer({ attachments: { enabled: false } });
    const { session } = await assigned();
    await eventually(() => session.state.attachments === null, 'attachment.policy with null');
    expect(checkFile(session, new File([PNG], 'ok.png', { type: 'image/png' }))).toBe('off');
  });

  it('resends a share whose ack was lost with the same id: the agent gets the file once', async () => {
    server = await startHandoffServer();
    const { amelie, session } = await assigned();
    await eventually(() => session.state.attachments, 'attachment.policy');
    const socket = session.socket;
    const sent: string[] = [];
    const emit = socket.emit.bind(socket);
    // The connection drops right after the first share leaves: its ack never comes back.
    socket.emit = ((event: string, frame: { type?: string; clientMessageId?: string }) => {
      const result = emit(event, frame);
      if (frame?.type === 'attachment.share') {
        sent.push(frame.clientMessageId ?? '');
        if (sent.length === 1) socket.io.engine.close();
      }
      return result;
    }) as typeof socket.emit;

    const outcome = await (await fileShares(session)).share(
      new File([PNG], 'rash.png', { type: 'image/png' }),
    );
    expect(outcome.shared).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent).size).toBe(1);

    // A later message reaches the agent after the file: by then every copy would have too.
    session.send('after the file');
    await eventually(
      () => amelie.of('message').some((m) => m.text === 'after the file'),
      'the later message',
    );
    expect(amelie.of('attachment').map((f) => f.attachment.name)).toEqual(['rash.png']);
    await eventually(
      () => session.state.items.some((i) => i.kind === 'message' && i.attachment),
      'the file in the patient thread',
    );
    expect(session.state.items.filter((i) => i.kind === 'message' && i.attachment).length).toBe(1);
  });
});
