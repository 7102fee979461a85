import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookFixture } from '../adapters/support/webhook-fixture';
import { handoffRequestFrame } from '../support/frames';
import { connectPatient, startTestServer } from '../support/server';

// A file from an external agent system (the webhook adapter's inbound API) reaches the patient
// like a console agent's: checked (ceiling, type from the bytes), sealed, logged with a seq,
// delivered as `attachment`, downloadable by the patient. Refused files change nothing.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const PDF = new TextEncoder().encode('%PDF-1.4\n% discharge advice\n');
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('agent system files to the patient (webhook adapter, SQLite)', () => {
  it('delivers the file to the patient once; refuses a bad one without a trace', async () => {
    const fixture = await createWebhookFixture({}, {});
    const test = await startTestServer({
      adapter: fixture.adapter,
      attachments: { maxBytes: 1024 },
    });
    cleanups.push(
      () => test.close(),
      () => fixture.cleanup?.(),
    );
    const token = await test.tokens.patient('p1');
    const patient = await connectPatient(test.url, token);
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('ack');
    const path = '/conversations/c1/attachments';

    // Before an agent holds it: not legal.
    const early = await fixture.post(path, {
      externalId: 'f-0',
      name: 'advice.pdf',
      contentBase64: base64(PDF),
    });
    expect(early.status).toBe(409);

    await fixture.agentSide.accept('c1', { id: 'ext-agent', displayName: 'Desk agent' });
    await patient.waitFor('agent.joined');
    const body = {
      externalId: 'f-1',
      name: 'advice.pdf',
      contentBase64: base64(PDF),
      caption: 'Your advice sheet',
    };
    const sent = await fixture.post(path, body);
    expect(sent.status).toBe(200);
    const { seq } = (await sent.json()) as { seq: number };
    // A retried delivery commits nothing new.
    const again = await fixture.post(path, body);
    expect(await again.json()).toEqual({ ok: true, seq });

    const frame = await patient.waitFor('attachment');
    expect(frame).toMatchObject({
      seq,
      from: 'agent',
      caption: 'Your advice sheet',
      agent: { id: 'ext-agent' },
      attachment: { name: 'advice.pdf', contentType: 'application/pdf', size: PDF.byteLength },
    });
    const download = await fetch(`${test.url}/api/attachments/${frame.attachment.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);

    // Refused: a type not allowed (read from the bytes, not the name), too large, not base64.
    const refusals = [
      {
        externalId: 'f-2',
        name: 'advice.pdf',
        contentBase64: base64(new TextEncoder().encode('<html>')),
      },
      {
        externalId: 'f-3',
        name: 'big.pdf',
        contentBase64: base64(new Uint8Array(2048).fill(0x25)),
      },
      { externalId: 'f-4', name: 'x.pdf', contentBase64: 'not base64!' },
    ];
    for (const refused of refusals) expect((await fixture.post(path, refused)).status).toBe(400);
    expect((await test.store.listAttachments('c1')).map((a) => a.name)).toEqual(['advice.pdf']);
    expect(patient.of('attachment')).toHaveLength(1);

    const audit = await test.store.queryAudit({ actorId: 'adapter:webhook' });
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([['attachment.upload', 'allowed']]);
  });
});
