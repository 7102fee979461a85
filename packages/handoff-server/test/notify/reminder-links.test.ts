import { afterEach, describe, expect, it } from 'vitest';
import { smtpNotifier } from '../../src/notify';
import { handoffRequestFrame } from '../support/frames';
import { eventually } from '../support/recording';
import { connectPatient, startTestServer } from '../support/server';
import { type SmtpSink, startSmtpSink } from './smtp-sink';

// The reminder e-mail carries the signed cancel/reschedule links of the scheduling side, and a
// booking cancelled before its reminder is due gets no reminder.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('reminders and the appointment they remind of', () => {
  it('carries the signed links; a cancelled booking is not reminded', async () => {
    const sink: SmtpSink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const test = await startTestServer({
      followups: {
        reminderLeadMs: 72 * 60 * 60_000,
        appointmentLinks: { publicUrl: 'https://chat.clinic.example', secret: 's'.repeat(40) },
      },
      notifications: {
        notifiers: [smtpNotifier({ url: sink.url, from: 'rdv@clinic.example' })],
        pollMs: 20,
      },
    });
    cleanups.push(() => test.close());
    const token = await test.tokens.patient('pat-l', undefined, {
      attributes: [{ key: 'email', value: 'pat@example.org', displayable: false, clinical: false }],
    });
    const patient = await connectPatient(test.url, token);
    cleanups.push(() => patient.close());
    patient.send(handoffRequestFrame('conv-l'));
    await patient.waitFor('handoff.queued');

    const start = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
    const end = new Date(Date.parse(start) + 20 * 60_000).toISOString();
    await test.store.addSlots([
      { id: 'slot-kept', startsAt: start, endsAt: end },
      { id: 'slot-dropped', startsAt: start, endsAt: end },
    ]);
    const { reminders } = test.server.engine.followups;
    const party = { conversationId: 'conv-l', patientId: 'pat-l' };

    // Booked, then cancelled before its reminder is due: planned anyway (as a restart would).
    await test.store.bookSlot('slot-dropped', party);
    await test.store.cancelBooking('slot-dropped', 'pat-l');
    reminders.schedule({ ...party, slotId: 'slot-dropped' }, start);
    await reminders.idle();
    // Then a booking that stands: its reminder is the only one that goes out.
    await test.store.bookSlot('slot-kept', party);
    reminders.schedule({ ...party, slotId: 'slot-kept' }, start);
    await reminders.idle();

    await eventually(() => sink.messages.length === 1);
    const rows = await test.store.listDeliveries({ conversationId: 'conv-l' });
    expect(rows.map((r) => r.payload.slotId)).toEqual(['slot-kept']);
    const text = sink.messages[0]!.text ?? '';
    expect(text).toContain('https://chat.clinic.example/appointments/reschedule?');
    expect(text).toContain('https://chat.clinic.example/appointments/cancel?');
    await eventually(async () => (await test.store.getDelivery(rows[0]!.id))?.status === 'sent');
    expect(sink.messages).toHaveLength(1);
  });
});
