import { createId } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { idempotencyKeyOf, type Notifier, smtpNotifier } from '../../src/notify';
import type { ConversationStore } from '../../src/storage/contract';
import { handoffRequestFrame } from '../support/frames';
import { eventually } from '../support/recording';
import { connectPatient, startTestServer, type TestServer } from '../support/server';
import { startSmtpSink } from './smtp-sink';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A port nobody listens on (a sink opened and closed). */
async function closedPort(): Promise<number> {
  const sink = await startSmtpSink();
  await sink.close();
  return sink.port;
}

/** Records when each attempt started. */
function timed(notifier: Notifier, times: number[]): Notifier {
  return {
    channel: notifier.channel,
    canReach: (m) => notifier.canReach(m),
    send: (m, a) => {
      times.push(Date.now());
      return notifier.send(m, a);
    },
  };
}

async function server(notifier: Notifier, extra: { leaseMs?: number } = {}) {
  const test = await startTestServer({
    followups: { reminderLeadMs: 72 * 60 * 60_000 },
    notifications: {
      notifiers: [notifier],
      pollMs: 20,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
      ...extra,
    },
  });
  cleanups.push(() => test.close());
  return test;
}

/** A conversation whose verified context has (or not) an e-mail, and a booked slot due now. */
async function bookedReminder(test: TestServer, conversationId: string, email?: string) {
  const token = await test.tokens.patient(`pat-${conversationId}`, undefined, {
    attributes: email ? [{ key: 'email', value: email, displayable: false, clinical: false }] : [],
  });
  const patient = await connectPatient(test.url, token);
  patient.send(handoffRequestFrame(conversationId));
  await patient.waitFor('handoff.queued');
  patient.close();
  const start = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
  const slotId = `slot-${conversationId}`;
  await test.store.addSlots([{ id: slotId, startsAt: start, endsAt: start }]);
  const booking = { conversationId, patientId: `pat-${conversationId}`, slotId };
  await test.store.bookSlot(slotId, booking);
  test.server.engine.followups.reminders.schedule(booking, start);
}

async function admin(test: TestServer, path: string, method = 'GET', roles = ['admin']) {
  const token = await test.tokens.staff('admin-1', roles as ['admin']);
  const response = await fetch(`${test.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const rowsOf = (store: ConversationStore, conversationId: string) =>
  store.listDeliveries({ conversationId });

describe('reminder deliveries that do not go through', () => {
  it('SMTP down: retried with growing backoff, then failed, listed, and retried by an admin', async () => {
    const port = await closedPort();
    const times: number[] = [];
    const test = await server(
      timed(smtpNotifier({ url: `smtp://127.0.0.1:${port}`, from: 'rdv@clinic.example' }), times),
    );
    await bookedReminder(test, 'conv-down', 'pat@example.org');
    const [failed] = await eventually(async () => {
      const rows = await rowsOf(test.store, 'conv-down');
      return rows[0]?.status === 'failed' ? rows : null;
    }, 10_000);
    expect(failed).toMatchObject({ attempts: 3, lastError: 'smtp_unreachable' });
    expect(times).toHaveLength(3);
    // Exponential: ≥ 100 ms, then ≥ 200 ms between attempts.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(100);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(200);
    const failedAudit = await eventually(async () => {
      const audit = await test.store.queryAudit({ conversationId: 'conv-down' });
      const found = audit.filter((a) => a.action === 'notification.failed');
      return found.length > 0 ? found : null;
    });
    expect(failedAudit).toMatchObject([
      { reason: 'smtp_unreachable', targetId: failed!.id, actorRole: 'system' },
    ]);

    // Staff who are not administrators are refused (and that is audited).
    const refused = await admin(test, '/api/admin/deliveries?status=failed', 'GET', ['agent']);
    expect(refused.status).toBe(403);
    const listed = await admin(test, '/api/admin/deliveries?status=failed,undeliverable');
    expect(listed.status).toBe(200);
    expect(listed.body.deliveries).toEqual([
      expect.objectContaining({
        id: failed!.id,
        channel: 'email',
        status: 'failed',
        attempts: 3,
        lastError: 'smtp_unreachable',
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('pat@example.org');
    expect((await admin(test, '/api/admin/deliveries?status=bogus')).status).toBe(400);

    // The server is back; an administrator retries: it goes out once.
    const sink = await startSmtpSink(port);
    cleanups.push(() => sink.close());
    const retried = await admin(test, `/api/admin/deliveries/${failed!.id}/retry`, 'POST');
    expect(retried.status).toBe(200);
    await eventually(async () => (await test.store.getDelivery(failed!.id))?.status === 'sent');
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.messageId).toBe(`<reminder-${failed!.id}@clinic.example>`);
    // Counted right after each settle: wait for the last one.
    const metrics = await eventually(async () => {
      const text = await (await fetch(`${test.url}/metrics`)).text();
      return text.includes('outcome="sent"} 1') ? text : null;
    });
    expect(metrics).toContain('baton_notifications_total{channel="email",outcome="retry"} 2');
    expect(metrics).toContain('baton_notifications_total{channel="email",outcome="failed"} 1');
    expect(metrics).toContain('baton_notifications_total{channel="email",outcome="sent"} 1');
    expect((await admin(test, `/api/admin/deliveries/${failed!.id}/retry`, 'POST')).status).toBe(
      409,
    );
    const trail = (await test.store.queryAudit({ actorId: 'admin-1' })).map((a) => [
      a.action,
      a.outcome,
    ]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ['notification.list', 'denied'],
        ['notification.list', 'allowed'],
        ['notification.retry', 'allowed'],
        ['notification.retry', 'denied'],
      ]),
    );
  });

  it('a 5xx reply is final at once; no trusted address is recorded as undeliverable', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    sink.rejectNext(1, 550);
    const test = await server(smtpNotifier({ url: sink.url, from: 'rdv@clinic.example' }));
    await bookedReminder(test, 'conv-550', 'nobody@example.org');
    await bookedReminder(test, 'conv-none');
    const [rejected] = await eventually(async () => {
      const rows = await rowsOf(test.store, 'conv-550');
      return rows[0]?.status === 'failed' ? rows : null;
    });
    expect(rejected).toMatchObject({ attempts: 1, lastError: 'smtp_550' });
    const [none] = await eventually(async () => {
      const rows = await rowsOf(test.store, 'conv-none');
      return rows.length > 0 ? rows : null;
    });
    expect(none).toMatchObject({ status: 'undeliverable', lastError: 'no_contact', attempts: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it('a node killed between sending and recording: resent after its lease, same Message-ID', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const smtp = smtpNotifier({ url: sink.url, from: 'rdv@clinic.example' });
    const test = await server(smtp, { leaseMs: 300 });
    await test.server.engine.followups.reminders.idle();
    await test.store.createConversation({ id: 'conv-kill', patientId: 'pat-k' });
    // The dying node: claims the row first (before the live outbox polls), sends, never settles.
    const id = createId();
    const due = new Date(Date.now() + 200).toISOString();
    await test.store.enqueueDelivery({
      id,
      key: 'kill/1',
      channel: 'email',
      kind: 'appointment.reminder',
      conversationId: 'conv-kill',
      patientId: 'pat-k',
      payload: {
        kind: 'appointment.reminder',
        conversationId: 'conv-kill',
        patientId: 'pat-k',
        slotId: 's-k',
        start: new Date(Date.now() + 86_400_000).toISOString(),
        end: new Date(Date.now() + 88_200_000).toISOString(),
        locale: 'en',
        timeZone: 'UTC',
        email: 'pat@example.org',
        organization: 'Clinic',
      },
      dueAt: due,
    });
    const [claimed] = await test.store.claimDueDeliveries({
      owner: 'dying-node',
      now: due,
      leaseMs: 300,
      limit: 1,
    });
    expect(claimed?.id).toBe(id);
    await smtp.send(claimed!.payload as never, {
      deliveryId: id,
      idempotencyKey: idempotencyKeyOf(id),
      attempt: 1,
    });
    // …killed here. The live node takes the row once the lease has run out.
    const sent = await eventually(async () => {
      const row = await test.store.getDelivery(id);
      return row?.status === 'sent' ? row : null;
    });
    expect(sent.attempts).toBe(2);
    expect(sink.messages.map((m) => m.messageId)).toEqual([
      `<reminder-${id}@clinic.example>`,
      `<reminder-${id}@clinic.example>`,
    ]);
  });
});
