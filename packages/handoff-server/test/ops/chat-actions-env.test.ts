import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS } from '../../src/desk/chat-actions/config';
import { chatActionsFromEnv } from '../../src/desk/chat-actions/env';
import { HandoffServerError } from '../../src/internal/errors';
import { readServerEnv } from '../../src/ops/config';

const base = {
  BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
  BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
};
const fromEnv = (env: Record<string, string>) =>
  chatActionsFromEnv(readServerEnv({ ...base, ...env }));

describe('chat actions from the environment', () => {
  it('defaults: slots offered for 14 days, no call, the default dispositions', () => {
    expect(fromEnv({})).toEqual({
      callProvider: 'webrtc',
      callTtlMs: 120 * 60_000,
      appointments: true,
      slotWindowMs: 14 * 24 * 3_600_000,
      dispositions: DEFAULT_DISPOSITIONS,
    });
  });

  it('reads the call template, provider, slot window and dispositions', () => {
    expect(
      fromEnv({
        BATON_CALL_URL_TEMPLATE: 'https://meet.jit.si/baton-{conversationId}',
        BATON_CALL_PROVIDER: 'teams',
        BATON_CALL_TTL_MINUTES: '30',
        BATON_APPOINTMENT_OFFERS: 'false',
        BATON_SLOT_WINDOW_DAYS: '3',
        BATON_DISPOSITIONS: 'resolved:Resolved, booked:Appointment booked,other',
      }),
    ).toEqual({
      callUrlTemplate: 'https://meet.jit.si/baton-{conversationId}',
      callProvider: 'teams',
      callTtlMs: 30 * 60_000,
      appointments: false,
      slotWindowMs: 3 * 24 * 3_600_000,
      dispositions: [
        { code: 'resolved', label: 'Resolved' },
        { code: 'booked', label: 'Appointment booked' },
        { code: 'other', label: 'other' },
      ],
    });
  });

  it('refuses a call link that is not https or lacks {conversationId}, and bad codes', () => {
    for (const env of <Record<string, string>[]>[
      { BATON_CALL_URL_TEMPLATE: 'http://meet.example.org/{conversationId}' },
      { BATON_CALL_URL_TEMPLATE: 'https://meet.example.org/room' },
      { BATON_DISPOSITIONS: 'Not A Code:Label' },
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
