import { agentMessage, patientMessage } from '@baton/handoff-protocol';
import { FhirClient, fhirScheduling, staticBearer } from '@baton/handoff-server';
import { describe, expect, it } from 'vitest';
import { seedSchedule, startFhirServer } from '../support/fhir';
import { eventually } from '../support/recording';
import { type Harness, hoursFromNow, useHarness } from './harness';

const setup = useHarness();
const LINKS = {
  publicUrl: 'http://placeholder',
  secret: 'a-test-secret-of-at-least-32-characters!',
};

/** A failed handoff → appointment fallback → the first offered slot booked. */
async function booked(h: Harness, conversationId: string) {
  const patient = await h.failed(conversationId, ['appointment']);
  patient.send(
    patientMessage('fallback.select', {
      conversationId,
      clientMessageId: 'fb-1',
      choice: { option: 'appointment' },
    }),
  );
  const offer = await patient.waitFor('appointment.offer');
  patient.send(
    patientMessage('appointment.select', {
      conversationId,
      clientMessageId: 'sel-1',
      offerId: offer.offer.offerId,
      slotId: offer.offer.slots[0]!.id,
    }),
  );
  const confirmed = await patient.waitFor('appointment.confirmed');
  return { patient, offer: offer.offer, appointment: confirmed.appointment };
}

describe('cancel and reschedule from the chat', () => {
  it('built-in: the patient cancels; patient and agent see appointment.cancelled; the slot is free', async () => {
    const h = await setup();
    const { patient, agent } = await h.chatting('conv-c1');
    agent.send(
      agentMessage('appointment.offer', {
        conversationId: 'conv-c1',
        clientMessageId: 'ao-1',
        offer: {
          offerId: 'offer-1',
          slots: [
            {
              resourceType: 'Slot',
              id: 'slot-a',
              status: 'free',
              start: hoursFromNow(30),
              end: hoursFromNow(30.5),
              schedule: { display: 'Dr. Osei' },
            },
          ],
        },
      }),
    );
    await patient.waitFor('appointment.offer');
    patient.send(
      patientMessage('appointment.select', {
        conversationId: 'conv-c1',
        clientMessageId: 'sel-1',
        offerId: 'offer-1',
        slotId: 'slot-a',
      }),
    );
    const { appointment } = await patient.waitFor('appointment.confirmed');
    expect(appointment.id).toBe('slot-a');
    patient.send(
      patientMessage('appointment.cancel', {
        conversationId: 'conv-c1',
        clientMessageId: 'cx-1',
        appointmentId: 'nope',
      }),
    );
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'cx-1')).toMatchObject({
      code: 'invalid_message',
    });
    patient.send(
      patientMessage('appointment.cancel', {
        conversationId: 'conv-c1',
        clientMessageId: 'cx-2',
        appointmentId: appointment.id,
      }),
    );
    const ack = await patient.waitFor('ack', (f) => f.clientMessageId === 'cx-2');
    const cancelled = await patient.waitFor('appointment.cancelled');
    expect(cancelled).toMatchObject({
      seq: ack.seq,
      appointment: { id: 'slot-a', status: 'cancelled', start: appointment.start },
    });
    expect(await agent.waitFor('appointment.cancelled')).toMatchObject({
      seq: ack.seq,
      appointment: { id: 'slot-a' },
    });
    expect(await h.test.store.listBookings({ conversationId: 'conv-c1' })).toEqual([]);
    expect((await h.test.store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual(['slot-a']);
    // A retry of the same command: the same ack, nothing cancelled twice.
    patient.send(
      patientMessage('appointment.cancel', {
        conversationId: 'conv-c1',
        clientMessageId: 'cx-2',
        appointmentId: appointment.id,
      }),
    );
    await eventually(
      () => patient.of('ack').filter((f) => f.clientMessageId === 'cx-2').length === 2,
    );
    expect(patient.of('ack').filter((f) => f.clientMessageId === 'cx-2')[1]!.seq).toBe(ack.seq);
  });

  it('FHIR: reschedule offers other slots; the pick books the new one and cancels the old on the server', async () => {
    const fhir = await startFhirServer({ bearerToken: 'tok-123' });
    try {
      const first = Date.parse(hoursFromNow(26));
      const { slotIds } = await seedSchedule(fhir, {
        practitioner: 'Dr. Amara Osei',
        firstStart: first,
        count: 4,
      });
      const client = new FhirClient({
        baseUrl: fhir.baseUrl,
        authorization: staticBearer('tok-123'),
      });
      const h = await setup({ followups: { scheduling: fhirScheduling({ client }) } });
      const { patient, appointment } = await booked(h, 'conv-c2');
      expect(appointment.slot).toEqual([{ reference: `Slot/${slotIds[0]}` }]);
      expect(await fhir.repo.readResource('Appointment', appointment.id)).toMatchObject({
        status: 'booked',
      });
      patient.send(
        patientMessage('appointment.reschedule', {
          conversationId: 'conv-c2',
          clientMessageId: 'rs-1',
          appointmentId: appointment.id,
        }),
      );
      await patient.waitFor('ack', (f) => f.clientMessageId === 'rs-1');
      await eventually(() => patient.of('appointment.offer').length === 2);
      const offer = patient.of('appointment.offer')[1]!.offer;
      expect(offer.slots.map((s) => s.id)).not.toContain(slotIds[0]);
      patient.send(
        patientMessage('appointment.select', {
          conversationId: 'conv-c2',
          clientMessageId: 'sel-2',
          offerId: offer.offerId,
          slotId: slotIds[2]!,
        }),
      );
      await patient.waitFor('ack', (f) => f.clientMessageId === 'sel-2');
      await eventually(() => patient.of('appointment.confirmed').length === 2);
      const moved = patient.of('appointment.confirmed')[1]!.appointment;
      expect(moved.slot).toEqual([{ reference: `Slot/${slotIds[2]}` }]);
      expect(patient.of('appointment.cancelled')[0]!.appointment.id).toBe(appointment.id);
      expect(await fhir.repo.readResource('Appointment', appointment.id)).toMatchObject({
        status: 'cancelled',
      });
      expect(await fhir.repo.readResource('Appointment', moved.id)).toMatchObject({
        status: 'booked',
        start: new Date(first + 60 * 60_000).toISOString(),
      });
      expect(await fhir.repo.readResource('Slot', slotIds[0]!)).toMatchObject({ status: 'free' });
      expect(await fhir.repo.readResource('Slot', slotIds[2]!)).toMatchObject({ status: 'busy' });
    } finally {
      await fhir.close();
    }
  });
});

describe('signed appointment links', () => {
  it('the reschedule page lists free slots, moves the appointment, and the chat sees it', async () => {
    const h = await setup({ followups: { appointmentLinks: LINKS } });
    await h.test.store.addSlots([
      { id: 'slot-1', startsAt: hoursFromNow(30), endsAt: hoursFromNow(30.5), label: 'Dr. Osei' },
      { id: 'slot-2', startsAt: hoursFromNow(54), endsAt: hoursFromNow(54.5), label: 'Dr. Osei' },
    ]);
    const { patient, appointment } = await booked(h, 'conv-l1');
    const links = h.test.server.engine.followups.appointmentLinks!({
      conversationId: 'conv-l1',
      patientId: 'pat-1',
      slotId: appointment.id,
      appointmentStart: appointment.start,
      locale: 'fr-CA',
      timeZone: 'America/Toronto',
    });
    const local = (url: string) => url.replace('http://placeholder', h.test.url);
    const page = await fetch(local(links.rescheduleUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Choisissez un nouvel horaire');
    expect(html).toContain('value="slot-2"');
    expect(html).not.toContain('Alex Martin');

    const tampered = links.rescheduleUrl.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(local(tampered))).status).toBe(403);
    expect((await fetch(local(links.cancelUrl.replace('/cancel?', '/reschedule?')))).status).toBe(
      403,
    );

    const token = new URL(links.rescheduleUrl).searchParams.get('t')!;
    const moved = await fetch(local(links.rescheduleUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: token, slot: 'slot-2' }),
    });
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain('Votre rendez-vous est déplacé');
    await eventually(() => patient.of('appointment.confirmed').length === 2);
    expect(patient.of('appointment.cancelled')[0]!.appointment.id).toBe('slot-1');
    expect(patient.of('appointment.confirmed')[1]!.appointment.slot).toEqual([
      { reference: 'Slot/slot-2' },
    ]);
    expect(await h.test.store.listBookings({ conversationId: 'conv-l1' })).toMatchObject([
      { slotId: 'slot-2' },
    ]);
    // The moved appointment gets its reminder.
    expect(h.test.server.engine.followups.reminders.pending.map((r) => r.slotId)).toContain(
      'slot-2',
    );
    // The old links name an appointment that no longer stands.
    expect((await fetch(local(links.cancelUrl))).status).toBe(410);
  });

  it('the cancel link cancels once; an expired link is refused', async () => {
    let now = Date.now();
    const h = await setup({ followups: { appointmentLinks: { ...LINKS, now: () => now } } });
    await h.test.store.addSlots([
      { id: 'slot-9', startsAt: hoursFromNow(30), endsAt: hoursFromNow(30.5), label: 'Clinic B' },
    ]);
    const { patient, appointment } = await booked(h, 'conv-l2');
    const links = h.test.server.engine.followups.appointmentLinks!({
      conversationId: 'conv-l2',
      patientId: 'pat-1',
      slotId: appointment.id,
      appointmentStart: appointment.start,
    });
    const url = links.cancelUrl.replace('http://placeholder', h.test.url);
    const form = await fetch(url);
    expect(await form.text()).toContain('Cancel the appointment');
    const done = await fetch(url, { method: 'POST', body: new URLSearchParams({}) });
    expect(done.status).toBe(200);
    await patient.waitFor('appointment.cancelled');
    expect((await fetch(url, { method: 'POST' })).status).toBe(409);
    now += 31 * 60 * 60_000;
    expect((await fetch(url)).status).toBe(403);
    // Each use is audited with ids and codes only; the expired one as refused.
    const audit = (await h.test.store.queryAudit({})).filter(
      (a) => a.action === 'appointment.link',
    );
    expect(audit.map((a) => [a.outcome, a.reason])).toEqual([
      ['allowed', 'cancel:view'],
      ['allowed', 'cancel:submit'],
      ['allowed', 'cancel:submit'],
      ['denied', 'invalid_link'],
    ]);
    expect(audit[0]).toMatchObject({
      patientId: 'pat-1',
      conversationId: 'conv-l2',
      targetId: 'slot-9',
    });
  });
});
