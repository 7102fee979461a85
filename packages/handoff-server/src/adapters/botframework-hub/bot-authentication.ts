import type { Claim } from 'botframework-connector';
import { HandoffServerError } from '../../internal/errors';

/**
 * How the hub bot proves who it is when it calls this server's Bot Connector endpoint: an
 * Azure AD token it gets for *this server's* app id (a bot-to-bot token, as a skill calling
 * back its host), checked with botframework-connector against the OpenID metadata's keys.
 */
export interface BotAuthenticationOptions {
  /** This server's Microsoft app id: the audience the hub bot's tokens must name. */
  appId: string;
  /** The hub bot's app id(s): the only callers accepted (`appid`/`azp` claim). */
  botAppIds: readonly string[];
  /** Single-tenant bots: the Azure AD tenant id whose issuers are accepted. */
  tenantId?: string;
  /** Empty for the public cloud, or `https://botframework.azure.us` (US Government). */
  channelService?: string;
  /** OpenID configuration the signing keys come from; default the channel service's. */
  openIdMetadataUrl?: string;
}

/** Why a bot's call was refused: a closed set of codes, recorded in the audit log. */
export type BotAuthFailure =
  | 'missing_token'
  | 'not_a_bot_token'
  | 'untrusted_issuer'
  | 'unknown_key'
  | 'bad_signature'
  | 'token_expired'
  | 'wrong_audience'
  | 'caller_not_allowed'
  | 'metadata_unavailable'
  | 'not_loopback'
  | 'invalid_token';

export type BotAuthResult = { ok: true; botAppId: string } | { ok: false; reason: BotAuthFailure };

/** Checks an `Authorization` header; never throws for a bad token, never logs it. */
export type BotTokenValidator = (authorization: string | undefined) => Promise<BotAuthResult>;

const GOVERNMENT = 'https://botframework.azure.us';
const CALLER_NOT_ALLOWED = 'The caller is not the hub bot.';

/**
 * Builds the validator; bad options are an `invalid_config` error. botframework-connector
 * (large) is loaded on the first check, not when the server starts.
 */
export function createBotTokenValidator(options: BotAuthenticationOptions): BotTokenValidator {
  const appId = options.appId.trim();
  const allowed = new Set(options.botAppIds.map((id) => id.trim()).filter(Boolean));
  const channelService = options.channelService?.trim().toLowerCase() ?? '';
  if (!appId || allowed.size === 0 || allowed.has('*')) {
    throw new HandoffServerError(
      'invalid_config',
      'Bot authentication needs this server’s app id and the hub bot’s app id(s).',
    );
  }
  if (channelService !== '' && channelService !== GOVERNMENT) {
    throw new HandoffServerError(
      'invalid_config',
      `The channel service must be empty (public cloud) or ${GOVERNMENT}.`,
    );
  }
  let library: ReturnType<typeof load> | undefined;
  const settings = { ...options, appId, allowed, gov: channelService === GOVERNMENT };

  return async (authorization) => {
    const header = authorization?.trim() ?? '';
    if (!header) return { ok: false, reason: 'missing_token' };
    library ??= load(settings);
    const { connector, authentication } = await library;
    // A Bot Connector (channel) token is never how a bot calls us: only bot-to-bot tokens.
    if (!connector.SkillValidation.isSkillToken(header)) {
      return { ok: false, reason: 'not_a_bot_token' };
    }
    try {
      const identity = await authentication.authenticateChannelRequest(header);
      const botAppId = connector.JwtTokenValidation.getAppIdFromClaims(identity.claims);
      return { ok: true, botAppId };
    } catch (error) {
      return { ok: false, reason: failureOf(error) };
    }
  };
}

async function load(options: BotAuthenticationOptions & { allowed: Set<string>; gov: boolean }) {
  const connector = await import('botframework-connector');
  const { gov, tenantId, allowed } = options;
  const tenantIssuers = !tenantId
    ? []
    : gov
      ? [`https://login.microsoftonline.us/${tenantId}/v2.0`]
      : [
          `https://sts.windows.net/${tenantId}/`,
          `https://login.microsoftonline.com/${tenantId}/v2.0`,
        ];
  const validateClaims = async (claims: Claim[]) => {
    if (!allowed.has(connector.JwtTokenValidation.getAppIdFromClaims(claims))) {
      throw new HandoffServerError('invalid_token', CALLER_NOT_ALLOWED);
    }
  };
  const constants = gov ? connector.GovernmentConstants : connector.AuthenticationConstants;
  const metadataUrl = options.openIdMetadataUrl ?? constants.ToBotFromEmulatorOpenIdMetadataUrl;
  const authentication = connector.BotFrameworkAuthenticationFactory.create(
    gov ? GOVERNMENT : '',
    true,
    constants.ToChannelFromBotLoginUrl,
    constants.ToChannelFromBotOAuthScope,
    constants.ToBotFromChannelTokenIssuer,
    constants.OAuthUrl,
    // Only bot-to-bot tokens reach the library (checked first): both use the configured keys.
    metadataUrl,
    metadataUrl,
    gov ? 'urn:botframework:azureusgov' : 'urn:botframework:azure',
    new connector.PasswordServiceClientCredentialFactory(options.appId, '', tenantId ?? ''),
    new connector.AuthenticationConfiguration([], validateClaims, tenantIssuers),
  );
  return { connector, authentication };
}

/** botframework-connector reports failures as text; this maps its messages to codes. */
function failureOf(error: unknown): BotAuthFailure {
  if (HandoffServerError.is(error, 'invalid_token') && error.message === CALLER_NOT_ALLOWED) {
    return 'caller_not_allowed';
  }
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : '';
  if (name === 'TokenExpiredError' || /has expired/.test(message)) return 'token_expired';
  if (/Invalid identity/.test(message)) return 'untrusted_issuer';
  if (/Signing Key could not be retrieved/.test(message)) return 'unknown_key';
  if (/invalid signature/.test(message)) return 'bad_signature';
  if (/Invalid audience/.test(message)) return 'wrong_audience';
  if (/Failed to load|fetch|ECONNREFUSED/i.test(message)) return 'metadata_unavailable';
  return 'invalid_token';
}
