import * as z from 'zod';
import { HandoffServerError } from '../internal/errors';
import type { AdapterChoice } from './adapter-choice';
import { checkHealthcareEnv } from './healthcare-config';

const Int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const Flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');
const List = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
const Optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Every environment variable `baton-server` reads (documented in docs/handoff-server.md). */
export const ServerEnv = z.object({
  BATON_PORT: Int(8080),
  BATON_HOST: z.string().default('0.0.0.0'),
  BATON_DATA_DIR: z.string().default('./data'),
  BATON_DATABASE_URL: Optional,
  BATON_REDIS_URL: Optional,
  BATON_ENCRYPTION_KEYS: Optional,
  BATON_ENCRYPTION_ACTIVE_KEY: Optional,
  BATON_PATIENT_JWT_SECRET: Optional,
  BATON_PATIENT_JWKS_URL: Optional,
  BATON_PATIENT_JWT_ISSUER: z.string().default('baton-portal'),
  BATON_PATIENT_JWT_AUDIENCE: z.string().default('baton-handoff'),
  BATON_AGENT_JWT_SECRET: Optional,
  BATON_AGENT_JWKS_URL: Optional,
  BATON_AGENT_JWT_ISSUER: z.string().default('baton'),
  BATON_AGENT_JWT_AUDIENCE: z.string().default('baton-agent-console'),
  BATON_ALLOWED_ORIGINS: List,
  BATON_DEV_SIGNIN: Flag,
  BATON_DEV_USERS_FILE: Optional,
  BATON_QUEUE_TIMEOUT_SECONDS: Int(600, 1),
  BATON_UNSTAFFED_FALLBACK_SECONDS: Int(5, 0),
  BATON_BUSINESS_HOURS: Optional,
  BATON_BUSINESS_HOURS_FILE: Optional,
  BATON_PATIENT_IDLE_SECONDS: Int(1800, 1),
  BATON_AGENT_CAPACITY: Int(3, 1),
  BATON_AGENT_GRACE_SECONDS: Int(60, 1),
  BATON_STAFF_IDLE_LOGOFF_SECONDS: Int(900, 60),
  BATON_DEFAULT_QUEUE: z.string().min(1).max(64).default('general'),
  BATON_ROUTING: Optional,
  BATON_ROUTING_FILE: Optional,
  BATON_RATE_LIMIT_BURST: Int(30, 1),
  BATON_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(10),
  BATON_MAX_FRAME_BYTES: Int(1024 * 1024, 1024),
  BATON_MAX_CONNECTIONS_PER_SUBJECT: Int(5, 1),
  BATON_MAX_UNSENT_PACKETS: Int(1000, 10),
  BATON_DIRECTLINE_ENDPOINT: Optional,
  BATON_DIRECTLINE_SECRET: Optional,
  BATON_ADAPTER: z.enum(['desk', 'webhook', 'botframework-hub']).default('desk'),
  BATON_WEBHOOK_URL: Optional,
  BATON_WEBHOOK_SIGNING_SECRET: Optional,
  BATON_WEBHOOK_INBOUND_TOKENS: List,
  BATON_WEBHOOK_INBOUND_SECRETS: List,
  BATON_HUB_BOT_ENDPOINT: Optional,
  BATON_HUB_SERVICE_URL: Optional,
  BATON_HUB_ALLOW_ANONYMOUS_BOT: Flag,
  BATON_HUB_APP_ID: Optional,
  BATON_HUB_BOT_APP_IDS: List,
  BATON_HUB_TENANT_ID: Optional,
  BATON_HUB_CHANNEL_SERVICE: z.enum(['', 'https://botframework.azure.us']).default(''),
  BATON_HUB_OPENID_METADATA_URL: Optional.pipe(z.optional(z.url({ protocol: /^https?$/ }))),
  BATON_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  BATON_SHUTDOWN_TIMEOUT_SECONDS: Int(25, 1),
  BATON_FALLBACKS: z
    .string()
    .default('leave-message,callback')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(['leave-message', 'callback', 'appointment'])).max(3)),
  BATON_SURVEY_ON_END: Flag,
  BATON_SURVEY_FILE: Optional,
  BATON_REMINDER_LEAD_MINUTES: Int(24 * 60, 0),
  BATON_CONSOLE_DIR: Optional,
  BATON_TIMER_POLL_MS: Int(1000, 50),
  BATON_TIMER_LEASE_SECONDS: Int(30, 1),
  BATON_READYZ_TIMEOUT_MS: Int(2000, 50),
  BATON_DATABASE_CONNECT_TIMEOUT_MS: Int(5000, 100),
  BATON_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  BATON_METRICS_HOST: z.string().default('127.0.0.1'),
  BATON_METRICS_TOKEN: Optional.refine((v) => v === undefined || v.length >= 16, {
    message: 'at least 16 characters',
  }),
  BATON_SIGNIN_MAX_FAILURES: Int(5, 1),
  BATON_SIGNIN_WINDOW_SECONDS: Int(900, 1),
  BATON_DATABASE_POOL_SIZE: Int(10, 1),
  BATON_CONTENT_FILE: Optional,
  BATON_APPOINTMENT_OFFERS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  BATON_SLOT_WINDOW_DAYS: Int(14, 1),
  BATON_DISPOSITIONS: Optional,
  BATON_BOT_SESSION_IDLE_SECONDS: Int(1800, 1),
  BATON_PATIENT_CONTEXT: z.enum(['token', 'fhir']).default('token'),
  BATON_SCHEDULING: z.enum(['built-in', 'fhir']).default('built-in'),
  BATON_SLOTS_FILE: Optional,
  BATON_FHIR_BASE_URL: Optional.pipe(z.optional(z.url({ protocol: /^https?$/ }))),
  BATON_FHIR_AUTH: z.enum(['none', 'bearer', 'smart']).default('none'),
  BATON_FHIR_BEARER_TOKEN: Optional,
  BATON_FHIR_TOKEN_URL: Optional.pipe(z.optional(z.url({ protocol: /^https?$/ }))),
  BATON_FHIR_CLIENT_ID: Optional,
  BATON_FHIR_PRIVATE_KEY_FILE: Optional,
  BATON_FHIR_KEY_ID: Optional,
  BATON_FHIR_SCOPE: z
    .string()
    .default(
      'system/Patient.read system/Encounter.read system/Appointment.read system/Appointment.write system/Slot.read system/Slot.write system/Schedule.read',
    ),
  BATON_FHIR_PATIENT_LOOKUP: z.enum(['id', 'identifier']).default('id'),
  BATON_FHIR_PATIENT_IDENTIFIER_SYSTEM: Optional,
  BATON_FHIR_FIELDS_FILE: Optional,
  BATON_FHIR_SUMMARY: List,
  BATON_FHIR_SCHEDULES: List,
  BATON_FHIR_MATCH_SERVICE: Flag,
  BATON_PUBLIC_URL: Optional.pipe(z.optional(z.url({ protocol: /^https?$/ }))),
  BATON_APPOINTMENT_LINK_SECRET: Optional.refine((v) => v === undefined || v.length >= 32, {
    message: 'at least 32 characters',
  }),
  BATON_APPOINTMENT_LINK_MAX_AGE_DAYS: Int(30, 1),
  BATON_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  BATON_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(
      (v) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: v });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'an IANA time zone' },
    ),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

/** Reads and checks the environment; the error names variables, never their values. */
export function readServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const parsed = ServerEnv.safeParse(env);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw new HandoffServerError('invalid_config', `invalid environment variables: ${names}`, {
      cause: parsed.error,
    });
  }
  const config = parsed.data;
  if (!config.BATON_PATIENT_JWT_SECRET && !config.BATON_PATIENT_JWKS_URL) {
    throw new HandoffServerError(
      'invalid_config',
      'set BATON_PATIENT_JWT_SECRET or BATON_PATIENT_JWKS_URL',
    );
  }
  if (!config.BATON_AGENT_JWT_SECRET && !config.BATON_AGENT_JWKS_URL) {
    throw new HandoffServerError(
      'invalid_config',
      'set BATON_AGENT_JWT_SECRET or BATON_AGENT_JWKS_URL',
    );
  }
  if (config.BATON_DEV_SIGNIN && (!config.BATON_AGENT_JWT_SECRET || !config.BATON_DEV_USERS_FILE)) {
    throw new HandoffServerError(
      'invalid_config',
      'BATON_DEV_SIGNIN needs BATON_AGENT_JWT_SECRET and BATON_DEV_USERS_FILE',
    );
  }
  if (Boolean(config.BATON_DIRECTLINE_ENDPOINT) !== Boolean(config.BATON_DIRECTLINE_SECRET)) {
    throw new HandoffServerError(
      'invalid_config',
      'set both BATON_DIRECTLINE_ENDPOINT and BATON_DIRECTLINE_SECRET, or neither',
    );
  }
  checkAdapterEnv(config);
  checkHealthcareEnv(config);
  return config;
}

function checkAdapterEnv(config: ServerEnv): void {
  const missing = (names: string) =>
    new HandoffServerError(
      'invalid_config',
      `BATON_ADAPTER=${config.BATON_ADAPTER} needs ${names}`,
    );
  switch (config.BATON_ADAPTER) {
    case 'desk':
      return;
    case 'webhook':
      if (!config.BATON_WEBHOOK_URL || !config.BATON_WEBHOOK_SIGNING_SECRET)
        throw missing('BATON_WEBHOOK_URL and BATON_WEBHOOK_SIGNING_SECRET');
      if (
        config.BATON_WEBHOOK_INBOUND_TOKENS.length === 0 &&
        config.BATON_WEBHOOK_INBOUND_SECRETS.length === 0
      )
        throw missing('BATON_WEBHOOK_INBOUND_TOKENS or BATON_WEBHOOK_INBOUND_SECRETS');
      return;
    case 'botframework-hub':
      if (!config.BATON_HUB_BOT_ENDPOINT || !config.BATON_HUB_SERVICE_URL)
        throw missing('BATON_HUB_BOT_ENDPOINT and BATON_HUB_SERVICE_URL');
      if (Boolean(config.BATON_HUB_APP_ID) !== config.BATON_HUB_BOT_APP_IDS.length > 0)
        throw missing('both BATON_HUB_APP_ID and BATON_HUB_BOT_APP_IDS (bot token checks)');
      if (config.BATON_HUB_APP_ID && config.BATON_HUB_ALLOW_ANONYMOUS_BOT)
        throw new HandoffServerError(
          'invalid_config',
          'set BATON_HUB_APP_ID (bot token checks) or BATON_HUB_ALLOW_ANONYMOUS_BOT, not both',
        );
      if (!config.BATON_HUB_APP_ID && !config.BATON_HUB_ALLOW_ANONYMOUS_BOT)
        throw missing(
          'BATON_HUB_APP_ID and BATON_HUB_BOT_APP_IDS, or BATON_HUB_ALLOW_ANONYMOUS_BOT=true',
        );
      return;
    default: {
      const never: never = config.BATON_ADAPTER;
      throw missing(String(never));
    }
  }
}

/** The adapter `BATON_ADAPTER` names, with its settings (checked by `readServerEnv`). */
export function adapterFromEnv(config: ServerEnv): AdapterChoice {
  switch (config.BATON_ADAPTER) {
    case 'desk':
      return { kind: 'desk' };
    case 'webhook':
      return {
        kind: 'webhook',
        webhook: {
          url: config.BATON_WEBHOOK_URL!,
          signingSecret: config.BATON_WEBHOOK_SIGNING_SECRET!,
        },
        inbound: {
          auth: {
            bearerTokens: config.BATON_WEBHOOK_INBOUND_TOKENS,
            signingSecrets: config.BATON_WEBHOOK_INBOUND_SECRETS,
          },
        },
      };
    case 'botframework-hub':
      return {
        kind: 'botframework-hub',
        hub: {
          botEndpoint: config.BATON_HUB_BOT_ENDPOINT!,
          serviceUrl: config.BATON_HUB_SERVICE_URL!,
          ...(config.BATON_HUB_APP_ID
            ? {
                botAuthentication: {
                  appId: config.BATON_HUB_APP_ID,
                  botAppIds: config.BATON_HUB_BOT_APP_IDS,
                  channelService: config.BATON_HUB_CHANNEL_SERVICE,
                  ...(config.BATON_HUB_TENANT_ID && { tenantId: config.BATON_HUB_TENANT_ID }),
                  ...(config.BATON_HUB_OPENID_METADATA_URL && {
                    openIdMetadataUrl: config.BATON_HUB_OPENID_METADATA_URL,
                  }),
                },
              }
            : { allowAnonymousBot: true }),
        },
      };
    default: {
      const never: never = config.BATON_ADAPTER;
      throw new HandoffServerError('invalid_config', `unknown adapter ${String(never)}`);
    }
  }
}

/** `k1=<base64>,k2=<base64>`; the active key is BATON_ENCRYPTION_ACTIVE_KEY or the last one. */
export function parseKeyRing(keys: string, active: string | undefined) {
  const entries = keys
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0)
        throw new HandoffServerError(
          'invalid_config',
          'BATON_ENCRYPTION_KEYS must be id=base64 pairs',
        );
      return [part.slice(0, eq), part.slice(eq + 1)] as const;
    });
  if (entries.length === 0)
    throw new HandoffServerError('invalid_config', 'BATON_ENCRYPTION_KEYS is empty');
  const activeKeyId = active ?? entries[entries.length - 1]![0];
  return { activeKeyId, keys: Object.fromEntries(entries) };
}
