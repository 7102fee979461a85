import { afterEach, describe, expect, it } from 'vitest';
import {
  type AppointmentReminder,
  ReminderScheduler,
  type ReminderSender,
} from '../../src/engine/followups/reminders';
import { MemoryConversationStore } from '../../src/storage/memory';
import { silentLogger } from '../support/recording';
import { FakeClock } from './fake-clock';

const HOUR = 60 * 60_000;
const START = '2026-03-01T08:00:00.000Z';

let schedulers: ReminderScheduler[] = [];
afterEach(() => {
  for (const s of schedulers) s.stop();
  schedulers = [];
});

async function setup(options: { leadMs?: number; sender?: ReminderSender } = {}) {
  const store = new MemoryConversationStore();
  const clock = new FakeClock(START);
  const sent: AppointmentReminder[] = [];
  const sender = options.sender ?? { send: async (r: AppointmentReminder) => void sent.push(r) };
  const scheduler = new ReminderScheduler({
    store,
    sender,
    logger: silentLogger,
    clock,
    ...(options.leadMs !== undefined ? { leadMs: options.leadMs } : {}),
  });
  schedulers.push(scheduler);
  await store.createConversation({ id: 'c1', patientId: 'p1' });
  return { store, clock, sent, scheduler };
}

const at = (hoursFromStart: number) =>
  new Date(Date.parse(START) + hoursFromStart * HOUR).toISOString();

describe('appointment reminders (injected clock, no waiting)', () => {
  it('sends one reminder 24 h before the appointment and audits it', async () => {
    const { store, clock, sent, scheduler } = await setup();
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 's1' }, at(72));
    expect(scheduler.pending).toMatchObject([{ slotId: 's1', dueAt: at(48) }]);
    clock.advance(48 * HOUR - 1);
    await scheduler.idle();
    expect(sent).toEqual([]);
    clock.advance(1);
    await scheduler.idle();
    expect(sent).toEqual([
      {
        conversationId: 'c1',
        patientId: 'p1',
        slotId: 's1',
        appointmentStart: at(72),
        dueAt: at(48),
      },
    ]);
    expect(scheduler.pending).toEqual([]);
    const audit = await store.queryAudit({ conversationId: 'c1' });
    expect(audit).toMatchObject([
      { action: 'appointment.reminder', actorRole: 'system', targetId: 's1', patientId: 'p1' },
    ]);
    clock.advance(100 * HOUR);
    await scheduler.idle();
    expect(sent).toHaveLength(1);
  });

  it('honours a configured lead time and orders several reminders', async () => {
    const { clock, sent, scheduler } = await setup({ leadMs: 2 * HOUR });
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'late' }, at(10));
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'early' }, at(5));
    clock.advance(3 * HOUR);
    await scheduler.idle();
    expect(sent.map((r) => r.slotId)).toEqual(['early']);
    clock.advance(5 * HOUR);
    await scheduler.idle();
    expect(sent.map((r) => r.slotId)).toEqual(['early', 'late']);
  });

  it('reminds at once when booked inside the lead time; never for a past appointment', async () => {
    const { clock, sent, scheduler } = await setup();
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'soon' }, at(3));
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'past' }, at(-1));
    clock.advance(0);
    await scheduler.idle();
    expect(sent.map((r) => r.slotId)).toEqual(['soon']);
  });

  it('waits in bounded steps for far-away appointments', async () => {
    const { clock, sent, scheduler } = await setup();
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'far' }, at(24 * 90));
    clock.advance(24 * 89 * HOUR - 1);
    await scheduler.idle();
    expect(sent).toEqual([]);
    expect(clock.timers).toBe(1);
    clock.advance(1);
    await scheduler.idle();
    expect(sent.map((r) => r.slotId)).toEqual(['far']);
  });

  it('a failing sender is logged, not audited, and does not stop the others', async () => {
    const sent: string[] = [];
    const { store, clock, scheduler } = await setup({
      sender: {
        async send(r) {
          if (r.slotId === 'bad') throw new Error('sms gateway down');
          sent.push(r.slotId);
        },
      },
    });
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'bad' }, at(1));
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'good' }, at(2));
    clock.advance(0);
    await scheduler.idle();
    expect(sent).toEqual(['good']);
    expect((await store.queryAudit({ conversationId: 'c1' })).map((a) => a.targetId)).toEqual([
      'good',
    ]);
  });

  it('recovers upcoming bookings after a restart, skipping reminders already sent', async () => {
    const { store, clock, sent, scheduler } = await setup();
    await store.addSlots([
      { id: 'done', startsAt: at(30), endsAt: at(31) },
      { id: 'todo', startsAt: at(50), endsAt: at(51) },
      { id: 'free', startsAt: at(60), endsAt: at(61) },
      { id: 'over', startsAt: at(-5), endsAt: at(-4) },
    ]);
    for (const slotId of ['done', 'todo', 'over'])
      await store.bookSlot(slotId, { conversationId: 'c1', patientId: 'p1' });
    scheduler.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 'done' }, at(30));
    clock.advance(6 * HOUR);
    await scheduler.idle();
    expect(sent.map((r) => r.slotId)).toEqual(['done']);
    scheduler.stop();

    const restarted = new ReminderScheduler({
      store,
      sender: { send: async (r) => void sent.push(r) },
      logger: silentLogger,
      clock,
    });
    schedulers.push(restarted);
    expect(await restarted.recover()).toBe(1);
    expect(restarted.pending.map((r) => r.slotId)).toEqual(['todo']);
    clock.advance(20 * HOUR);
    await restarted.idle();
    expect(sent.map((r) => r.slotId)).toEqual(['done', 'todo']);
  });
});
