import { patientMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookFixture } from '../adapters/support/webhook-fixture';
import { handoffRequestFrame } from '../support/frames';
import { connectPatient, startTestServer } from '../support/server';

// A patient's file reaches an external agent system through the webhook adapter: the event
// carries what the file is and a signed link; the link alone fetches the bytes (audited as a
// disclosure to the adapter's system); a tampered link fetches nothing.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const PDF = new TextEncoder().encode('%PDF-1.4\n% referral letter\n');

describe('patient files to the webhook adapter (SQLite)', () => {
  it('sends patient.attachment with a signed link that fetches the bytes, and only them', async () => {
    const fixture = await createWebhookFixture({}, {});
    const test = await startTestServer({ adapter: fixture.adapter });
    cleanups.push(
      () => test.close(),
      () => fixture.cleanup?.(),
    );
    const patient = await connectPatient(test.url, await test.tokens.patient('p1'));
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('c1'));
    await patient.waitFor('ack');
    await fixture.agentSide.accept('c1', { id: 'ext-agent', displayName: 'Desk agent' });
    await patient.waitFor('agent.joined');

    patient.send(
      patientMessage('attachment.upload', {
        conversationId: 'c1',
        clientMessageId: 'up-1',
        name: 'referral.pdf',
        contentType: 'application/pdf',
        size: PDF.byteLength,
      }),
    );
    const grant = await patient.waitFor('attachment.grant');
    const put = await fetch(`${test.url}${grant.uploadPath}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${grant.uploadToken}` },
      body: Buffer.from(PDF),
    });
    expect(put.status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt += 1)
      patient.send(
        patientMessage('attachment.share', {
          conversationId: 'c1',
          clientMessageId: 'share-1',
          attachmentId: grant.attachment.id,
        }),
      );
    await patient.waitFor('ack', (f) => f.clientMessageId === 'share-1');
    // A message after the file: the receiver has everything before it once it has this.
    patient.send(
      patientMessage('message', { conversationId: 'c1', clientMessageId: 'm-1', text: 'sent' }),
    );
    for (let i = 0; i < 300 && fixture.receiver.patientTexts('c1').length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const files = fixture.receiver.patientFiles('c1');
    expect(files).toEqual([
      {
        name: 'referral.pdf',
        contentType: 'application/pdf',
        size: PDF.byteLength,
        url: expect.stringMatching(/^\/api\/attachments\/[\w-]+\?link=[\w.-]+$/),
      },
    ]);
    const event = fixture.receiver.events.find((e) => e.type === 'patient.attachment');
    const { expiresAt } = (event?.data ?? {}) as { expiresAt?: string };
    expect(Date.parse(expiresAt ?? '')).toBeGreaterThan(Date.now() + 10 * 60_000);

    const url = `${test.url}${files[0]!.url}`;
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(PDF);
    expect((await fetch(`${url.slice(0, -2)}xx`)).status).toBe(403);
    const other = url.replace(grant.attachment.id, 'someone-elses-file');
    expect((await fetch(other)).status).toBe(403);

    const audit = await test.store.queryAudit({ conversationId: 'c1' });
    expect(
      audit
        .filter((r) => r.action === 'attachment.view')
        .map((r) => [r.actorId, r.outcome, r.reason]),
    ).toEqual([['adapter:webhook', 'allowed', 'signed_link']]);
    const denied = await test.store.queryAudit({ actorId: 'adapter:webhook' });
    expect(denied.filter((r) => r.outcome === 'denied').map((r) => r.reason)).toEqual([
      'invalid_link',
      'invalid_link',
    ]);
  });
});
