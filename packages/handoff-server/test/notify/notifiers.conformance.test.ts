import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/adapters/webhook/signature';
import { smtpNotifier, webhookNotifier } from '../../src/notify';
import { SAMPLE_REMINDER, testNotifier } from '../../src/notify/conformance';
import { startSmtpSink } from './smtp-sink';

testNotifier('SMTP (nodemailer → a real smtp-server)', async () => {
  const sink = await startSmtpSink();
  const notifier = smtpNotifier({ url: sink.url, from: 'rdv@clinic.example', timeoutMs: 2000 });
  let down = false;
  return {
    notifier,
    async received() {
      return sink.messages.map((m) => ({
        idempotencyKey: /^<([^@]+)@/.exec(m.messageId ?? '')?.[1] ?? '',
        content: [
          m.subject,
          m.text,
          m.html || '',
          ...m.attachments.map((a) => a.content.toString('utf8')),
        ].join('\n'),
      }));
    },
    async takeDown() {
      down = true;
      await sink.close();
    },
    async cleanup() {
      notifier.close();
      if (!down) await sink.close();
    },
  };
});

const SECRET = 'reminder-webhook-secret';

testNotifier('signed webhook (a real HTTP receiver checking the signature)', async () => {
  const got: { key: string; body: string }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const check = verifyWebhookSignature(req.headers['baton-signature'] as string, body, {
      secrets: [SECRET],
    });
    if (!check.ok) {
      res.writeHead(401).end();
      return;
    }
    got.push({ key: String(req.headers['idempotency-key']), body });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/reminders`;
  let down = false;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    notifier: webhookNotifier({ url, signingSecret: SECRET, timeoutMs: 2000 }),
    async received() {
      return got.map((g) => ({ idempotencyKey: g.key, content: g.body }));
    },
    async takeDown() {
      down = true;
      server.closeAllConnections();
      await close();
    },
    async cleanup() {
      if (!down) {
        server.closeAllConnections();
        await close();
      }
    },
  };
});

it('the webhook body carries times, zone and links, and no address', async () => {
  let body = '';
  const server = createServer(async (req, res) => {
    for await (const chunk of req) body += chunk;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const error = await webhookNotifier({ url, signingSecret: SECRET })
      .send(SAMPLE_REMINDER, { deliveryId: 'd', idempotencyKey: 'reminder-d', attempt: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'http_500', permanent: false });
    const json = JSON.parse(body) as Record<string, unknown>;
    expect(json).toMatchObject({
      type: 'appointment.reminder',
      id: 'reminder-d',
      start: SAMPLE_REMINDER.start,
      timeZone: 'America/Mexico_City',
      rescheduleUrl: SAMPLE_REMINDER.rescheduleUrl,
    });
    expect(body).not.toContain('paciente@example.org');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
