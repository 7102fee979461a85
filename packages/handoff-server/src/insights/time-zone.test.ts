import { describe, expect, it } from 'vitest';
import { daysBetween, localDay, startOfLocalDay } from './time-zone';

describe('organisation days', () => {
  it('starts each local day at its midnight, daylight-saving changes included', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Paris')?.toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-03-30', 'Europe/Paris')?.toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-11-01', 'America/New_York')?.toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    expect(startOfLocalDay('2026-11-02', 'America/New_York')?.toISOString()).toBe(
      '2026-11-02T05:00:00.000Z',
    );
    expect(startOfLocalDay('2026-02-30', 'UTC')).toBeNull();
    expect(startOfLocalDay('yesterday', 'UTC')).toBeNull();
  });

  it('puts an instant on the calendar day of the zone', () => {
    expect(localDay('2026-03-28T23:30:00.000Z', 'Europe/Paris')).toBe('2026-03-29');
    expect(localDay('2026-03-28T23:30:00.000Z', 'UTC')).toBe('2026-03-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});
