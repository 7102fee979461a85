import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { durableReminderClaims } from '../../src/engine/followups/reminder-claims';
import { type AppointmentReminder, ReminderScheduler } from '../../src/engine/followups/reminders';
import { DurableScheduler } from '../../src/engine/scheduler';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { silentLogger } from '../support/recording';
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
});
