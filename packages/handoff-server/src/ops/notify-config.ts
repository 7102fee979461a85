import * as z from 'zod';
import type { CallProvider } from '../calls/provider';
import { teamsCallProvider } from '../calls/teams-graph';
import { urlTemplateCallProvider } from '../calls/url-template';
import { HandoffServerError } from '../internal/errors';
import type { Notifier } from '../notify/notifier';
import type { NotificationOptions } from '../notify/setup';
import { smtpNotifier } from '../notify/smtp';
import { webhookNotifier } from '../notify/webhook';

const Optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const Int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** Reminder channels and the call provider (documented in docs/handoff-server.md). */
export const NotifyEnv = z.object({
  BATON_SMTP_URL: Optional,
  BATON_SMTP_HOST: Optional,
  BATON_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  BATON_SMTP_USER: Optional,
  BATON_SMTP_PASSWORD: Optional,
  BATON_SMTP_SECURE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  BATON_SMTP_FROM: Optional,
  BATON_REMINDER_WEBHOOK_URL: Optional,
  BATON_REMINDER_WEBHOOK_SECRET: Optional,
  BATON_REMINDER_ORGANIZATION: Optional,
  BATON_REMINDER_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'unknown time zone' },
    ),
  BATON_REMINDER_MAX_ATTEMPTS: Int(6, 1),
  BATON_REMINDER_RETRY_BASE_SECONDS: Int(60, 1),
  BATON_REMINDER_RETRY_MAX_SECONDS: Int(3600, 1),
  BATON_OUTBOX_POLL_MS: Int(5000, 50),
  BATON_CALL_PROVIDER: z.enum(['none', 'url-template', 'teams']).default('none'),
  BATON_CALL_URL_TEMPLATE: Optional,
  BATON_CALL_AGENT_URL_TEMPLATE: Optional,
  BATON_CALL_TTL_MINUTES: Int(30, 1),
  BATON_TEAMS_TENANT_ID: Optional,
  BATON_TEAMS_CLIENT_ID: Optional,
  BATON_TEAMS_CLIENT_SECRET: Optional,
  BATON_TEAMS_ORGANIZER_ID: Optional,
  BATON_TEAMS_GRAPH_URL: Optional,
  BATON_TEAMS_LOGIN_URL: Optional,
});
export type NotifyEnv = z.infer<typeof NotifyEnv>;

const invalid = (message: string) => new HandoffServerError('invalid_config', message);

/** Checks the reminder and call settings; errors name variables, never values. */
export function readNotifyEnv(env: Record<string, string | undefined>): NotifyEnv {
  const parsed = NotifyEnv.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw new HandoffServerError('invalid_config', `invalid environment variables: ${names}`, {
      cause: parsed.error,
    });
  }
  const c = parsed.data;
  const smtp = Boolean(c.BATON_SMTP_URL || c.BATON_SMTP_HOST);
  if (c.BATON_SMTP_URL && c.BATON_SMTP_HOST)
    throw invalid('set BATON_SMTP_URL or BATON_SMTP_HOST, not both');
  if (smtp && !c.BATON_SMTP_FROM) throw invalid('SMTP reminders need BATON_SMTP_FROM');
  if (Boolean(c.BATON_REMINDER_WEBHOOK_URL) !== Boolean(c.BATON_REMINDER_WEBHOOK_SECRET))
    throw invalid('set both BATON_REMINDER_WEBHOOK_URL and BATON_REMINDER_WEBHOOK_SECRET');
  if (c.BATON_CALL_PROVIDER === 'url-template' && !c.BATON_CALL_URL_TEMPLATE)
    throw invalid('BATON_CALL_PROVIDER=url-template needs BATON_CALL_URL_TEMPLATE');
  if (
    c.BATON_CALL_PROVIDER === 'teams' &&
    !(
      c.BATON_TEAMS_TENANT_ID &&
      c.BATON_TEAMS_CLIENT_ID &&
      c.BATON_TEAMS_CLIENT_SECRET &&
      c.BATON_TEAMS_ORGANIZER_ID
    )
  )
    throw invalid(
      'BATON_CALL_PROVIDER=teams needs BATON_TEAMS_TENANT_ID, BATON_TEAMS_CLIENT_ID, BATON_TEAMS_CLIENT_SECRET and BATON_TEAMS_ORGANIZER_ID',
    );
  return c;
}

/** The reminder channels configured, or undefined when none is (reminders stay events). */
export function notificationsFromEnv(c: NotifyEnv): NotificationOptions | undefined {
  const notifiers: Notifier[] = [];
  if (c.BATON_SMTP_URL || c.BATON_SMTP_HOST) {
    notifiers.push(
      smtpNotifier({
        from: c.BATON_SMTP_FROM!,
        ...(c.BATON_SMTP_URL
          ? { url: c.BATON_SMTP_URL }
          : {
              transport: {
                host: c.BATON_SMTP_HOST!,
                port: c.BATON_SMTP_PORT ?? (c.BATON_SMTP_SECURE ? 465 : 587),
                secure: c.BATON_SMTP_SECURE,
                ...(c.BATON_SMTP_USER
                  ? { auth: { user: c.BATON_SMTP_USER, pass: c.BATON_SMTP_PASSWORD ?? '' } }
                  : {}),
              },
            }),
      }),
    );
  }
  if (c.BATON_REMINDER_WEBHOOK_URL && c.BATON_REMINDER_WEBHOOK_SECRET) {
    notifiers.push(
      webhookNotifier({
        url: c.BATON_REMINDER_WEBHOOK_URL,
        signingSecret: c.BATON_REMINDER_WEBHOOK_SECRET,
      }),
    );
  }
  if (notifiers.length === 0) return undefined;
  return {
    notifiers,
    defaultTimeZone: c.BATON_REMINDER_TIME_ZONE,
    ...(c.BATON_REMINDER_ORGANIZATION ? { organization: c.BATON_REMINDER_ORGANIZATION } : {}),
    pollMs: c.BATON_OUTBOX_POLL_MS,
    retry: {
      maxAttempts: c.BATON_REMINDER_MAX_ATTEMPTS,
      baseDelayMs: c.BATON_REMINDER_RETRY_BASE_SECONDS * 1000,
      maxDelayMs: c.BATON_REMINDER_RETRY_MAX_SECONDS * 1000,
    },
  };
}

/** The call provider `BATON_CALL_PROVIDER` names, or null. */
export function callProviderFromEnv(c: NotifyEnv): CallProvider | null {
  switch (c.BATON_CALL_PROVIDER) {
    case 'none':
      return null;
    case 'url-template':
      return urlTemplateCallProvider({
        patientTemplate: c.BATON_CALL_URL_TEMPLATE!,
        ...(c.BATON_CALL_AGENT_URL_TEMPLATE
          ? { agentTemplate: c.BATON_CALL_AGENT_URL_TEMPLATE }
          : {}),
      });
    case 'teams':
      return teamsCallProvider({
        tenantId: c.BATON_TEAMS_TENANT_ID!,
        clientId: c.BATON_TEAMS_CLIENT_ID!,
        clientSecret: c.BATON_TEAMS_CLIENT_SECRET!,
        organizerUserId: c.BATON_TEAMS_ORGANIZER_ID!,
        ...(c.BATON_TEAMS_GRAPH_URL ? { graphUrl: c.BATON_TEAMS_GRAPH_URL } : {}),
        ...(c.BATON_TEAMS_LOGIN_URL ? { loginUrl: c.BATON_TEAMS_LOGIN_URL } : {}),
      });
    default: {
      const never: never = c.BATON_CALL_PROVIDER;
      throw invalid(`unknown call provider ${String(never)}`);
    }
  }
}
