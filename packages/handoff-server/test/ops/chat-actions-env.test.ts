import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS } from '../../src/chat-actions/config';
import { chatActionsFromEnv } from '../../src/chat-actions/env';
import { HandoffServerError } from '../../src/internal/errors';
import { readServerEnv } from '../../src/ops/config';

const base = {
  BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
  BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
};
const fromEnv = (env: Record<string, string>) =>
  chatActionsFromEnv(readServerEnv({ ...base, ...env }));

describe('chat actions from the environment', () => {
  it('defaults: slots offered for 14 days, the default dispositions', () => {
    expect(fromEnv({})).toEqual({
      appointments: true,
      slotWindowMs: 14 * 24 * 3_600_000,
      dispositions: DEFAULT_DISPOSITIONS,
    });
  });

  it('reads the slot window and dispositions', () => {
    expect(
      fromEnv({
        BATON_APPOINTMENT_OFFERS: 'false',
        BATON_SLOT_WINDOW_DAYS: '3',
        BATON_DISPOSITIONS: 'resolved:Resolved, booked:Appointment booked,other',
      }),
    ).toEqual({
      appointments: false,
      slotWindowMs: 3 * 24 * 3_600_000,
      dispositions: [
        { code: 'resolved', label: 'Resolved' },
        { code: 'booked', label: 'Appointment booked' },
        { code: 'other', label: 'other' },
      ],
    });
  });

  it('refuses bad disposition codes', () => {
    for (const env of <Record<string, string>[]>[
      { BATON_DISPOSITIONS: 'Not A Code:Label' },
      { BATON_DISPOSITIONS: 'ok:Fine, example.org bad:Label' },
    ]) {
      const error = (() => {
        try {
          fromEnv(env);
        } catch (e) {
          return e;
        }
      })();
      expect(HandoffServerError.is(error, 'invalid_config')).toBe(true);
      // The message names the variable, never its value.
      expect(String((error as Error).message)).not.toContain('example.org');
    }
  });
});
