import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalIso, nowIso } from '../../src/storage/shared';

describe('store timestamps', () => {
  afterEach(() => vi.useRealTimers());

  it('nowIso follows the clock, millisecond by millisecond', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-06T10:00:00.000Z') });
    expect(nowIso()).toBe('2026-12-06T10:00:00.000Z');
    expect(nowIso()).toBe('2026-12-06T10:00:00.000Z');
    vi.advanceTimersByTime(1);
    expect(nowIso()).toBe('2026-12-06T10:00:00.001Z');
    vi.setSystemTime(Date.parse('2027-01-01T00:00:00.000Z'));
    expect(nowIso()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('canonicalIso keeps the canonical form and rewrites any other date', () => {
    expect(canonicalIso('2026-12-06T10:00:00.000Z')).toBe('2026-12-06T10:00:00.000Z');
    expect(canonicalIso('2026-12-06T11:00:00+01:00')).toBe('2026-12-06T10:00:00.000Z');
    expect(canonicalIso('not a date', Date.parse('2026-01-02T03:04:05.006Z'))).toBe(
      '2026-01-02T03:04:05.006Z',
    );
    expect(() => canonicalIso('not a date')).toThrow(RangeError);
  });
});
