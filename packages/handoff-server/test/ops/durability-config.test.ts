import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { readServerEnv } from '../../src/ops/config';

const base = { BATON_PATIENT_JWT_SECRET: 'x'.repeat(32), BATON_AGENT_JWT_SECRET: 'y'.repeat(32) };

describe('durability configuration', () => {
  it('reads deadline polling, claim lease, readiness bound and database connect timeout', () => {
    expect(readServerEnv(base)).toMatchObject({
      BATON_TIMER_POLL_MS: 1000,
      BATON_TIMER_LEASE_SECONDS: 30,
      BATON_READYZ_TIMEOUT_MS: 2000,
      BATON_DATABASE_CONNECT_TIMEOUT_MS: 5000,
      BATON_DATABASE_POOL_SIZE: 10,
    });
    expect(
      readServerEnv({
        ...base,
        BATON_TIMER_POLL_MS: '250',
        BATON_TIMER_LEASE_SECONDS: '10',
        BATON_READYZ_TIMEOUT_MS: '800',
        BATON_DATABASE_CONNECT_TIMEOUT_MS: '1500',
        BATON_DATABASE_POOL_SIZE: '40',
      }),
    ).toMatchObject({
      BATON_TIMER_POLL_MS: 250,
      BATON_TIMER_LEASE_SECONDS: 10,
      BATON_READYZ_TIMEOUT_MS: 800,
      BATON_DATABASE_CONNECT_TIMEOUT_MS: 1500,
      BATON_DATABASE_POOL_SIZE: 40,
    });
  });

  it('refuses a poll faster than 50 ms or a zero lease, naming the variable only', () => {
    for (const bad of [
      { BATON_TIMER_POLL_MS: '10' },
      { BATON_TIMER_LEASE_SECONDS: '0' },
      { BATON_DATABASE_POOL_SIZE: '0' },
    ]) {
      const error = (() => {
        try {
          readServerEnv({ ...base, ...bad });
        } catch (e) {
          return e;
        }
      })();
      expect(HandoffServerError.is(error, 'invalid_config')).toBe(true);
      expect((error as Error).message).toContain(Object.keys(bad)[0]);
    }
  });
});
