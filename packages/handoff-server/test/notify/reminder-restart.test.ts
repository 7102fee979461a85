import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpNotifier } from '../../src/notify';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { handoffRequestFrame } from '../support/frames';
import { testKeyRing } from '../support/keys';
import { eventually } from '../support/recording';
import { connectPatient, startTestServer, testSecrets } from '../support/server';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('reminders across a restart (one SQLite file)', () => {
  it('queued before the restart, sent after it; a sent one is not sent again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-reminder-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const filename = join(dir, 'baton.db');
    const keyRing = testKeyRing();
    const secrets = testSecrets();
    const sink: SmtpSink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const node = async (withMail: boolean) => {
      const test = await startTestServer({
        store: new SqliteConversationStore({ filename, keyRing }),
        secrets,
        followups: { reminderLeadMs: 72 * 60 * 60_000 },
        ...(withMail
          ? {
              notifications: {
                notifiers: [smtpNotifier({ url: sink.url, from: 'rdv@clinic.example' })],
                pollMs: 20,
              },
            }
          : {}),
      });
      return test;
    };

    // Before: the reminder is queued (the row the reminder sender writes) on a node that
    // sends no mail and then stops.
    const before = await node(false);
    const token = await before.tokens.patient('pat-1', undefined, {
      attributes: [{ key: 'email', value: 'pat@example.org', displayable: false, clinical: false }],
    });
    const patient = await connectPatient(before.url, token);
    patient.send(handoffRequestFrame('conv-rs'));
    await patient.waitFor('handoff.queued');
    patient.close();
    const start = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
    await before.store.addSlots([{ id: 'slot-rs', startsAt: start, endsAt: start }]);
    const booking = { conversationId: 'conv-rs', patientId: 'pat-1', slotId: 'slot-rs' };
    await before.store.bookSlot('slot-rs', booking);
    await before.store.enqueueDelivery({
      id: 'd-rs',
      key: `reminder/conv-rs/slot-rs/${start}/email`,
      channel: 'email',
      kind: 'appointment.reminder',
      conversationId: 'conv-rs',
      patientId: 'pat-1',
      payload: {
        kind: 'appointment.reminder',
        ...booking,
        start,
        end: start,
        locale: 'en',
        timeZone: 'UTC',
        email: 'pat@example.org',
        organization: 'Clinic',
      },
      dueAt: new Date().toISOString(),
    });
    await before.close();

    // After the restart: the queued reminder goes out once.
    const after = await node(true);
    await eventually(async () => (await after.store.getDelivery('d-rs'))?.status === 'sent');
    expect(sink.messages.map((m) => m.messageId)).toEqual(['<reminder-d-rs@clinic.example>']);
    // The scheduler plans the booking again at start (no `appointment.reminder` audit yet): the
    // outbox key makes it a no-op; and once more for good measure.
    after.server.engine.followups.reminders.schedule(booking, start);
    await after.server.engine.followups.reminders.idle();
    await after.close();

    const again = await node(true);
    await again.server.engine.followups.reminders.idle();
    const rows = await again.store.listDeliveries({ conversationId: 'conv-rs' });
    expect(rows.map((d) => [d.id, d.status])).toEqual([['d-rs', 'sent']]);
    await again.close();
    expect(sink.messages).toHaveLength(1);
  });
});
