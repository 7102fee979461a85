import { HandoffServerError } from '../internal/errors';
import type { AdapterChoice } from './adapter-choice';
import { ServerEnv } from './env-schema';
import { checkHealthcareEnv } from './healthcare-config';
import { webhookAttachmentBodyBytes } from './webhook-attachment-limit';

export { ServerEnv };

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
      webhookAttachmentBodyBytes(config);
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
          maxAttachmentBodyBytes: webhookAttachmentBodyBytes(config),
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
          attachments: {
            allowedHosts: config.BATON_HUB_ATTACHMENT_HOSTS,
            allowPrivateAddresses: config.BATON_HUB_ATTACHMENT_PRIVATE,
            maxBytes: config.BATON_ATTACHMENT_MAX_BYTES,
          },
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
