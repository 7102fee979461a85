import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AgentInfo,
  EndReason,
  FallbackOption,
  HandoffFailureReason,
  Id,
  MessageText,
  QueueStatus,
  Seq,
  TextFormat,
} from '@baton/handoff-protocol';
import * as z from 'zod';
import { HandoffServerError } from '../../internal/errors';
import type { AdapterHost } from '../contract';
import type { WebhookAdapter } from './adapter';
import {
  BodyTooLargeError,
  isJsonContentType,
  issuesOf,
  type JsonError,
  pathnameOf,
  readBody,
  sendError,
  sendJson,
} from './http-io';
import { secretsEqual, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './signature';

export interface WebhookInboundOptions {
  /**
   * How the external system proves who it is: a bearer token (`authorization: Bearer …`) or
   * a `baton-signature` header made with a signing secret over the raw body (the same
   * scheme as outbound events). Several values are accepted while rotating.
   */
  auth: { bearerTokens?: readonly string[]; signingSecrets?: readonly string[] };
  /** Where the server mounts the handler; default `/api/webhook`. */
  basePath?: string;
  /** Largest accepted body; default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Largest accepted body of `POST …/attachments` (the file inline, base64); default 8 MiB.
   * `baton-server` derives it from `BATON_ATTACHMENT_MAX_BYTES` or takes
   * `BATON_WEBHOOK_ATTACHMENT_BODY_BYTES`. The server's file ceiling still applies to the bytes.
   */
  maxAttachmentBodyBytes?: number;
  /** For signed requests; default 300 s. */
  signatureToleranceSeconds?: number;
  now?: () => Date;
}

const routes = {
  queued: QueueStatus,
  'agent-joined': z.object({ agent: AgentInfo }),
  messages: z.object({
    externalId: Id,
    text: MessageText,
    textFormat: z.optional(TextFormat),
    agent: z.optional(AgentInfo),
  }),
  typing: z.object({ active: z.boolean() }),
  read: z.object({ upToSeq: Seq }),
  ended: z.object({ reason: z.optional(EndReason) }),
  failed: z.object({
    reason: HandoffFailureReason,
    fallbacks: z.optional(z.array(FallbackOption).max(3)),
  }),
  'return-to-bot': z.object({}),
  attachments: z.object({
    externalId: Id,
    name: z.string().min(1).max(200),
    /** The file's bytes, base64 (standard alphabet, padding optional). */
    contentBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/),
    caption: z.optional(MessageText),
    agent: z.optional(AgentInfo),
  }),
} as const;
type Route = keyof typeof routes;

const error = (status: number, code: string, message: string): JsonError => ({
  status,
  code,
  message,
});

/**
 * The webhook adapter's inbound REST API as a `node:http` handler: the external system
 * reports what happens on its side, `POST {basePath}/conversations/{conversationId}/{action}`
 * with a JSON body. Answers `200 { ok: true }` (`{ ok: true, seq }` for messages) or
 * `{ error: { code, message, issues? } }`. Only conversations handed to this adapter and not
 * closed are reachable.
 */
export function createWebhookInboundHandler(
  adapter: WebhookAdapter,
  options: WebhookInboundOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const bearerTokens = options.auth.bearerTokens ?? [];
  const signingSecrets = options.auth.signingSecrets ?? [];
  if (bearerTokens.length === 0 && signingSecrets.length === 0) {
    throw new HandoffServerError('invalid_config', 'The webhook inbound API needs auth.');
  }
  if ([...bearerTokens, ...signingSecrets].some((secret) => secret.length < 16)) {
    throw new HandoffServerError('invalid_config', 'Inbound secrets need 16+ characters.');
  }
  const basePath = (options.basePath ?? '/api/webhook').replace(/\/+$/, '');
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const maxAttachmentBodyBytes = options.maxAttachmentBodyBytes ?? 8 * 1024 * 1024;
  const pattern = /^\/conversations\/([^/]+)\/([a-z-]+)$/;

  /** `true`/`false` for a bearer token (checked before the body is read); `null` if none. */
  const bearer = (req: IncomingMessage): boolean | null => {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !/^bearer /i.test(header)) return null;
    const token = header.slice(7).trim();
    // Compare against every token so timing does not tell which one (or none) matched.
    return bearerTokens.map((expected) => secretsEqual(token, expected)).includes(true);
  };

  const signed = (req: IncomingMessage, body: Buffer): boolean => {
    const signature = req.headers[WEBHOOK_SIGNATURE_HEADER];
    if (typeof signature !== 'string' || signingSecrets.length === 0) return false;
    const check = verifyWebhookSignature(signature, body, {
      secrets: signingSecrets,
      ...(options.signatureToleranceSeconds !== undefined && {
        toleranceSeconds: options.signatureToleranceSeconds,
      }),
      ...(options.now !== undefined && { now: options.now }),
    });
    return check.ok;
  };

  const unauthorized = (res: ServerResponse): JsonError => {
    res.setHeader('www-authenticate', 'Bearer');
    return error(401, 'unauthorized', 'Missing or invalid credentials.');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<JsonError | null> => {
    const pathname = pathnameOf(req);
    if (pathname === null || !pathname.startsWith(`${basePath}/`)) {
      return error(404, 'not_found', 'No such endpoint.');
    }
    const match = pattern.exec(pathname.slice(basePath.length));
    if (!match || !Object.hasOwn(routes, match[2]!)) {
      return error(404, 'not_found', 'No such endpoint.');
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return error(405, 'method_not_allowed', 'Use POST.');
    }
    const byToken = bearer(req);
    if (byToken === false) return unauthorized(res);
    let body: Buffer;
    const limit = match[2] === 'attachments' ? maxAttachmentBodyBytes : maxBodyBytes;
    try {
      body = await readBody(req, limit);
    } catch (cause) {
      if (cause instanceof BodyTooLargeError) {
        return error(413, 'payload_too_large', `The body exceeds ${limit} bytes.`);
      }
      throw cause;
    }
    if (byToken === null && !signed(req, body)) return unauthorized(res);
    if (!isJsonContentType(req)) {
      return error(415, 'unsupported_media_type', 'Send application/json.');
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return error(400, 'invalid_json', 'The body is not valid JSON.');
    }
    const route = match[2] as Route;
    const parsed = routes[route].safeParse(json);
    if (!parsed.success) {
      return {
        ...error(400, 'invalid_body', 'The body is not valid.'),
        issues: issuesOf(parsed.error),
      };
    }
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1]!);
    } catch {
      return error(404, 'not_found', 'Unknown conversation.');
    }
    const host = adapter.host;
    if (!host) return error(503, 'unavailable', 'The adapter is not running.');
    if (!Id.safeParse(conversationId).success || !adapter.isOpen(conversationId)) {
      return error(404, 'not_found', 'Unknown conversation.');
    }
    const result = await apply(host, conversationId, route, parsed.data);
    sendJson(res, 200, { ok: true, ...result });
    return null;
  };

  return (req, res) => {
    handle(req, res)
      .then((failure) => {
        if (failure) sendError(res, failure);
      })
      .catch((cause: unknown) => sendError(res, reportError(cause)));
  };
}

async function apply(
  host: AdapterHost,
  conversationId: string,
  route: Route,
  body: unknown,
): Promise<Record<string, unknown>> {
  switch (route) {
    case 'queued':
      await host.queued(conversationId, body as z.infer<(typeof routes)['queued']>);
      return {};
    case 'agent-joined':
      await host.agentJoined(conversationId, (body as { agent: AgentInfo }).agent);
      return {};
    case 'messages': {
      const message = body as z.infer<(typeof routes)['messages']>;
      return await host.agentMessage(conversationId, message);
    }
    case 'typing':
      host.agentTyping(conversationId, (body as { active: boolean }).active);
      return {};
    case 'read':
      host.agentRead(conversationId, (body as { upToSeq: number }).upToSeq);
      return {};
    case 'ended':
      await host.ended(conversationId, (body as { reason?: EndReason }).reason ?? 'resolved');
      return {};
    case 'failed':
      await host.failed(conversationId, body as z.infer<(typeof routes)['failed']>);
      return {};
    case 'return-to-bot':
      await host.returnToBot(conversationId);
      return {};
    case 'attachments': {
      const { contentBase64, ...file } = body as z.infer<(typeof routes)['attachments']>;
      if (!host.agentAttachment) throw new HandoffServerError('invalid_report', 'files are off');
      const bytes = new Uint8Array(Buffer.from(contentBase64, 'base64'));
      return await host.agentAttachment(conversationId, { ...file, bytes });
    }
    default:
      return unreachable(route);
  }
}

/** Maps a host refusal to an HTTP answer; anything else is a 500 without details. */
function reportError(cause: unknown): JsonError {
  if (HandoffServerError.is(cause)) {
    switch (cause.code) {
      case 'not_found':
        return error(404, 'not_found', 'Unknown conversation.');
      case 'illegal_transition':
      case 'conflict':
        return error(409, 'illegal_transition', 'Not allowed in the conversation\u2019s state.');
      case 'invalid_report':
        return error(400, 'invalid_body', 'The report was refused as invalid.');
      case 'adapter_unavailable':
      case 'shutting_down':
        return error(503, 'unavailable', 'The adapter is not running.');
      default:
        break;
    }
  }
  return error(500, 'internal', 'Internal error.');
}

function unreachable(value: never): never {
  throw new Error(`unexpected route ${String(value)}`);
}
