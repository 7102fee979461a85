import { createHmac } from 'node:crypto';
import type { HandoffRequest } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ConformanceHost } from '../../src/adapters/conformance';
import {
  backoffDelay,
  createWebhookInboundHandler,
  MemoryWebhookDeadLetters,
  signWebhookPayload,
  verifyWebhookSignature,
  WebhookAdapter,
} from '../../src/adapters/webhook';
import { HandoffServerError } from '../../src/internal/errors';
import { listen } from './support/http';
import {
  createWebhookFixture,
  SIGNING_SECRET,
  type WebhookFixture,
} from './support/webhook-fixture';

const request: HandoffRequest = {
  reason: { kind: 'patient-requested' },
  priority: 'urgent',
  patient: { patientId: 'p-1', displayName: 'Pat', locale: 'en' },
  transcript: { entries: [] },
};
const conversation = (id: string) => ({
  conversationId: id,
  request,
  requestedAt: '2026-01-01T10:00:00.000Z',
});

describe('webhook signatures', () => {
  const body = '{"id":"evt_1"}';

  it('signs like Stripe: HMAC-SHA256 over "<t>.<body>", t=…,v1=…', () => {
    const expected = createHmac('sha256', SIGNING_SECRET)
      .update(`1700000000.${body}`)
      .digest('hex');
    expect(signWebhookPayload(SIGNING_SECRET, body, 1700000000)).toBe(
      `t=1700000000,v1=${expected}`,
    );
  });

  it('verifies within the tolerance, with any of several secrets', () => {
    const header = signWebhookPayload(SIGNING_SECRET, body, 1700000000);
    const now = () => new Date(1700000100 * 1000);
    const secrets = ['another-secret-000000', SIGNING_SECRET];
    expect(verifyWebhookSignature(header, body, { secrets, now })).toEqual({
      ok: true,
      timestampSeconds: 1700000000,
    });
    const late = () => new Date(1700000301 * 1000);
    expect(verifyWebhookSignature(header, body, { secrets, now: late })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyWebhookSignature(header, `${body} `, { secrets, now }).ok).toBe(false);
    expect(verifyWebhookSignature('t=1,v1=zz', body, { secrets, now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyWebhookSignature(undefined, body, { secrets, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});

describe('webhook backoff', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

  it('doubles per attempt, jitters within [step/2, step], caps, and honours Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect(backoffDelay(20, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(1, policy, () => 0, 5000)).toBe(5000);
    expect(backoffDelay(1, policy, () => 0, 10 * 60_000)).toBe(30_000);
  });
});

describe('WebhookAdapter delivery', () => {
  let fixture: WebhookFixture | undefined;
  afterEach(async () => {
    await fixture?.adapter.stop();
    await fixture?.cleanup?.();
    fixture = undefined;
  });

  it('retries a failing receiver with backoff, same event id, a fresh signature each time', async () => {
    const sleeps: number[] = [];
    let clock = 1_700_000_000_000;
    fixture = await createWebhookFixture(
      {
        retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 },
        random: () => 0.5,
        now: () => new Date(clock),
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      },
      { failFirst: 3 },
    );
    const host = new ConformanceHost();
    await fixture.adapter.start(host);
    host.open('c1');
    await fixture.adapter.handoff(conversation('c1'));
    expect(sleeps).toEqual([750, 1500, 3000]);
    const attempts = fixture.receiver.deliveries;
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 503],
      [4, 200],
    ]);
    expect(new Set(attempts.map((d) => d.eventId)).size).toBe(1);
    expect(attempts.map((d) => d.signatureTimestamp)).toEqual([
      1_700_000_000, 1_700_000_000, 1_700_000_002, 1_700_000_005,
    ]);
    expect(fixture.receiver.events).toHaveLength(1);
    expect(fixture.receiver.events[0]).toMatchObject({
      type: 'handoff.requested',
      conversationId: 'c1',
      data: { request, requestedAt: '2026-01-01T10:00:00.000Z' },
    });
    expect(fixture.receiver.badSignatures).toBe(0);
  });

  it('dead-letters an event when retries run out, and rejects the handoff', async () => {
    const deadLetters = new MemoryWebhookDeadLetters();
    fixture = await createWebhookFixture({ deadLetters }, { failFirst: 99 });
    const host = new ConformanceHost();
    await fixture.adapter.start(host);
    host.open('c1');
    const error = await fixture.adapter.handoff(conversation('c1')).catch((e: unknown) => e);
    expect(HandoffServerError.is(error, 'adapter_unavailable')).toBe(true);
    expect(fixture.receiver.deliveries).toHaveLength(4);
    expect(deadLetters.list()).toEqual([
      expect.objectContaining({
        attempts: 4,
        lastError: { status: 503, reason: 'http-status' },
        event: expect.objectContaining({ type: 'handoff.requested', conversationId: 'c1' }),
      }),
    ]);
    expect(fixture.adapter.isOpen('c1')).toBe(false);
    expect(host.logs.map((l) => l.msg)).toContain('webhook event dead-lettered');
  });

  it('redelivers a dead letter with the same event id', async () => {
    const deadLetters = new MemoryWebhookDeadLetters();
    fixture = await createWebhookFixture({ deadLetters }, { failFirst: 4 });
    await fixture.adapter.start(new ConformanceHost());
    await expect(fixture.adapter.handoff(conversation('c1'))).rejects.toThrow(/4 attempt/);
    const [letter] = deadLetters.drain();
    expect(await fixture.adapter.redeliver(letter!)).toBe(true);
    expect(fixture.receiver.events.map((e) => e.id)).toEqual([letter!.event.id]);
    expect(new Set(fixture.receiver.deliveries.map((d) => d.eventId)).size).toBe(1);
    expect(deadLetters.list()).toEqual([]);
  });

  it('does not retry a final 4xx', async () => {
    const deadLetters = new MemoryWebhookDeadLetters();
    fixture = await createWebhookFixture({ deadLetters }, { failFirst: 99, status: 422 });
    await fixture.adapter.start(new ConformanceHost());
    await expect(fixture.adapter.handoff(conversation('c1'))).rejects.toThrow(/1 attempt/);
    expect(fixture.receiver.deliveries).toHaveLength(1);
    expect(deadLetters.list()[0]?.lastError).toEqual({ status: 422, reason: 'http-status' });
  });

  it('delivers a conversation’s events in order even when calls overlap', async () => {
    fixture = await createWebhookFixture({}, { failFirst: 2 });
    const host = new ConformanceHost();
    await fixture.adapter.start(host);
    host.open('c1');
    await fixture.adapter.handoff(conversation('c1'));
    const at = '2026-01-01T10:00:00.000Z';
    await Promise.all(
      [1, 2, 3, 4].map((seq) =>
        fixture!.adapter.patientMessage('c1', { seq, text: `m${seq}`, at }),
      ),
    );
    expect(fixture.receiver.patientTexts('c1')).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('stop ends a pending retry at once and dead-letters the event as stopped', async () => {
    const deadLetters = new MemoryWebhookDeadLetters();
    fixture = await createWebhookFixture(
      { deadLetters, retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } },
      { failFirst: 99 },
    );
    await fixture.adapter.start(new ConformanceHost());
    const pending = fixture.adapter.handoff(conversation('c1')).catch((e: unknown) => e);
    while (fixture.receiver.deliveries.length === 0) await new Promise((r) => setTimeout(r, 5));
    await fixture.adapter.stop();
    expect(HandoffServerError.is(await pending, 'adapter_unavailable')).toBe(true);
    expect(deadLetters.list()[0]?.lastError).toEqual({ status: null, reason: 'stopped' });
  });

  it('sends follow-up items as followup.changed events, signed and acknowledged', async () => {
    fixture = await createWebhookFixture({});
    await fixture.adapter.start(new ConformanceHost());
    const item = {
      id: 'fu-1',
      conversationId: 'c9',
      queue: 'general',
      priority: 'routine' as const,
      kind: 'callback' as const,
      request: { phone: '+33612345678' },
      createdAt: '2026-01-01T10:00:00.000Z',
      status: 'open' as const,
    };
    await fixture.adapter.followUp({ change: 'created', item });
    await fixture.adapter.followUp({
      change: 'claimed',
      item: { ...item, status: 'claimed', claimedBy: { id: 'a1', displayName: 'Ann' } },
    });
    expect(fixture.receiver.events.map((e) => [e.type, e.conversationId])).toEqual([
      ['followup.changed', 'c9'],
      ['followup.changed', 'c9'],
    ]);
    expect(fixture.receiver.events[0]).toMatchObject({ data: { change: 'created', item } });
    expect(fixture.receiver.events[1]).toMatchObject({
      data: { change: 'claimed', item: { status: 'claimed' } },
    });
    expect(fixture.receiver.badSignatures).toBe(0);
  });

  it('forwards typing and read receipts once, best effort, never dead-lettered', async () => {
    const deadLetters = new MemoryWebhookDeadLetters();
    fixture = await createWebhookFixture({ deadLetters }, { failFirst: 1 });
    const host = new ConformanceHost();
    await fixture.adapter.start(host);
    await fixture.adapter.handoff(conversation('c1'));
    fixture.adapter.patientTyping('c1', true);
    fixture.adapter.patientRead('c1', 3);
    const receiver = fixture.receiver;
    // The adapter's verdict on each signal comes after any retry it would make: wait for both.
    const givenUp = () =>
      host.logs
        .filter((l) => l.msg === 'webhook delivery failed')
        .map((l) => l.fields.eventType)
        .sort();
    const deadline = Date.now() + 5000;
    while (givenUp().length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(givenUp()).toEqual(['patient.read', 'patient.typing']);
    const signals = receiver.deliveries.filter((d) => d.eventType !== 'handoff.requested');
    expect(signals.map((d) => [d.eventType, d.attempt, d.status]).sort()).toEqual([
      ['patient.read', 1, 503],
      ['patient.typing', 1, 503],
    ]);
    await fixture.adapter.stop();
    expect(deadLetters.list()).toEqual([]);
  });

  it('refuses unusable options', () => {
    expect(() => new WebhookAdapter({ url: 'ftp://x', signingSecret: SIGNING_SECRET })).toThrow(
      /url/,
    );
    expect(() => new WebhookAdapter({ url: 'http://127.0.0.1', signingSecret: 'short' })).toThrow(
      /signingSecret/,
    );
  });
});

describe('webhook inbound API', () => {
  let fixture: WebhookFixture;
  let host: ConformanceHost;
  afterEach(async () => {
    await fixture.adapter.stop();
    await fixture.cleanup?.();
  });

  const open = async () => {
    fixture = await createWebhookFixture({}, {});
    host = new ConformanceHost();
    await fixture.adapter.start(host);
    host.open('c1');
    await fixture.adapter.handoff(conversation('c1'));
  };
  const errorOf = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as { error: { code: string; issues?: unknown } },
  });

  it('applies reports and answers messages with their seq, idempotently by externalId', async () => {
    await open();
    const queued = await fixture.post('/conversations/c1/queued', {
      queue: 'general',
      position: 2,
      estimatedWaitSeconds: 120,
    });
    expect(await queued.json()).toEqual({ ok: true });
    await fixture.post('/conversations/c1/agent-joined', { agent: { id: 'a1', displayName: 'A' } });
    const message = { externalId: 'crm-msg-1', text: 'Hello, I am here to help.' };
    const first = await fixture.post('/conversations/c1/messages', message);
    const again = await fixture.post('/conversations/c1/messages', message);
    expect(await first.json()).toEqual({ ok: true, seq: 1 });
    expect(await again.json()).toEqual({ ok: true, seq: 1 });
    expect((await fixture.post('/conversations/c1/typing', { active: true })).status).toBe(200);
    expect((await fixture.post('/conversations/c1/ended', {})).status).toBe(200);
    expect(host.state('c1')).toBe('ended');
    expect(host.agentMessages('c1')).toHaveLength(1);
  });

  it('answers illegal reports with 409 and changes nothing', async () => {
    await open();
    const early = await fixture.post('/conversations/c1/messages', { externalId: 'x', text: 'hi' });
    expect(await errorOf(early)).toMatchObject({
      status: 409,
      body: { error: { code: 'illegal_transition' } },
    });
    expect(host.state('c1')).toBe('handoff_requested');
  });

  it('rejects bad credentials, and accepts a body signed with the signing secret', async () => {
    fixture = await createWebhookFixture({}, {});
    host = new ConformanceHost();
    await fixture.adapter.start(host);
    const signedServer = await listen(
      createWebhookInboundHandler(fixture.adapter, {
        auth: { signingSecrets: ['inbound-signing-secret-0001'] },
      }),
    );
    try {
      host.open('c1');
      await fixture.adapter.handoff(conversation('c1'));
      const body = JSON.stringify({ agent: { id: 'a1', displayName: 'A' } });
      const url = `${signedServer.url}/api/webhook/conversations/c1/agent-joined`;
      const send = (headers: Record<string, string>) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      const wrongBearer = await send({ authorization: 'Bearer inbound_token_0123456789abcdef' });
      expect(await errorOf(wrongBearer)).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized' } },
      });
      const t = Math.floor(Date.now() / 1000);
      const badSig = await send({
        'baton-signature': signWebhookPayload('wrong-secret-0000000', body, t),
      });
      expect(badSig.status).toBe(401);
      const stale = await send({
        'baton-signature': signWebhookPayload('inbound-signing-secret-0001', body, t - 3600),
      });
      expect(stale.status).toBe(401);
      const good = await send({
        'baton-signature': signWebhookPayload('inbound-signing-secret-0001', body, t),
      });
      expect(good.status).toBe(200);
      expect(host.state('c1')).toBe('assigned');
      const noAuth = await fixture.post(
        '/conversations/c1/typing',
        { active: true },
        { authorization: '' },
      );
      expect(noAuth.status).toBe(401);
    } finally {
      await signedServer.close();
    }
  });

  it('answers malformed requests with clear JSON errors', async () => {
    await open();
    const cases: [Response, number, string][] = [
      [await fixture.post('/conversations/c1/agent-joined', '{not json'), 400, 'invalid_json'],
      [
        await fixture.post('/conversations/c1/agent-joined', { agent: { id: 'a b' } }),
        400,
        'invalid_body',
      ],
      [await fixture.post('/conversations/other/ended', {}), 404, 'not_found'],
      [await fixture.post('/conversations/c1/teleport', {}), 404, 'not_found'],
      [
        await fixture.post('/conversations/c1/ended', {}, { 'content-type': 'text/plain' }),
        415,
        'unsupported_media_type',
      ],
      [
        await fixture.post('/conversations/c1/typing', { active: true, pad: 'x'.repeat(70_000) }),
        413,
        'payload_too_large',
      ],
    ];
    for (const [response, status, code] of cases) {
      expect(await errorOf(response)).toMatchObject({ status, body: { error: { code } } });
    }
    const invalid = await fixture.post('/conversations/c1/agent-joined', { agent: { id: 'a b' } });
    expect((await invalid.json()).error.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'agent.id' })]),
    );
    const get = await fetch(`${fixture.inboundUrl}/conversations/c1/ended`);
    expect(get.status).toBe(405);
    expect(host.violations()).toEqual([]);
  });

  it('closes a conversation to the inbound API once the server closed it', async () => {
    await open();
    await fixture.adapter.conversationClosed('c1', 'patient-left');
    const late = await fixture.post('/conversations/c1/agent-joined', {
      agent: { id: 'a1', displayName: 'A' },
    });
    expect(late.status).toBe(404);
    expect(fixture.receiver.events.map((e) => e.type)).toEqual([
      'handoff.requested',
      'conversation.closed',
    ]);
  });
});
