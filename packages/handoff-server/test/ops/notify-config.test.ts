import { describe, expect, it } from 'vitest';
import {
  callProviderFromEnv,
  notificationsFromEnv,
  readNotifyEnv,
} from '../../src/ops/notify-config';

describe('reminder and call settings from the environment', () => {
  it('nothing set: no notifiers, no call provider', () => {
    const env = readNotifyEnv({});
    expect(notificationsFromEnv(env)).toBeUndefined();
    expect(callProviderFromEnv(env)).toBeNull();
  });

  it('SMTP and the reminder webhook, with the retry policy', () => {
    const env = readNotifyEnv({
      BATON_SMTP_URL: 'smtp://user:pass@mail.example:2525',
      BATON_SMTP_FROM: 'no-reply@clinic.example',
      BATON_REMINDER_WEBHOOK_URL: 'https://hooks.example/reminders',
      BATON_REMINDER_WEBHOOK_SECRET: 'hook-secret',
      BATON_REMINDER_TIME_ZONE: 'Europe/Paris',
      BATON_REMINDER_MAX_ATTEMPTS: '4',
      BATON_REMINDER_RETRY_BASE_SECONDS: '30',
    });
    const options = notificationsFromEnv(env)!;
    expect(options.notifiers.map((n) => n.channel)).toEqual(['email', 'webhook']);
    expect(options.defaultTimeZone).toBe('Europe/Paris');
    expect(options.retry).toEqual({ maxAttempts: 4, baseDelayMs: 30_000, maxDelayMs: 3_600_000 });
  });

  it('refuses incomplete or wrong settings, naming variables, never values', () => {
    const refused = (env: Record<string, string>) => {
      try {
        readNotifyEnv(env);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refused({ BATON_SMTP_HOST: 'mail.example' })).toMatch(/BATON_SMTP_FROM/);
    expect(refused({ BATON_REMINDER_WEBHOOK_URL: 'https://x.example' })).toMatch(
      /BATON_REMINDER_WEBHOOK_SECRET/,
    );
    expect(refused({ BATON_REMINDER_TIME_ZONE: 'Mars/Olympus' })).toMatch(
      /BATON_REMINDER_TIME_ZONE/,
    );
    expect(refused({ BATON_CALL_PROVIDER: 'teams', BATON_TEAMS_CLIENT_SECRET: 's3cr3t' })).toMatch(
      /BATON_TEAMS_TENANT_ID/,
    );
    expect(
      refused({ BATON_CALL_PROVIDER: 'teams', BATON_TEAMS_CLIENT_SECRET: 's3cr3t' }),
    ).not.toMatch(/s3cr3t/);
    expect(() =>
      callProviderFromEnv(
        readNotifyEnv({
          BATON_CALL_PROVIDER: 'url-template',
          BATON_CALL_URL_TEMPLATE: 'http://insecure.example/{random}',
        }),
      ),
    ).toThrow(/https only/);
  });

  it('a URL template or Teams provider', () => {
    const jitsi = callProviderFromEnv(
      readNotifyEnv({
        BATON_CALL_PROVIDER: 'url-template',
        BATON_CALL_URL_TEMPLATE: 'https://meet.jit.si/c-{random}',
      }),
    );
    expect(jitsi?.name).toBe('url-template');
    const teams = callProviderFromEnv(
      readNotifyEnv({
        BATON_CALL_PROVIDER: 'teams',
        BATON_TEAMS_TENANT_ID: 't',
        BATON_TEAMS_CLIENT_ID: 'c',
        BATON_TEAMS_CLIENT_SECRET: 's',
        BATON_TEAMS_ORGANIZER_ID: 'o',
      }),
    );
    expect(teams?.name).toBe('teams');
  });
});
