import type { IncomingMessage } from 'node:http';
import * as z from 'zod';
import { HandoffServerError } from '../../internal/errors';
import type { BotAuthenticationOptions } from './bot-authentication';
import type { HubAttachmentOptions } from './hub-files';

export interface BotFrameworkHubOptions {
  /** The hub bot's messaging endpoint, e.g. `https://hub.example.org/api/messages`. */
  botEndpoint: string;
  /**
   * This server's Bot Connector endpoint as the bot must reach it (sent as each activity's
   * `serviceUrl`); mount `createBotConnectorHandler(adapter)` there.
   */
  serviceUrl: string;
  /** The hub bot's account (`recipient`); default `{ id: 'agent-hub', role: 'bot' }`. */
  bot?: { id: string; name?: string };
  /** `channelId` of the activities; default `baton`. */
  channelId?: string;
  /**
   * `Authorization` header value for POSTs to the bot (e.g. `Bearer <token>` for a bot with
   * an app id). Default none, for a bot without an app id on a private network.
   */
  outboundAuthorization?: () => Promise<string | undefined>;
  /**
   * Verifies the hub bot's Bot Framework tokens on its calls to the connector API
   * (botframework-connector, keys from the OpenID metadata). The way for an Azure bot.
   */
  botAuthentication?: BotAuthenticationOptions;
  /** A custom check of the bot's calls to the connector API, instead of `botAuthentication`. */
  authorizeBot?: (req: IncomingMessage) => boolean | Promise<boolean>;
  /**
   * Accept the bot's calls without any check: only for a bot without an app id on loopback
   * (development). Refused unless set to `true`, and only when no other check is given.
   */
  allowAnonymousBot?: boolean;
  /** Per-request timeout for POSTs to the bot; default 15 s. */
  requestTimeoutMs?: number;
  /** Shown to the patient when the hub names no agent; default `Agent`. */
  defaultAgentName?: string;
  name?: string;
  /** Files the agent bot sends to the patient (`contentUrl` rules: see `hub-files.ts`). */
  attachments?: HubAttachmentOptions;
  fetch?: typeof fetch;
  now?: () => Date;
}

const OptionsSchema = z.object({
  botEndpoint: z.url({ protocol: /^https?$/ }),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.optional(z.string().min(1).max(64)),
  requestTimeoutMs: z.optional(z.int().min(1).max(120_000)),
});

/** Refuses options that cannot work: bad URLs, no check (or more than one) of the bot's calls. */
export function checkHubOptions(options: BotFrameworkHubOptions): void {
  const checked = OptionsSchema.safeParse(options);
  if (!checked.success) {
    const path = checked.error.issues[0]?.path.join('.') ?? '';
    throw new HandoffServerError('invalid_config', `Invalid hub adapter option: ${path}`);
  }
  const checks = [options.botAuthentication, options.authorizeBot].filter(Boolean).length;
  if (checks === 0 && options.allowAnonymousBot !== true) {
    throw new HandoffServerError(
      'invalid_config',
      'Give botAuthentication (or authorizeBot), or set allowAnonymousBot for a bot without an app id.',
    );
  }
  if (checks > 1 || (checks === 1 && options.allowAnonymousBot === true)) {
    throw new HandoffServerError(
      'invalid_config',
      'Give only one of botAuthentication, authorizeBot and allowAnonymousBot.',
    );
  }
}
