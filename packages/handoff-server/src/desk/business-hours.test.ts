import { describe, expect, it } from 'vitest';
import { type BusinessHours, businessHoursProblems, isOpenAt } from './business-hours';

const paris: BusinessHours = {
  timeZone: 'Europe/Paris',
  weekly: {
    mon: [
      ['08:00', '12:00'],
      ['13:30', '18:00'],
    ],
    tue: [['08:00', '18:00']],
    sat: [['09:00', '24:00']],
  },
  closedDates: ['2026-12-25'],
};

const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('opens by local wall-clock time of the queue’s time zone', () => {
    // Monday 2026-11-30: Paris is UTC+1.
    expect(isOpenAt(paris, at('2026-11-30T06:59:00Z'))).toBe(false); // 07:59 local
    expect(isOpenAt(paris, at('2026-11-30T07:00:00Z'))).toBe(true); // 08:00
    expect(isOpenAt(paris, at('2026-11-30T11:15:00Z'))).toBe(false); // 12:15 lunch
    expect(isOpenAt(paris, at('2026-11-30T16:59:00Z'))).toBe(true); // 17:59
    expect(isOpenAt(paris, at('2026-11-30T17:00:00Z'))).toBe(false); // 18:00: end exclusive
    expect(isOpenAt(paris, at('2026-12-02T10:00:00Z'))).toBe(false); // Wednesday: no hours
  });

  it('uses the local weekday, not the UTC one', () => {
    // Saturday 23:30 in Paris is Saturday 22:30 UTC; Sunday 00:30 Paris is Saturday 23:30 UTC.
    expect(isOpenAt(paris, at('2026-12-05T22:30:00Z'))).toBe(true);
    expect(isOpenAt(paris, at('2026-12-05T23:30:00Z'))).toBe(false);
    const tokyo: BusinessHours = { timeZone: 'Asia/Tokyo', weekly: { mon: [['08:00', '10:00']] } };
    // Monday 08:30 in Tokyo is Sunday 23:30 UTC.
    expect(isOpenAt(tokyo, at('2026-11-29T23:30:00Z'))).toBe(true);
    expect(isOpenAt(tokyo, at('2026-11-30T23:30:00Z'))).toBe(false); // Tuesday 08:30
  });

  it('follows daylight saving time', () => {
    const ny: BusinessHours = {
      timeZone: 'America/New_York',
      weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
    };
    // Monday 2026-03-02 (EST, UTC-5) and Monday 2026-03-09 (EDT, UTC-4, after 8 March).
    expect(isOpenAt(ny, at('2026-03-02T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(isOpenAt(ny, at('2026-03-02T14:00:00Z'))).toBe(true); // 09:00 EST
    expect(isOpenAt(ny, at('2026-03-09T13:30:00Z'))).toBe(true); // 09:30 EDT
    expect(isOpenAt(ny, at('2026-03-09T21:00:00Z'))).toBe(false); // 17:00 EDT
    // Europe: last Sunday of October 2026 is 25 October, back to UTC+1.
    expect(isOpenAt(paris, at('2026-10-26T06:30:00Z'))).toBe(false); // Monday 07:30 CET
    expect(isOpenAt(paris, at('2026-10-19T06:30:00Z'))).toBe(true); // Monday 08:30 CEST
  });

  it('stays closed on closed dates, by local date', () => {
    // Friday 25 December 2026 would have no hours anyway; use a Tuesday closed date.
    const closedTuesday = { ...paris, closedDates: ['2026-12-01'] };
    expect(isOpenAt(paris, at('2026-12-01T10:00:00Z'))).toBe(true);
    expect(isOpenAt(closedTuesday, at('2026-12-01T10:00:00Z'))).toBe(false);
    // 23:30 UTC on 30 November is 00:30 on 1 December in Paris: closed date applies.
    const lateMonday = {
      ...closedTuesday,
      weekly: { ...paris.weekly, tue: [['00:00', '24:00']] as const },
    };
    expect(isOpenAt(lateMonday, at('2026-11-30T23:30:00Z'))).toBe(false);
  });

  it('reports what is wrong with a definition', () => {
    expect(businessHoursProblems(paris)).toEqual([]);
    expect(
      businessHoursProblems({
        timeZone: 'Mars/Olympus',
        weekly: { mon: [['18:00', '08:00']], tue: [['8:00', '18:00']] },
        closedDates: ['25/12/2026'],
      }),
    ).toEqual([
      'unknown time zone "Mars/Olympus"',
      'mon: "18:00-08:00" ends before it starts',
      'tue: "8:00-18:00" is not HH:MM-HH:MM',
      'closed date "25/12/2026" is not YYYY-MM-DD',
    ]);
  });
});
