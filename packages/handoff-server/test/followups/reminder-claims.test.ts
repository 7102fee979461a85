import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { durableReminderClaims } from '../../src/engine/followups/reminder-claims';
import { type AppointmentReminder, ReminderScheduler } from '../../src/engine/followups/reminders';
import { DurableScheduler } from '../../src/engine/scheduler';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { eventually, silentLogger } from '../support/recording';
import { FakeClock } from './fake-clock';

const HOUR = 60 * 60_000;
let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('appointment reminders on several nodes', () => {
  it('goes out once although every node (and a restarted one) plans it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-reminders-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ring = testKeyRing();
    const start = new Date(Date.now() + 100 * HOUR).toISOString();
    const clock = new FakeClock(new Date().toISOString());
    const sent: AppointmentReminder[] = [];
    const sender = { send: async (r: AppointmentReminder) => void sent.push(r) };
    const nodes = [0, 1, 2].map(() => {
      const store = new SqliteConversationStore({ filename: join(dir, 'b.db'), keyRing: ring });
      const durable = new DurableScheduler({ store, logger: silentLogger });
      const reminders = new ReminderScheduler({
        store,
        sender,
        logger: silentLogger,
        clock,
        claims: durableReminderClaims(store, durable, sender),
      });
      cleanups.push(() => store.close());
      cleanups.push(() => reminders.stop());
      return { store, reminders };
    });
    const first = nodes[0]!.store;
    await first.createConversation({ id: 'c1', patientId: 'p1' });
    await first.addSlots([{ id: 's1', startsAt: start, endsAt: start }]);
    await first.bookSlot('s1', { conversationId: 'c1', patientId: 'p1' });
    nodes[0]!.reminders.schedule({ conversationId: 'c1', patientId: 'p1', slotId: 's1' }, start);
    for (const n of nodes.slice(1)) expect(await n.reminders.recover()).toBe(1);
    clock.advance(80 * HOUR);
    await Promise.all(nodes.map((n) => n.reminders.idle()));
    expect(sent.map((r) => r.slotId)).toEqual(['s1']);
    const audit = await first.queryAudit({ conversationId: 'c1' });
    expect(audit.filter((a) => a.action === 'appointment.reminder')).toHaveLength(1);
  });

  it('a planned reminder is sent by another node when the planner is gone (any provider), once; not for a deleted conversation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-reminder-plans-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ring = testKeyRing();
    // Due in 300 ms (real time: the durable schedule's clock).
    const lead = 60 * 60_000;
    const start = new Date(Date.now() + lead + 300).toISOString();
    const sent: AppointmentReminder[] = [];
    const sender = { send: async (r: AppointmentReminder) => void sent.push(r) };
    const node = (pollMs: number) => {
      const store = new SqliteConversationStore({ filename: join(dir, 'p.db'), keyRing: ring });
      const durable = new DurableScheduler({ store, logger: silentLogger, pollMs });
      const reminders = new ReminderScheduler({
        store,
        sender,
        logger: silentLogger,
        leadMs: lead,
        claims: durableReminderClaims(store, durable, sender),
      });
      cleanups.push(() => store.close());
      return { store, durable, reminders };
    };
    const planner = node(20);
    await planner.store.createConversation({ id: 'c-f', patientId: 'p-f' });
    await planner.store.createConversation({ id: 'c-gone', patientId: 'p-g' });
    // A FHIR booking (the appointment id is not the slot id), and one whose conversation goes.
    const fhir = {
      conversationId: 'c-f',
      patientId: 'p-f',
      slotId: 'slot-9',
      appointmentId: 'appt-9',
    };
    await planner.reminders.plan(fhir, start);
    await planner.reminders.plan(
      { conversationId: 'c-gone', patientId: 'p-g', slotId: 'slot-8', appointmentId: 'appt-8' },
      start,
    );
    // The planner dies before it is due: its timers are gone, nothing was sent.
    planner.reminders.stop();
    expect(sent).toEqual([]);
    await planner.store.deletePatientData('p-g', { actorId: 'admin-1', actorRole: 'admin' });

    const others = [node(20), node(20)];
    for (const other of others) {
      other.durable.start();
      cleanups.push(() => other.durable.stop());
    }
    // Both plan rows run (and are gone) on one of the other nodes: one reminder only.
    const dueAt = new Date(Date.parse(start) - lead).toISOString();
    const planKey = (c: string, p: string, slot: string, appt: string) =>
      JSON.stringify([c, p, slot, start, dueAt, appt]);
    await eventually(async () => {
      const rows = await Promise.all([
        planner.store.getSchedule('reminder.plan', planKey('c-f', 'p-f', 'slot-9', 'appt-9')),
        planner.store.getSchedule('reminder.plan', planKey('c-gone', 'p-g', 'slot-8', 'appt-8')),
      ]);
      return rows.every((row) => row === null);
    }, 5000);
    for (const other of others) await other.durable.stop();
    expect(sent).toEqual([{ ...fhir, appointmentStart: start, dueAt }]);
  });
});
