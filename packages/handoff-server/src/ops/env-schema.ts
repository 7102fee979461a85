import * as z from 'zod';

/** Every `BATON_*` setting `baton-server` reads, with its default (docs/handoff-server.md). */
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
  BATON_HUB_ATTACHMENT_HOSTS: List,
  BATON_HUB_ATTACHMENT_PRIVATE: Flag,
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
  /** JSON log lines go to this file (appended, created with its folder) instead of stdout. */
  BATON_LOG_FILE: Optional,
  BATON_ATTACHMENTS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  BATON_ATTACHMENT_MAX_BYTES: Int(5 * 1024 * 1024, 1).refine((v) => v <= 25 * 1024 * 1024, {
    message: 'at most 26214400 (25 MiB)',
  }),
  BATON_ATTACHMENT_TYPES: List.refine(
    (types) =>
      types.every((t) =>
        ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'].includes(t),
      ),
    { message: 'image/png, image/jpeg, image/gif, image/webp, application/pdf' },
  ),
  BATON_SETTINGS_CACHE_SECONDS: Int(60, 0),
  /** Signs the file links the webhook and hub adapters forward (at least 32 characters). */
  BATON_ATTACHMENT_LINK_SECRET: Optional.refine((v) => v === undefined || v.length >= 32, {
    message: 'at least 32 characters',
  }),
  BATON_ATTACHMENT_LINK_TTL_SECONDS: Int(900, 30),
  /** Largest webhook attachment body; default from BATON_ATTACHMENT_MAX_BYTES (base64 + JSON). */
  BATON_WEBHOOK_ATTACHMENT_BODY_BYTES: Optional.refine(
    (v) => v === undefined || /^\d{1,10}$/.test(v),
    {
      message: 'a number of bytes',
    },
  ),
  /** A console cut for a reassignment has this long to come back before she shows offline. */
  BATON_AGENT_RETURN_SECONDS: Int(15, 1),
});
export type ServerEnv = z.infer<typeof ServerEnv>;
