import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { loadBusinessHours } from '../../src/ops/business-hours-config';
import { readServerEnv } from '../../src/ops/config';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cardiology = {
  cardiology: {
    timeZone: 'Europe/Paris',
    weekly: { mon: [['08:00', '18:00']] },
    closedDates: ['2026-12-25'],
    outOfHoursMessage: 'We answer Monday, 8:00 to 18:00.',
  },
};

describe('business hours from the environment', () => {
  it('reads inline JSON, or a file (which wins)', async () => {
    expect(await loadBusinessHours(undefined, undefined)).toEqual({});
    expect(await loadBusinessHours(JSON.stringify(cardiology), undefined)).toEqual(cardiology);
    const dir = mkdtempSync(join(tmpdir(), 'baton-hours-'));
    dirs.push(dir);
    const file = join(dir, 'hours.json');
    writeFileSync(file, JSON.stringify({ billing: { timeZone: 'UTC', weekly: {} } }));
    expect(Object.keys(await loadBusinessHours(JSON.stringify(cardiology), file))).toEqual([
      'billing',
    ]);
  });

  it('puts hours without a zone of their own in the organisation zone (BATON_TIME_ZONE)', async () => {
    const { timeZone: _zone, ...zoneless } = cardiology.cardiology;
    const inline = JSON.stringify({ cardiology: zoneless });
    expect(
      (await loadBusinessHours(inline, undefined, 'America/Chicago')).cardiology?.timeZone,
    ).toBe('America/Chicago');
    expect((await loadBusinessHours(inline, undefined)).cardiology?.timeZone).toBe('UTC');
    // A zone of their own wins.
    expect(
      (await loadBusinessHours(JSON.stringify(cardiology), undefined, 'America/Chicago')).cardiology
        ?.timeZone,
    ).toBe('Europe/Paris');
  });

  it('stops the start with an error naming the variable and the queue', async () => {
    const bad = async (inline: string) => {
      try {
        await loadBusinessHours(inline, undefined);
      } catch (error) {
        expect(HandoffServerError.is(error, 'invalid_config')).toBe(true);
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(await bad('{')).toBe('BATON_BUSINESS_HOURS is not JSON');
    expect(await bad('{"q":{"timeZone":"UTC","weekly":{"monday":[]}}}')).toBe(
      'BATON_BUSINESS_HOURS is not valid business hours',
    );
    expect(await bad('{"q":{"timeZone":"Nowhere/Land","weekly":{}}}')).toBe(
      'BATON_BUSINESS_HOURS: queue "q": unknown time zone "Nowhere/Land"',
    );
    expect(await bad('{"q":{"timeZone":"UTC","weekly":{"mon":[["18:00","08:00"]]}}}')).toBe(
      'BATON_BUSINESS_HOURS: queue "q": mon: "18:00-08:00" ends before it starts',
    );
  });

  it('reads the unstaffed delay (default 5 s) and the business-hours variables', () => {
    const base = {
      BATON_PATIENT_JWT_SECRET: 'x'.repeat(32),
      BATON_AGENT_JWT_SECRET: 'y'.repeat(32),
    };
    expect(readServerEnv(base).BATON_UNSTAFFED_FALLBACK_SECONDS).toBe(5);
    const config = readServerEnv({
      ...base,
      BATON_UNSTAFFED_FALLBACK_SECONDS: '3',
      BATON_BUSINESS_HOURS_FILE: '/etc/baton/hours.json',
    });
    expect(config.BATON_UNSTAFFED_FALLBACK_SECONDS).toBe(3);
    expect(config.BATON_BUSINESS_HOURS_FILE).toBe('/etc/baton/hours.json');
    expect(() => readServerEnv({ ...base, BATON_UNSTAFFED_FALLBACK_SECONDS: '-1' })).toThrow(
      /BATON_UNSTAFFED_FALLBACK_SECONDS/,
    );
  });
});
