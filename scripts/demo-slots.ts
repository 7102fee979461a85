import type { ConversationStore } from '@baton/handoff-server';

/**
 * Free appointment slots for the demo, so an agent can offer some from the console: the next
 * three weekdays at 09:00, 10:30 and 14:00 (local time), added once (ids name the day).
 */
export async function seedDemoSlots(store: ConversationStore, now = new Date()): Promise<void> {
  const slots = [];
  const day = new Date(now);
  while (slots.length < 9) {
    day.setDate(day.getDate() + 1);
    if (day.getDay() === 0 || day.getDay() === 6) continue;
    for (const [hour, minute] of [
      [9, 0],
      [10, 30],
      [14, 0],
    ] as const) {
      const start = new Date(day);
      start.setHours(hour, minute, 0, 0);
      const stamp = start.toISOString().slice(0, 16).replace(/[-:T]/g, '');
      slots.push({
        id: `demo-${stamp}`,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
        label: 'Dr. Martin, cardiology',
      });
    }
  }
  const known = new Set(
    (await store.listSlots({ from: slots[0]!.startsAt })).map((slot) => slot.id),
  );
  const fresh = slots.filter((slot) => !known.has(slot.id));
  if (fresh.length > 0) await store.addSlots(fresh);
}
