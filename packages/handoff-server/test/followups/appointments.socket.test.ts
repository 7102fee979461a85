import { agentMessage, patientMessage, type Slot } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/recording';
import { hoursFromNow, useHarness } from './harness';

const setup = useHarness();

const slot = (id: string, hours: number, display = 'Dr. Martin'): Slot => ({
  resourceType: 'Slot',
  id,
  status: 'free',
  start: hoursFromNow(hours),
  end: hoursFromNow(hours + 0.5),
  schedule: { display },
});

describe('appointments over real sockets (SQLite)', () => {
  it('offer → select → booked once → selected, confirmed, reminder planned', async () => {
    const h = await setup({ followups: { reminderLeadMs: 60 * 60_000 } });
    const { patient, agent } = await h.chatting('conv-a1');
    const offered = [slot('slot-1', 48), slot('slot-2', 50)];
    agent.send(
      agentMessage('appointment.offer', {
        conversationId: 'conv-a1',
        clientMessageId: 'ao-1',
        offer: { offerId: 'offer-1', slots: offered },
      }),
    );
    const offerAck = await agent.waitFor('ack', (f) => f.clientMessageId === 'ao-1');
    expect(await patient.waitFor('appointment.offer')).toMatchObject({
      seq: offerAck.seq,
      offer: { offerId: 'offer-1', slots: offered },
    });
    // The agent's slots were added to the schedule.
    expect((await h.test.store.listSlots({ freeOnly: true })).map((s) => s.id)).toEqual([
      'slot-1',
      'slot-2',
    ]);

    patient.send(
      patientMessage('appointment.select', {
        conversationId: 'conv-a1',
        clientMessageId: 'as-1',
        offerId: 'offer-1',
        slotId: 'slot-2',
      }),
    );
    const ack = await patient.waitFor('ack', (f) => f.clientMessageId === 'as-1');
    expect(await agent.waitFor('appointment.selected')).toMatchObject({
      seq: ack.seq,
      offerId: 'offer-1',
      slotId: 'slot-2',
    });
    const confirmed = await patient.waitFor('appointment.confirmed');
    expect(confirmed.seq).toBe(ack.seq + 1);
    expect(confirmed.appointment).toMatchObject({
      status: 'booked',
      start: offered[1]!.start,
      slot: [{ reference: 'Slot/slot-2' }],
      participant: [{ actor: { display: 'Dr. Martin' } }, { actor: { display: 'Alex Martin' } }],
    });
    expect(await h.test.store.listBookings({ conversationId: 'conv-a1' })).toMatchObject([
      { slotId: 'slot-2', patientId: 'pat-1' },
    ]);
    expect(h.test.server.engine.followups.reminders.pending).toMatchObject([
      {
        conversationId: 'conv-a1',
        slotId: 'slot-2',
        appointmentStart: new Date(offered[1]!.start).toISOString(),
      },
    ]);

    // A second pick from the same offer is refused; the agent may confirm with more detail.
    patient.send(
      patientMessage('appointment.select', {
        conversationId: 'conv-a1',
        clientMessageId: 'as-2',
        offerId: 'offer-1',
        slotId: 'slot-1',
      }),
    );
    expect(await patient.waitFor('error', (f) => f.clientMessageId === 'as-2')).toMatchObject({
      code: 'conflict',
    });
    agent.send(
      agentMessage('appointment.confirm', {
        conversationId: 'conv-a1',
        clientMessageId: 'ac-1',
        appointment: {
          ...confirmed.appointment,
          description: 'Bring your insurance card',
        },
      }),
    );
    await agent.waitFor('ack', (f) => f.clientMessageId === 'ac-1');
    await eventually(() => patient.of('appointment.confirmed').length === 2);
    expect(patient.of('appointment.confirmed')[1]!.appointment.description).toBe(
      'Bring your insurance card',
    );
    agent.send(
      agentMessage('appointment.confirm', {
        conversationId: 'conv-a1',
        clientMessageId: 'ac-2',
        appointment: { ...confirmed.appointment, slot: [{ reference: 'Slot/slot-1' }] },
      }),
    );
    expect(await agent.waitFor('error', (f) => f.clientMessageId === 'ac-2')).toMatchObject({
      code: 'invalid_message',
    });
  });

  it('two patients pick the same slot at once: one wins, the other gets conflict and a fresh offer', async () => {
    const h = await setup();
    await h.test.store.addSlots([
      { id: 'spare-1', startsAt: hoursFromNow(30), endsAt: hoursFromNow(31), label: 'Dr. B' },
    ]);
    const a = await h.chatting('conv-a2', 'pat-a');
    const b = await h.chatting('conv-a3', 'pat-b');
    const hot = slot('hot-slot', 40);
    for (const [conversationId, client] of [
      ['conv-a2', a.agent],
      ['conv-a3', b.agent],
    ] as const) {
      client.send(
        agentMessage('appointment.offer', {
          conversationId,
          clientMessageId: `ao-${conversationId}`,
          offer: { offerId: 'offer-x', slots: [hot] },
        }),
      );
      await client.waitFor('ack', (f) => f.clientMessageId === `ao-${conversationId}`);
    }
    await a.patient.waitFor('appointment.offer');
    await b.patient.waitFor('appointment.offer');
    for (const [conversationId, client] of [
      ['conv-a2', a.patient],
      ['conv-a3', b.patient],
    ] as const) {
      client.send(
        patientMessage('appointment.select', {
          conversationId,
          clientMessageId: 'pick',
          offerId: 'offer-x',
          slotId: 'hot-slot',
        }),
      );
    }
    const outcomes = await Promise.all(
      [a.patient, b.patient].map((client) =>
        eventually(() => {
          const reply = client.frames.find(
            (f) => (f.type === 'ack' || f.type === 'error') && f.clientMessageId === 'pick',
          );
          if (!reply) return null;
          return reply.type === 'ack' ? 'won' : reply.type === 'error' ? reply.code : 'other';
        }),
      ),
    );
    expect([...outcomes].sort()).toEqual(['conflict', 'won']);
    const loser = outcomes[0] === 'won' ? b.patient : a.patient;
    const fresh = await eventually(() => loser.of('appointment.offer')[1]);
    expect(fresh.offer.slots.map((s) => s.id)).toEqual(['spare-1']);
    expect(await h.test.store.listBookings({})).toHaveLength(1);
  });

  it('refuses offers of busy, past or already booked slots', async () => {
    const h = await setup();
    const { agent } = await h.chatting('conv-a4');
    const offer = (clientMessageId: string, slots: Slot[]) =>
      agent.send(
        agentMessage('appointment.offer', {
          conversationId: 'conv-a4',
          clientMessageId,
          offer: { offerId: clientMessageId, slots },
        }),
      );
    offer('busy', [{ ...slot('s-busy', 10), status: 'busy' }]);
    offer('past', [slot('s-past', -2)]);
    await h.test.store.addSlots([
      { id: 'taken', startsAt: hoursFromNow(20), endsAt: hoursFromNow(21) },
    ]);
    await h.test.store.bookSlot('taken', { conversationId: 'conv-a4', patientId: 'pat-1' });
    const taken = (await h.test.store.listSlots())[0]!;
    offer('taken', [
      {
        resourceType: 'Slot',
        id: 'taken',
        status: 'free',
        start: taken.startsAt,
        end: taken.endsAt,
      },
    ]);
    const codes = await Promise.all(
      ['busy', 'past', 'taken'].map((id) =>
        agent.waitFor('error', (f) => f.clientMessageId === id).then((f) => f.code),
      ),
    );
    expect(codes).toEqual(['invalid_message', 'invalid_message', 'conflict']);
  });
});
