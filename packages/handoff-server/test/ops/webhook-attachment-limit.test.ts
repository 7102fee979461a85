import { describe, expect, it } from 'vitest';
import { adapterFromEnv, readServerEnv } from '../../src/ops/config';
import { attachmentBodyFor } from '../../src/ops/webhook-attachment-limit';
import { startTestServer } from '../support/server';

// The body limit of the webhook adapter's `POST …/attachments` (the file inline, base64, in
// JSON) is an operator's setting: derived from BATON_ATTACHMENT_MAX_BYTES unless
// BATON_WEBHOOK_ATTACHMENT_BODY_BYTES says otherwise, and never too small for an allowed file.

const token = 'tok_a_0123456789abcdef';
const webhookEnv = {
  BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
  BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
  BATON_ADAPTER: 'webhook',
  BATON_WEBHOOK_URL: 'https://crm.example.org/hooks/baton',
  BATON_WEBHOOK_SIGNING_SECRET: 'whsec_env_0123456789abcdef',
  BATON_WEBHOOK_INBOUND_TOKENS: token,
};

const limitOf = (env: Record<string, string>) => {
  const choice = adapterFromEnv(readServerEnv({ ...webhookEnv, ...env }));
  if (choice.kind !== 'webhook') throw new Error('not the webhook adapter');
  return choice.inbound.maxAttachmentBodyBytes;
};

describe('BATON_WEBHOOK_ATTACHMENT_BODY_BYTES', () => {
  it('follows the attachment size setting unless set, and refuses a value too small for it', () => {
    expect(limitOf({})).toBe(attachmentBodyFor(5 * 1024 * 1024));
    expect(limitOf({ BATON_ATTACHMENT_MAX_BYTES: String(20 * 1024 * 1024) })).toBe(
      Math.ceil((20 * 1024 * 1024) / 3) * 4 + 64 * 1024,
    );
    expect(limitOf({ BATON_WEBHOOK_ATTACHMENT_BODY_BYTES: String(16 * 1024 * 1024) })).toBe(
      16 * 1024 * 1024,
    );
    expect(() => limitOf({ BATON_WEBHOOK_ATTACHMENT_BODY_BYTES: '1048576' })).toThrow(
      /BATON_WEBHOOK_ATTACHMENT_BODY_BYTES is too small for a file of BATON_ATTACHMENT_MAX_BYTES/,
    );
    expect(() => limitOf({ BATON_WEBHOOK_ATTACHMENT_BODY_BYTES: 'eight megs' })).toThrow(
      /BATON_WEBHOOK_ATTACHMENT_BODY_BYTES/,
    );
  });

  it('is the limit the mounted inbound API applies', async () => {
    const env = {
      BATON_ATTACHMENT_MAX_BYTES: '3000',
      BATON_WEBHOOK_ATTACHMENT_BODY_BYTES: '70000',
    };
    const test = await startTestServer({
      adapter: adapterFromEnv(readServerEnv({ ...webhookEnv, ...env })),
    });
    try {
      const post = (bytes: number) =>
        fetch(`${test.url}/api/webhook/conversations/c1/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            externalId: 'f-1',
            name: 'a.pdf',
            contentBase64: 'A'.repeat(bytes),
          }),
        });
      const over = await post(70_000);
      expect(over.status).toBe(413);
      expect(await over.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      // Under the limit the body is read and judged on its content (here: no such conversation).
      const under = await post(60_000);
      expect(under.status).not.toBe(413);
    } finally {
      await test.close();
    }
  });
});
