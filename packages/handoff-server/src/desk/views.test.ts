import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../storage/memory';
import { deskKpis } from './views';
import { DeskHistory } from './wait-history';

/** The instant the dashboard's "today" starts, as the store is asked for it. */
async function todayStart(now: string, timeZone?: string): Promise<string> {
  const store = new MemoryConversationStore();
  const asked: string[] = [];
  const counts = store.deskCounts.bind(store);
  store.deskCounts = (since: string) => {
    asked.push(since);
    return counts(since);
  };
  await deskKpis(store, new DeskHistory(), [], new Date(now), timeZone);
  return asked[0]!;
}

describe('dashboard "today"', () => {
  it('starts at midnight in the organisation’s zone, not UTC', async () => {
    // 23:30 UTC on 5 December is already 6 December in Paris (UTC+1).
    expect(await todayStart('2026-12-05T23:30:00.000Z', 'Europe/Paris')).toBe(
      '2026-12-05T23:00:00.000Z',
    );
    expect(await todayStart('2026-12-05T23:30:00.000Z')).toBe('2026-12-05T00:00:00.000Z');
    // 03:00 UTC is still the day before in Montreal (UTC-5).
    expect(await todayStart('2026-12-06T03:00:00.000Z', 'America/Montreal')).toBe(
      '2026-12-05T05:00:00.000Z',
    );
  });
});
