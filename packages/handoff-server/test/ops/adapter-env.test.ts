import { describe, expect, it } from 'vitest';
import { adapterFromEnv, readServerEnv } from '../../src/ops/config';

const base = {
  BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
  BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
};
const webhookSecret = 'whsec_env_0123456789abcdef';

describe('BATON_ADAPTER', () => {
  it('defaults to the desk', () => {
    expect(adapterFromEnv(readServerEnv(base))).toEqual({ kind: 'desk' });
  });

  it('builds the webhook choice from its variables, and names what is missing (never values)', () => {
    const env = {
      ...base,
      BATON_ADAPTER: 'webhook',
      BATON_WEBHOOK_URL: 'https://crm.example.org/hooks/baton',
      BATON_WEBHOOK_SIGNING_SECRET: webhookSecret,
      BATON_WEBHOOK_INBOUND_TOKENS: 'tok_a_0123456789abcdef, tok_b_0123456789abcdef',
    };
    expect(adapterFromEnv(readServerEnv(env))).toEqual({
      kind: 'webhook',
      webhook: { url: env.BATON_WEBHOOK_URL, signingSecret: webhookSecret },
      inbound: {
        auth: {
          bearerTokens: ['tok_a_0123456789abcdef', 'tok_b_0123456789abcdef'],
          signingSecrets: [],
        },
        // A 5 MiB file (BATON_ATTACHMENT_MAX_BYTES' default) in base64, and its JSON.
        maxAttachmentBodyBytes: Math.ceil((5 * 1024 * 1024) / 3) * 4 + 64 * 1024,
      },
    });
    const { BATON_WEBHOOK_INBOUND_TOKENS: _tokens, ...withoutTokens } = env;
    expect(() => readServerEnv(withoutTokens)).toThrow(/BATON_WEBHOOK_INBOUND_TOKENS/);
    const { BATON_WEBHOOK_URL: _url, ...withoutUrl } = env;
    const error = (() => {
      try {
        readServerEnv(withoutUrl);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/BATON_WEBHOOK_URL/);
    expect(error?.message).not.toContain(webhookSecret);
  });

  it('builds the hub choice; an anonymous bot must be allowed explicitly', () => {
    const env = {
      ...base,
      BATON_ADAPTER: 'botframework-hub',
      BATON_HUB_BOT_ENDPOINT: 'http://127.0.0.1:3978/api/messages',
      BATON_HUB_SERVICE_URL: 'http://127.0.0.1:8080/api/botframework',
    };
    expect(() => readServerEnv(env)).toThrow(/BATON_HUB_ALLOW_ANONYMOUS_BOT/);
    expect(
      adapterFromEnv(
        readServerEnv({
          ...env,
          BATON_HUB_ALLOW_ANONYMOUS_BOT: 'true',
          BATON_HUB_ATTACHMENT_HOSTS: 'files.example.org, *.cdn.example.org',
          BATON_HUB_ATTACHMENT_PRIVATE: 'true',
          BATON_ATTACHMENT_MAX_BYTES: '1048576',
        }),
      ),
    ).toEqual({
      kind: 'botframework-hub',
      hub: {
        botEndpoint: env.BATON_HUB_BOT_ENDPOINT,
        serviceUrl: env.BATON_HUB_SERVICE_URL,
        allowAnonymousBot: true,
        attachments: {
          allowedHosts: ['files.example.org', '*.cdn.example.org'],
          allowPrivateAddresses: true,
          maxBytes: 1048576,
        },
      },
    });
    expect(() => readServerEnv({ ...base, BATON_ADAPTER: 'crm' })).toThrow(/BATON_ADAPTER/);
  });

  it('builds bot token checks from the app ids, tenant, channel service and metadata URL', () => {
    const env = {
      ...base,
      BATON_ADAPTER: 'botframework-hub',
      BATON_HUB_BOT_ENDPOINT: 'https://hub.example.org/api/messages',
      BATON_HUB_SERVICE_URL: 'https://baton.example.org/api/botframework',
      BATON_HUB_APP_ID: 'baton-app-id',
      BATON_HUB_BOT_APP_IDS: 'hub-app-id, other-hub-app-id',
      BATON_HUB_TENANT_ID: 'tenant-1',
      BATON_HUB_CHANNEL_SERVICE: 'https://botframework.azure.us',
      BATON_HUB_OPENID_METADATA_URL: 'https://login.example.org/.well-known/openid-configuration',
    };
    expect(adapterFromEnv(readServerEnv(env))).toEqual({
      kind: 'botframework-hub',
      hub: {
        botEndpoint: env.BATON_HUB_BOT_ENDPOINT,
        serviceUrl: env.BATON_HUB_SERVICE_URL,
        botAuthentication: {
          appId: 'baton-app-id',
          botAppIds: ['hub-app-id', 'other-hub-app-id'],
          tenantId: 'tenant-1',
          channelService: 'https://botframework.azure.us',
          openIdMetadataUrl: env.BATON_HUB_OPENID_METADATA_URL,
        },
        // By default only inline data: URLs: no host is fetched, nothing private.
        attachments: { allowedHosts: [], allowPrivateAddresses: false, maxBytes: 5 * 1024 * 1024 },
      },
    });
    const { BATON_HUB_BOT_APP_IDS: _ids, ...withoutCallers } = env;
    expect(() => readServerEnv(withoutCallers)).toThrow(/BATON_HUB_BOT_APP_IDS/);
    expect(() => readServerEnv({ ...env, BATON_HUB_ALLOW_ANONYMOUS_BOT: 'true' })).toThrow(
      /not both/,
    );
    expect(() => readServerEnv({ ...env, BATON_HUB_CHANNEL_SERVICE: 'https://x.org' })).toThrow(
      /BATON_HUB_CHANNEL_SERVICE/,
    );
    expect(() => readServerEnv({ ...env, BATON_HUB_OPENID_METADATA_URL: 'file:///x' })).toThrow(
      /BATON_HUB_OPENID_METADATA_URL/,
    );
  });
});
