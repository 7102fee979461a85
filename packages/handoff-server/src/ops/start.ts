import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AttachmentContentType } from '@baton/handoff-protocol';
import { createClient } from 'redis';
import { createDevSignIn, loadDevUsers } from '../auth/dev-signin';
import {
  createPatientTokenVerifier,
  createStaffTokenVerifier,
  type TokenKeySource,
} from '../auth/tokens';
import { chatActionsFromEnv } from '../chat-actions/env';
import { importContent, loadContentFile } from '../content/content-file';
import { createDirectLineBotChannel } from '../engine/bot-channel';
import { errorCode } from '../engine/core';
import { DEFAULT_END_SURVEY, loadSurveyFile } from '../engine/followups/survey-config';
import { createHandoffServer, type HandoffServer } from '../server';
import type { ConversationStore } from '../storage/contract';
import { generateEncryptionKey, type KeyRingConfig } from '../storage/crypto';
import { PostgresConversationStore } from '../storage/postgres/store';
import { SqliteConversationStore } from '../storage/sqlite/store';
import { loadBusinessHours } from './business-hours-config';
import { adapterFromEnv, parseKeyRing, readServerEnv, type ServerEnv } from './config';
import { createConsoleAssets } from './console-assets';
import { healthcareFromEnv } from './healthcare-config';
import { createLogger, type Logger, logFile } from './logger';
import { callProviderFromEnv, notificationsFromEnv, readNotifyEnv } from './notify-config';
import { loadRouting } from './routing-config';

export interface RunningServer {
  server: HandoffServer;
  port: number;
  url: string;
  close(): Promise<void>;
}

function keySource(secret: string | undefined, jwksUrl: string | undefined): TokenKeySource {
  return secret ? { kind: 'secret', secret } : { kind: 'jwks-url', url: jwksUrl! };
}

/** The embedded default keeps a generated key beside the data; production sets BATON_ENCRYPTION_KEYS. */
function keyRing(config: ServerEnv, dataDir: string, logger: Logger): KeyRingConfig {
  if (config.BATON_ENCRYPTION_KEYS)
    return parseKeyRing(config.BATON_ENCRYPTION_KEYS, config.BATON_ENCRYPTION_ACTIVE_KEY);
  const file = join(dataDir, 'dev-encryption-key');
  if (!existsSync(file)) {
    writeFileSync(file, generateEncryptionKey(), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  logger.warn(
    { file },
    'BATON_ENCRYPTION_KEYS not set: using a development key stored beside the data',
  );
  return { activeKeyId: 'dev', keys: { dev: readFileSync(file, 'utf8').trim() } };
}

/** Builds everything from environment variables and listens: what `baton-server` runs. */
export async function startFromEnv(
  env: Record<string, string | undefined>,
): Promise<RunningServer> {
  const config = readServerEnv(env);
  const notifyConfig = readNotifyEnv(env);
  const notifications = notificationsFromEnv(notifyConfig);
  const logger = createLogger({
    level: config.BATON_LOG_LEVEL,
    ...(config.BATON_LOG_FILE ? { destination: logFile(config.BATON_LOG_FILE) } : {}),
  });
  const consoleDir = config.BATON_CONSOLE_DIR ? resolve(config.BATON_CONSOLE_DIR) : undefined;
  // Checked before anything opens: a console folder without its files stops the start.
  if (consoleDir) createConsoleAssets(consoleDir);
  const surveyOnEnd = config.BATON_SURVEY_ON_END
    ? config.BATON_SURVEY_FILE
      ? await loadSurveyFile(config.BATON_SURVEY_FILE)
      : DEFAULT_END_SURVEY
    : null;
  const businessHours = await loadBusinessHours(
    config.BATON_BUSINESS_HOURS,
    config.BATON_BUSINESS_HOURS_FILE,
    // A queue's hours without a zone are the organisation's (BATON_TIME_ZONE, else UTC).
    config.BATON_TIME_ZONE,
  );
  const routing = await loadRouting(
    config.BATON_ROUTING,
    config.BATON_ROUTING_FILE,
    config.BATON_DEFAULT_QUEUE,
  );
  // Read before anything opens: a bad content file stops the start.
  const contentSeed = config.BATON_CONTENT_FILE
    ? await loadContentFile(config.BATON_CONTENT_FILE)
    : null;
  const dataDir = resolve(config.BATON_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const ring = keyRing(config, dataDir, logger);
  const store: ConversationStore = config.BATON_DATABASE_URL
    ? await PostgresConversationStore.open({
        connectionString: config.BATON_DATABASE_URL,
        keyRing: ring,
        connectTimeoutMs: config.BATON_DATABASE_CONNECT_TIMEOUT_MS,
        poolSize: config.BATON_DATABASE_POOL_SIZE,
        onConnectionError: (error) =>
          logger.warn({ err: errorCode(error) }, 'database connection error'),
      })
    : new SqliteConversationStore({ filename: join(dataDir, 'baton.db'), keyRing: ring });
  if (contentSeed) {
    const imported = await importContent(store, contentSeed, logger);
    if (imported > 0) logger.info({ imported }, 'agent content imported');
  }
  let redis:
    | { pubClient: ReturnType<typeof createClient>; subClient: ReturnType<typeof createClient> }
    | undefined;
  if (config.BATON_REDIS_URL) {
    const pubClient = createClient({ url: config.BATON_REDIS_URL });
    const subClient = pubClient.duplicate();
    for (const client of [pubClient, subClient])
      client.on('error', () => logger.warn({}, 'redis connection error'));
    await Promise.all([pubClient.connect(), subClient.connect()]);
    redis = { pubClient, subClient };
  }
  const staffSigning = config.BATON_AGENT_JWT_SECRET;
  const devSignIn =
    config.BATON_DEV_SIGNIN && staffSigning && config.BATON_DEV_USERS_FILE
      ? createDevSignIn({
          enabled: true,
          users: await loadDevUsers(config.BATON_DEV_USERS_FILE),
          tokens: {
            signing: { kind: 'secret', secret: staffSigning },
            issuer: config.BATON_AGENT_JWT_ISSUER,
            audience: config.BATON_AGENT_JWT_AUDIENCE,
          },
        })
      : undefined;
  const healthcare = await healthcareFromEnv(config, store);
  const server = createHandoffServer({
    store,
    logger,
    auth: {
      verifyPatient: createPatientTokenVerifier({
        keys: keySource(config.BATON_PATIENT_JWT_SECRET, config.BATON_PATIENT_JWKS_URL),
        issuer: config.BATON_PATIENT_JWT_ISSUER,
        audience: config.BATON_PATIENT_JWT_AUDIENCE,
      }),
      verifyStaff: createStaffTokenVerifier({
        keys: keySource(config.BATON_AGENT_JWT_SECRET, config.BATON_AGENT_JWKS_URL),
        issuer: config.BATON_AGENT_JWT_ISSUER,
        audience: config.BATON_AGENT_JWT_AUDIENCE,
      }),
    },
    adapter: adapterFromEnv(config),
    allowedOrigins: config.BATON_ALLOWED_ORIGINS,
    timeouts: {
      queueTimeoutMs: config.BATON_QUEUE_TIMEOUT_SECONDS * 1000,
      patientIdleMs: config.BATON_PATIENT_IDLE_SECONDS * 1000,
      unstaffedFallbackMs: config.BATON_UNSTAFFED_FALLBACK_SECONDS * 1000,
      agentGraceMs: config.BATON_AGENT_GRACE_SECONDS * 1000,
      botSessionIdleMs: config.BATON_BOT_SESSION_IDLE_SECONDS * 1000,
      agentReturnMs: config.BATON_AGENT_RETURN_SECONDS * 1000,
    },
    ...(staffSigning
      ? {
          staffSessions: {
            idleLogoffMs: config.BATON_STAFF_IDLE_LOGOFF_SECONDS * 1000,
            tokens: {
              signing: { kind: 'secret' as const, secret: staffSigning },
              issuer: config.BATON_AGENT_JWT_ISSUER,
              audience: config.BATON_AGENT_JWT_AUDIENCE,
            },
          },
        }
      : {}),
    desk: {
      agentCapacity: config.BATON_AGENT_CAPACITY,
      routing,
      businessHours,
    },
    rateLimit: {
      burst: config.BATON_RATE_LIMIT_BURST,
      perSecond: config.BATON_RATE_LIMIT_PER_SECOND,
    },
    fairUse: {
      maxConnectionsPerSubject: config.BATON_MAX_CONNECTIONS_PER_SUBJECT,
      maxUnsentPackets: config.BATON_MAX_UNSENT_PACKETS,
    },
    maxFrameBytes: config.BATON_MAX_FRAME_BYTES,
    schedules: {
      pollMs: config.BATON_TIMER_POLL_MS,
      leaseMs: config.BATON_TIMER_LEASE_SECONDS * 1000,
    },
    readinessTimeoutMs: config.BATON_READYZ_TIMEOUT_MS,
    metricsEndpoint: {
      ...(config.BATON_METRICS_TOKEN ? { bearerToken: config.BATON_METRICS_TOKEN } : {}),
      ...(config.BATON_METRICS_PORT !== undefined
        ? { port: config.BATON_METRICS_PORT, host: config.BATON_METRICS_HOST }
        : {}),
    },
    signInThrottle: {
      maxFailures: config.BATON_SIGNIN_MAX_FAILURES,
      windowMs: config.BATON_SIGNIN_WINDOW_SECONDS * 1000,
    },
    fallbacks: config.BATON_FALLBACKS,
    // Unset: UTC, and the analytics say it is the default (`timeZoneSource`).
    ...(env.BATON_TIME_ZONE?.trim() ? { timeZone: config.BATON_TIME_ZONE } : {}),
    retentionDays: config.BATON_RETENTION_DAYS ?? null,
    attachments: {
      enabled: config.BATON_ATTACHMENTS,
      maxBytes: config.BATON_ATTACHMENT_MAX_BYTES,
      ...(config.BATON_ATTACHMENT_TYPES.length > 0
        ? { types: config.BATON_ATTACHMENT_TYPES as AttachmentContentType[] }
        : {}),
      linkTtlMs: config.BATON_ATTACHMENT_LINK_TTL_SECONDS * 1000,
      ...(config.BATON_ATTACHMENT_LINK_SECRET
        ? { linkSecret: config.BATON_ATTACHMENT_LINK_SECRET }
        : {}),
      ...(config.BATON_PUBLIC_URL ? { publicUrl: config.BATON_PUBLIC_URL } : {}),
    },
    settingsCacheMs: config.BATON_SETTINGS_CACHE_SECONDS * 1000,
    followups: {
      surveyOnEnd,
      reminderLeadMs: config.BATON_REMINDER_LEAD_MINUTES * 60_000,
      callProvider: callProviderFromEnv(notifyConfig),
      callTtlMs: notifyConfig.BATON_CALL_TTL_MINUTES * 60_000,
      ...(healthcare.scheduling ? { scheduling: healthcare.scheduling } : {}),
      ...(healthcare.appointmentLinks ? { appointmentLinks: healthcare.appointmentLinks } : {}),
    },
    ...(healthcare.patientContext ? { patientContext: healthcare.patientContext } : {}),
    chatActions: chatActionsFromEnv(config),
    ...(notifications ? { notifications } : {}),
    ...(consoleDir ? { consoleDir } : {}),
    ...(redis ? { redis } : {}),
    ...(devSignIn ? { devSignIn } : {}),
    ...(config.BATON_DIRECTLINE_ENDPOINT && config.BATON_DIRECTLINE_SECRET
      ? {
          botChannel: createDirectLineBotChannel({
            endpoint: config.BATON_DIRECTLINE_ENDPOINT,
            secret: config.BATON_DIRECTLINE_SECRET,
          }),
        }
      : {}),
  });
  const { port, url } = await server.listen(config.BATON_PORT, config.BATON_HOST);
  return {
    server,
    port,
    url,
    async close() {
      await server.close();
      if (redis) await Promise.all([redis.pubClient.quit(), redis.subClient.quit()]);
    },
  };
}
