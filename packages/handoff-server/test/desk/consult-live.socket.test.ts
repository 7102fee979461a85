import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

// A consulted colleague who opened the conversation (`consult.open`) follows it live: the
// patient's messages and files shared afterwards reach her socket as they reach the holder's,
// read-only, until the consultation ends (the conversation leaves `assigned`): then the room
// rule drops her (audited) and nothing more of it reaches her. A colleague not consulted is
// refused and gets nothing.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);

async function staff(
  test: TestServer,
  id: string,
  roles: ('agent' | 'supervisor')[],
  queues: string[],
) {
  const token = await test.tokens.staff(id, roles, queues);
  const client = await connectAgent(test.url, token);
  cleanups.push(() => client.close());
  if (roles.includes('agent')) await client.waitFor('agent.assignments');
  return { client, token };
}

type Patient = Awaited<ReturnType<typeof connectPatient>>;

const say = (patient: Patient, clientMessageId: string, text: string) =>
  patient.send(patientMessage('message', { conversationId: 'c1', clientMessageId, text }));

async function sharePhoto(test: TestServer, patient: Patient): Promise<string> {
  patient.send(
    patientMessage('attachment.upload', {
      conversationId: 'c1',
      clientMessageId: 'up-1',
      name: 'rash.png',
      contentType: 'image/png',
      size: PNG.byteLength,
    }),
  );
  const grant = await patient.waitFor('attachment.grant');
  const put = await fetch(`${test.url}${grant.uploadPath}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${grant.uploadToken}` },
    body: Buffer.from(PNG),
  });
  expect(put.status).toBe(200);
  patient.send(
    patientMessage('attachment.share', {
      conversationId: 'c1',
      clientMessageId: 'share-1',
      attachmentId: grant.attachment.id,
    }),
  );
  return grant.attachment.id;
}

describe('a consultation followed live (SQLite, real sockets)', () => {
  it('delivers later messages and files to the consultant until the consultation ends', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    const ana = await staff(test, 'ana', ['agent'], ['cardiology']);
    const ben = await staff(test, 'ben', ['agent'], ['general']);
    const carl = await staff(test, 'carl', ['agent'], ['general']);
    const dan = await staff(test, 'dan', ['agent'], ['cardiology']);
    const sam = await staff(test, 'sam', ['supervisor'], []);
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    ana.client.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.client.waitFor('conversation.assigned');

    ana.client.send(
      agentMessage('consult.request', { conversationId: 'c1', agentId: 'ben', text: 'Look?' }),
    );
    await ben.client.waitFor('consult.invited');
    ben.client.send(agentMessage('consult.open', { conversationId: 'c1' }));
    const opened = await ben.client.waitFor('conversation.transcript');
    expect(opened.log.some((e) => e.text === 'It hurts more now')).toBe(false);
    // Not consulted: refused, and she does not follow it.
    carl.client.send(agentMessage('consult.open', { conversationId: 'c1' }));
    expect(await carl.client.waitFor('error')).toMatchObject({ code: 'forbidden' });

    // Said after she opened it: it reaches her live, like the holder.
    say(patient, 'm-after', 'It hurts more now');
    const live = await ben.client.waitFor('message', (f) => f.text === 'It hurts more now');
    expect(live).toMatchObject({ conversationId: 'c1', from: 'patient' });
    expect(live.seq).toBeGreaterThan(opened.lastSeq);
    const photo = await sharePhoto(test, patient);
    const file = await ben.client.waitFor('attachment', (f) => f.attachment.id === photo);
    expect(file.from).toBe('patient');
    // Her opening of it is the audited consultant read.
    const read = await fetch(`${test.url}/api/attachments/${photo}`, {
      headers: { authorization: `Bearer ${ben.token}` },
    });
    expect(read.status).toBe(200);

    // Transferred to another agent: still assigned, the consultation (and her view) goes on.
    ana.client.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'agent', agentId: 'dan' },
      }),
    );
    await dan.client.waitFor('conversation.assigned');
    say(patient, 'm-transferred', 'Hello again');
    await ben.client.waitFor('message', (f) => f.text === 'Hello again');

    // The consultation ends: the conversation goes back to a queue (not assigned any more).
    sam.client.send(agentMessage('conversation.open', { conversationId: 'c1', sinceSeq: 0 }));
    await sam.client.waitFor('conversation.transcript');
    dan.client.send(
      agentMessage('conversation.transfer', {
        conversationId: 'c1',
        target: { kind: 'queue', queue: 'dermatology' },
      }),
    );
    await sam.client.waitFor('conversation.state', (f) => f.to === 'queued');
    say(patient, 'm-later', 'Anyone there?');
    // The supervisor gets it from the room; the same broadcast would have reached Ben's socket
    // before the answer to a frame he sends now.
    await sam.client.waitFor('message', (f) => f.text === 'Anyone there?');
    ben.client.send(agentMessage('queue.subscribe', { queues: ['general'] }));
    await ben.client.waitFor('queue.snapshot');
    const texts = ben.client.of('message').map((f) => f.text);
    expect(texts).toContain('It hurts more now');
    expect(texts).not.toContain('Anyone there?');
    expect(carl.client.of('message')).toEqual([]);
    expect(carl.client.of('attachment')).toEqual([]);

    const audit = await test.store.queryAudit({ actorId: 'ben' });
    expect(audit.map((r) => [r.action, r.outcome, r.reason])).toEqual(
      expect.arrayContaining([
        ['transcript.view', 'allowed', 'consultant'],
        ['attachment.view', 'allowed', 'consultant'],
        ['conversation.access_withdrawn', 'denied', expect.any(String)],
      ]),
    );
  });
});
