import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

type TestClient = Awaited<ReturnType<typeof connectPatient>>;

// A colleague consulted about a conversation may open its files (read-only), each opening
// audited as a disclosure (`consultant`); before the consultation, and once it is over, she
// is refused (audited too). The policy's limits reach the agent in `actions.available`.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);

const get = (url: string, id: string, token: string) =>
  fetch(`${url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });

async function staff(test: TestServer, id: string, queues: string[]) {
  const token = await test.tokens.staff(id, ['agent'], queues);
  const client = await connectAgent(test.url, token);
  cleanups.push(() => client.close());
  await client.waitFor('agent.assignments');
  return { client, token };
}

async function sharedPhoto(test: TestServer, patient: TestClient) {
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
  await patient.waitFor('ack', (f) => f.clientMessageId === 'share-1');
  return grant.attachment.id;
}

describe('files and consulted colleagues (SQLite)', () => {
  it('a consulted colleague opens the file read-only (audited as consultant); others are refused', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    const ana = await staff(test, 'ana', ['cardiology']);
    const ben = await staff(test, 'ben', ['general']);
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('handoff.queued');
    expect(await patient.waitFor('attachment.policy')).toMatchObject({
      attachments: { maxBytes: 5 * 1024 * 1024 },
    });
    ana.client.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.client.waitFor('conversation.assigned');
    ana.client.send(agentMessage('actions.list', { conversationId: 'c1' }));
    const { actions } = await ana.client.waitFor('actions.available');
    expect(actions.attachments?.types).toContain('application/pdf');
    const id = await sharedPhoto(test, patient);

    // Not consulted yet: refused.
    expect((await get(test.url, id, ben.token)).status).toBe(403);
    ana.client.send(
      agentMessage('consult.request', { conversationId: 'c1', agentId: 'ben', text: 'Look?' }),
    );
    await ben.client.waitFor('consult.invited');
    ben.client.send(agentMessage('consult.open', { conversationId: 'c1' }));
    const transcript = await ben.client.waitFor('conversation.transcript');
    expect(transcript.log.some((e) => e.attachment?.id === id)).toBe(true);
    const opened = await get(test.url, id, ben.token);
    expect(opened.status).toBe(200);
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(PNG);

    // Once the conversation ended, the consultation gives nothing any more.
    ana.client.send(agentMessage('conversation.end', { conversationId: 'c1', reason: 'resolved' }));
    await patient.waitFor('handoff.ended');
    expect((await get(test.url, id, ben.token)).status).toBe(403);

    const audit = await test.store.queryAudit({ actorId: 'ben' });
    expect(
      audit.filter((r) => r.action === 'attachment.view').map((r) => [r.outcome, r.reason]),
    ).toEqual([
      ['denied', 'not_assigned_to_agent'],
      ['allowed', 'consultant'],
      ['denied', 'conversation_not_reachable'],
    ]);
  });

  it('tells the patient files are off, and the agent gets no limits, when the server has them off', async () => {
    const test = await startTestServer({ attachments: { enabled: false } });
    cleanups.push(() => test.close());
    const ana = await staff(test, 'ana', ['cardiology']);
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    expect((await patient.waitFor('attachment.policy')).attachments).toBeNull();
    ana.client.send(agentMessage('conversation.claim', { conversationId: 'c1' }));
    await ana.client.waitFor('conversation.assigned');
    ana.client.send(agentMessage('actions.list', { conversationId: 'c1' }));
    const { actions } = await ana.client.waitFor('actions.available');
    expect(actions.attachments).toBeUndefined();
  });
});
