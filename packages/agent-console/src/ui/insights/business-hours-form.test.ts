import { describe, expect, it } from 'vitest';
import { draftOf, hoursOf } from './business-hours-form';

describe('business hours form', () => {
  it('shows a close at midnight (24:00) as 00:00 and saves it back as 24:00', () => {
    const hours = { timeZone: 'UTC', weekly: { mon: [['00:00', '24:00']] as [string, string][] } };
    const draft = draftOf(hours);
    expect(draft.days.mon).toEqual({ open: true, from: '00:00', to: '00:00' });
    expect(hoursOf(draft, hours).weekly.mon).toEqual([['00:00', '24:00']]);
    draft.days.tue = { open: true, from: '08:00', to: '18:00' };
    expect(hoursOf(draft, hours).weekly.tue).toEqual([['08:00', '18:00']]);
  });

  it('starts a queue without hours in the organisation zone', () => {
    expect(draftOf(undefined, 'Europe/Paris').timeZone).toBe('Europe/Paris');
    expect(draftOf(undefined).timeZone).toBe('UTC');
    expect(draftOf({ timeZone: 'Asia/Tokyo', weekly: {} }, 'Europe/Paris').timeZone).toBe(
      'Asia/Tokyo',
    );
  });
});
