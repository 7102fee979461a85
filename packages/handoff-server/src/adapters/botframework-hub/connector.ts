import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AgentInfo,
  HANDOFF_EVENT_NAMES,
  HandoffFailureReason,
  Id,
  MessageText,
} from '@baton/handoff-protocol';
import * as z from 'zod';
import { HandoffServerError } from '../../internal/errors';
import type { ConversationStore } from '../../storage/contract';
import type { AdapterHost } from '../contract';
import {
  BodyTooLargeError,
  isJsonContentType,
  type JsonError,
  pathnameOf,
  readBody,
  sendError,
  sendJson,
} from '../webhook/http-io';
import type { BotFrameworkHubAdapter } from './adapter';
import type { BotAuthFailure } from './bot-authentication';
import { ActivityAttachments, filesOf, reportHubFiles } from './hub-files';

export interface BotConnectorHandlerOptions {
  /** Largest accepted activity; default 256 KiB. */
  maxBodyBytes?: number;
  /** Where refused bot calls are recorded (`bot.authenticate`, denied; ids and codes only). */
  audit?: Pick<ConversationStore, 'appendAudit'>;
}

/** The activity fields read from the bot; everything else is ignored. */
const BotActivity = z.looseObject({
  type: z.string().max(64),
  id: z.optional(z.string()),
  name: z.optional(z.string().max(256)),
  text: z.optional(z.string()),
  textFormat: z.optional(z.string()),
  value: z.optional(z.unknown()),
  from: z.optional(z.looseObject({ id: z.optional(z.string()), name: z.optional(z.string()) })),
  channelData: z.optional(z.unknown()),
  attachments: z.optional(ActivityAttachments),
});
type BotActivity = z.infer<typeof BotActivity>;

const StatusValue = z.looseObject({
  state: z.enum(['accepted', 'failed', 'completed']),
  /** Baton extension: who accepted, shown to the patient. */
  agent: z.optional(z.unknown()),
  /** Baton extension: why it failed (a `HandoffFailureReason`). */
  reason: z.optional(z.unknown()),
});

const fail = (status: number, code: string, message: string): JsonError => ({
  status,
  code,
  message,
});

/**
 * The part of the Bot Connector REST API a hub bot uses to answer, as a `node:http` handler
 * mounted at the adapter's `serviceUrl`: `POST v3/conversations/{conversationId}/activities`
 * (send) and `POST v3/conversations/{conversationId}/activities/{activityId}` (reply).
 * Answers `200 { id }` (a ResourceResponse) once the report is applied; errors as
 * `{ error: { code, message } }`.
 */
export function createBotConnectorHandler(
  adapter: BotFrameworkHubAdapter,
  options: BotConnectorHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const basePath = new URL(adapter.options.serviceUrl).pathname.replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const pattern = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<JsonError | null> => {
    const pathname = pathnameOf(req);
    const match = pathname?.startsWith(`${basePath}/`)
      ? pattern.exec(pathname.slice(basePath.length))
      : null;
    if (!match) return fail(404, 'NotFound', 'This connector serves only activities.');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return fail(405, 'MethodNotAllowed', 'Use POST.');
    }
    const authenticated = await adapter.authenticateBot(req);
    if (!authenticated.ok) {
      await refuse(adapter, options, match[1]!, authenticated.reason);
      return fail(401, 'Unauthorized', 'The bot is not authorized.');
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (cause) {
      if (cause instanceof BodyTooLargeError) return fail(413, 'PayloadTooLarge', 'Too large.');
      throw cause;
    }
    if (!isJsonContentType(req)) return fail(415, 'UnsupportedMediaType', 'Send JSON.');
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(400, 'BadArgument', 'The body is not valid JSON.');
    }
    const parsed = BotActivity.safeParse(json);
    if (!parsed.success) return fail(400, 'BadArgument', 'The body is not an activity.');
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1]!);
    } catch {
      return fail(404, 'ConversationNotFound', 'Unknown conversation.');
    }
    if (!adapter.isOpen(conversationId)) {
      return fail(404, 'ConversationNotFound', 'Unknown conversation.');
    }
    const activity = parsed.data;
    const id = activityId(activity);
    await adapter.applyInOrder(conversationId, (host) =>
      report(host, adapter, conversationId, id, activity),
    );
    sendJson(res, 200, { id });
    return null;
  };

  return (req, res) => {
    handle(req, res)
      .then((failure) => {
        if (failure) sendError(res, failure);
      })
      .catch((cause: unknown) => sendError(res, errorFor(cause)));
  };
}

/** A refused call is logged and audited (reason code only, never the token); nothing else. */
async function refuse(
  adapter: BotFrameworkHubAdapter,
  options: BotConnectorHandlerOptions,
  rawConversationId: string,
  reason: BotAuthFailure,
): Promise<void> {
  let conversationId: string | null = null;
  try {
    const decoded = decodeURIComponent(rawConversationId);
    if (adapter.isOpen(decoded)) conversationId = decoded;
  } catch {
    // An undecodable id names no conversation.
  }
  adapter.host?.log.warn({ adapter: adapter.name, reason, conversationId }, 'hub bot call refused');
  await options.audit?.appendAudit({
    action: 'bot.authenticate',
    outcome: 'denied',
    actorId: adapter.name,
    actorRole: 'system',
    conversationId,
    reason,
  });
}

async function report(
  host: AdapterHost,
  adapter: BotFrameworkHubAdapter,
  conversationId: string,
  id: string,
  activity: BotActivity,
): Promise<void> {
  switch (activity.type) {
    case 'message': {
      const text = MessageText.safeParse(activity.text);
      const files = filesOf(activity.attachments);
      if (!text.success && files.length === 0) {
        host.log.info(
          { conversationId, activityId: id },
          'hub message without usable text ignored',
        );
        return;
      }
      const agent = agentOf(adapter, activity, channelAgent(activity.channelData));
      if (text.success)
        await host.agentMessage(conversationId, {
          externalId: id,
          text: text.data,
          textFormat: activity.textFormat === 'markdown' ? 'markdown' : 'plain',
          ...(agent && { agent }),
        });
      await reportHubFiles(
        host,
        conversationId,
        id,
        files,
        adapter.options.attachments ?? {},
        agent,
      );
      return;
    }
    case 'typing':
      host.agentTyping(conversationId, true);
      return;
    case 'event':
      if (activity.name === HANDOFF_EVENT_NAMES.status)
        await status(host, adapter, conversationId, activity);
      return;
    default:
      // endOfConversation, conversationUpdate, traces…: nothing to report.
      return;
  }
}

async function status(
  host: AdapterHost,
  adapter: BotFrameworkHubAdapter,
  conversationId: string,
  activity: BotActivity,
): Promise<void> {
  const value = StatusValue.safeParse(activity.value);
  if (!value.success) throw new HandoffServerError('invalid_report', 'Bad handoff.status value.');
  switch (value.data.state) {
    case 'accepted': {
      const agent = agentOf(adapter, activity, value.data.agent) ?? fallbackAgent(adapter);
      await host.agentJoined(conversationId, agent);
      return;
    }
    case 'failed': {
      const reason = HandoffFailureReason.safeParse(value.data.reason);
      await host.failed(conversationId, { reason: reason.success ? reason.data : 'no-agents' });
      return;
    }
    case 'completed':
      await host.ended(conversationId, 'resolved');
      return;
    default:
      return unreachable(value.data.state);
  }
}

/** The agent named by the hub (Baton extension field), else the activity's `from` if named. */
function agentOf(
  adapter: BotFrameworkHubAdapter,
  activity: BotActivity,
  named: unknown,
): AgentInfo | undefined {
  const explicit = AgentInfo.safeParse(named);
  if (explicit.success) return explicit.data;
  const from = activity.from;
  if (!from?.name || from.id === (adapter.options.bot?.id ?? 'agent-hub')) return undefined;
  const candidate = AgentInfo.safeParse({ id: from.id, displayName: from.name });
  return candidate.success ? candidate.data : undefined;
}

/**
 * The agent system's stable id for an activity: `channelData.externalId` (botbuilder's
 * `sendActivity` drops `activity.id`, so a bot that retries puts its own id there), else
 * `activity.id` (raw connector clients), else a fresh id (each POST is then a new message).
 */
function activityId(activity: BotActivity): string {
  const data = activity.channelData;
  const external =
    typeof data === 'object' && data !== null
      ? (data as { externalId?: unknown }).externalId
      : undefined;
  if (Id.safeParse(external).success) return external as string;
  if (Id.safeParse(activity.id).success) return activity.id!;
  return randomUUID();
}

function channelAgent(channelData: unknown): unknown {
  return typeof channelData === 'object' && channelData !== null
    ? (channelData as { agent?: unknown }).agent
    : undefined;
}

function fallbackAgent(adapter: BotFrameworkHubAdapter): AgentInfo {
  return { id: 'hub-agent', displayName: adapter.options.defaultAgentName ?? 'Agent' };
}

function errorFor(cause: unknown): JsonError {
  if (HandoffServerError.is(cause)) {
    switch (cause.code) {
      case 'not_found':
        return fail(404, 'ConversationNotFound', 'Unknown conversation.');
      case 'illegal_transition':
      case 'conflict':
        return fail(409, 'Conflict', 'Not allowed in the conversation\u2019s state.');
      case 'invalid_report':
        return fail(400, 'BadArgument', 'The activity was refused as invalid.');
      case 'shutting_down':
        return fail(503, 'ServiceUnavailable', 'The server is shutting down.');
      default:
        break;
    }
  }
  return fail(500, 'ServiceError', 'Internal error.');
}

function unreachable(value: never): never {
  throw new Error(`unexpected state ${String(value)}`);
}
