import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffRequestFrame } from '../support/frames';
import { connectAgent, connectPatient, startTestServer, type TestServer } from '../support/server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);
const PDF = new TextEncoder().encode('%PDF-1.4\n% test document\n');
const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

async function claimed(test: TestServer, conversationId = 'conv-1') {
  const patient = await connectPatient(test.url, await test.tokens.patient('pat-1'));
  cleanups.push(() => patient.close());
  patient.send(handoffRequestFrame(conversationId));
  await patient.waitFor('ack');
  await patient.waitFor('handoff.queued');
  const agentToken = await test.tokens.staff('agent-1');
  const agent = await connectAgent(test.url, agentToken);
  cleanups.push(() => agent.close());
  agent.send(agentMessage('queue.subscribe', {}));
  await agent.waitFor('queue.snapshot');
  agent.send(agentMessage('conversation.claim', { conversationId }));
  await agent.waitFor('conversation.assigned');
  await patient.waitFor('agent.joined');
  return { patient, agent, agentToken };
}

const put = (url: string, path: string, token: string, body: Uint8Array) =>
  fetch(`${url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(body),
  });

const get = (url: string, id: string, token: string) =>
  fetch(`${url}/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });

describe('attachments over real sockets and HTTP (SQLite)', () => {
  it('patient uploads an image: granted, sniffed, shared with seq, the agent sees and downloads it (audited)', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    const { patient, agent, agentToken } = await claimed(test);

    patient.send(
      patientMessage('attachment.upload', {
        conversationId: 'conv-1',
        clientMessageId: 'up-1',
        name: 'rash.png',
        contentType: 'image/png',
        size: PNG.byteLength,
      }),
    );
    const grant = await patient.waitFor('attachment.grant');
    expect(grant).toMatchObject({ clientMessageId: 'up-1', maxBytes: 5 * 1024 * 1024 });
    // The bytes are not yet there: nobody can share or download them.
    expect((await get(test.url, grant.attachment.id, agentToken)).status).toBe(403);
    // A wrong token changes nothing.
    expect((await put(test.url, grant.uploadPath, 'x'.repeat(43), PNG)).status).toBe(403);

    const uploaded = await put(test.url, grant.uploadPath, grant.uploadToken, PNG);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toEqual({
      attachment: { id: grant.attachment.id, name: 'rash.png', contentType: 'image/png', size: 14 },
    });
    // The grant is single-use.
    expect((await put(test.url, grant.uploadPath, grant.uploadToken, PNG)).status).toBe(409);

    patient.send(
      patientMessage('attachment.share', {
        conversationId: 'conv-1',
        clientMessageId: 'share-1',
        attachmentId: grant.attachment.id,
        caption: 'since Monday',
      }),
    );
    const ack = await patient.waitFor('ack', (f) => f.clientMessageId === 'share-1');
    const seen = await agent.waitFor('attachment');
    expect(seen).toMatchObject({
      seq: ack.seq,
      from: 'patient',
      caption: 'since Monday',
      attachment: { id: grant.attachment.id, contentType: 'image/png', name: 'rash.png' },
    });
    // The patient's other tabs get it too.
    expect((await patient.waitFor('attachment')).seq).toBe(ack.seq);

    const download = await get(test.url, grant.attachment.id, agentToken);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);

    // Another patient and an agent of another queue are refused, and every access is audited.
    const stranger = await test.tokens.patient('pat-2');
    expect((await get(test.url, grant.attachment.id, stranger)).status).toBe(403);
    const audit = await test.store.queryAudit({ conversationId: 'conv-1' });
    const views = audit.filter((r) => r.action === 'attachment.view');
    expect(views.map((r) => [r.actorId, r.outcome])).toEqual([
      ['agent-1', 'denied'],
      ['agent-1', 'allowed'],
      ['pat-2', 'denied'],
    ]);
    expect(audit.some((r) => r.action === 'attachment.upload' && r.actorId === 'pat-1')).toBe(true);

    // The conversation log read back shows the file.
    const transcript = await fetch(`${test.url}/api/conversations/conv-1/transcript`, {
      headers: { authorization: `Bearer ${agentToken}` },
    });
    const exported = (await transcript.json()) as { log: { attachment?: { id: string } }[] };
    expect(exported.log.some((e) => e.attachment?.id === grant.attachment.id)).toBe(true);
  });

  it('refuses what is not an image or PDF whatever it is called, and files over the limit', async () => {
    const test = await startTestServer({ attachments: { maxBytes: 64 } });
    cleanups.push(() => test.close());
    const { agent } = await claimed(test);

    agent.send(
      agentMessage('attachment.upload', {
        conversationId: 'conv-1',
        clientMessageId: 'big',
        name: 'scan.pdf',
        contentType: 'application/pdf',
        size: 65,
      }),
    );
    expect(await agent.waitFor('error')).toMatchObject({
      code: 'attachment_too_large',
      clientMessageId: 'big',
    });

    agent.send(
      agentMessage('attachment.upload', {
        conversationId: 'conv-1',
        clientMessageId: 'fake',
        name: 'photo.png',
        contentType: 'image/png',
        size: HTML.byteLength,
      }),
    );
    const grant = await agent.waitFor('attachment.grant');
    const refused = await put(test.url, grant.uploadPath, grant.uploadToken, HTML);
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'attachment_type_not_allowed',
    );
    expect((await test.store.getAttachment(grant.attachment.id))?.status).toBe('pending');
    // More bytes than the ceiling are not read.
    const tooBig = await put(test.url, grant.uploadPath, grant.uploadToken, new Uint8Array(100));
    expect(tooBig.status).toBe(413);
  });

  it('agent shares a PDF: the patient gets it and can download it with her own token', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.close());
    const { patient, agent } = await claimed(test);
    agent.send(
      agentMessage('attachment.upload', {
        conversationId: 'conv-1',
        clientMessageId: 'up-a',
        name: 'instructions.pdf',
        contentType: 'application/pdf',
        size: PDF.byteLength,
      }),
    );
    const grant = await agent.waitFor('attachment.grant');
    expect((await put(test.url, grant.uploadPath, grant.uploadToken, PDF)).status).toBe(200);
    agent.send(
      agentMessage('attachment.share', {
        conversationId: 'conv-1',
        clientMessageId: 'share-a',
        attachmentId: grant.attachment.id,
      }),
    );
    await agent.waitFor('ack', (f) => f.clientMessageId === 'share-a');
    const got = await patient.waitFor('attachment');
    expect(got).toMatchObject({ from: 'agent', agent: { id: 'agent-1' } });
    const download = await get(test.url, got.attachment.id, await test.tokens.patient('pat-1'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    // A patient cannot share the agent's file as her own.
    patient.send(
      patientMessage('attachment.share', {
        conversationId: 'conv-1',
        clientMessageId: 'steal',
        attachmentId: grant.attachment.id,
      }),
    );
    expect(await patient.waitFor('error')).toMatchObject({ code: 'forbidden' });
  });
});
