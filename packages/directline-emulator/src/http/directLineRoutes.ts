import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { asActivity } from '../activity.js';
import {
  assertReaches,
  assertTrustedOrigin,
  authenticate,
  type Credential,
  normalizeOrigin,
} from '../auth/credentials.js';
import type { EmulatorContext } from '../context.js';
import { acceptClientActivity, startConversation } from '../conversations/clientActivities.js';
import type { Conversation } from '../conversations/conversation.js';
import { DirectLineEmulatorError } from '../errors.js';
import { parseWatermark } from '../ids.js';
import { readJson } from './body.js';
import { sendJson } from './respond.js';

const userSchema = z.object({
  id: z.string().min(1).max(256),
  name: z.string().max(256).optional(),
});
const generateBody = z
  .object({
    user: userSchema.optional(),
    trustedOrigins: z.array(z.string().max(2048)).max(16).optional(),
  })
  .loose();
const startBody = z
  .object({
    user: z.object({ id: z.string().max(256).optional(), name: z.string().optional() }).optional(),
    locale: z.string().max(64).optional(),
  })
  .loose();

function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DirectLineEmulatorError(
      'BadArgument',
      `Invalid request body${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}.`,
    );
  }
  return result.data;
}

export function conversationOrThrow(ctx: EmulatorContext, id: string): Conversation {
  const conversation = ctx.store.get(id);
  if (!conversation) throw new DirectLineEmulatorError('NotFound', 'Conversation not found.');
  return conversation;
}

function watermarkParam(url: URL): number | undefined {
  const value = parseWatermark(url.searchParams.get('watermark'));
  if (Number.isNaN(value)) throw new DirectLineEmulatorError('BadArgument', 'Invalid watermark.');
  return value;
}

async function streamUrlFor(
  ctx: EmulatorContext,
  req: IncomingMessage,
  conversation: Conversation,
  watermark: number | undefined,
): Promise<string> {
  const base = req.headers.host ? `http://${req.headers.host}` : ctx.baseUrl();
  const url = new URL(`/v3/directline/conversations/${conversation.id}/stream`, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (watermark !== undefined) url.searchParams.set('watermark', String(watermark));
  url.searchParams.set('t', await ctx.tokens.issueStreamTicket(conversation.id));
  return url.toString();
}

/** The origins a new token is bound to: those asked for, within the site's own list. */
function tokenOrigins(ctx: EmulatorContext, asked: readonly string[] | undefined): string[] {
  const site = ctx.options.trustedOrigins;
  if (!asked || asked.length === 0) return [...site];
  const origins = asked.map((origin) => {
    const normalized = normalizeOrigin(origin);
    if (!normalized) {
      throw new DirectLineEmulatorError(
        'BadArgument',
        'trustedOrigins must be origins such as https://portal.example.org.',
      );
    }
    return normalized;
  });
  if (site.length > 0 && origins.some((origin) => !site.includes(origin))) {
    throw new DirectLineEmulatorError('Forbidden', 'An origin is not among the trusted origins.');
  }
  return [...new Set(origins)];
}

function remainingSeconds(credential: Credential & { kind: 'token' }): number {
  return Math.max(0, Math.round(credential.claims.expiresAt - Date.now() / 1000));
}

/** POST /v3/directline/tokens/generate — the secret makes a token for a new conversation. */
export async function generateToken(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  if (credential.kind !== 'secret') {
    throw new DirectLineEmulatorError('Forbidden', 'Only the secret can generate tokens.');
  }
  const body = parseBody(generateBody, await readJson(req, ctx.options.maxActivityBytes));
  const origins = tokenOrigins(ctx, body.trustedOrigins);
  const conversation = ctx.store.create();
  if (body.user) conversation.user = { ...body.user, role: 'user' };
  const issued = await ctx.tokens.issue(conversation.id, body.user, origins);
  sendJson(res, 200, {
    conversationId: conversation.id,
    token: issued.token,
    expires_in: issued.expiresIn,
  });
}

/** POST /v3/directline/tokens/refresh — a valid token gets a fresh one, same conversation. */
export async function refreshToken(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  if (credential.kind !== 'token') {
    throw new DirectLineEmulatorError('Forbidden', 'Only a token can be refreshed.');
  }
  assertTrustedOrigin(credential, req);
  const { conversationId, user, userName, origins } = credential.claims;
  conversationOrThrow(ctx, conversationId);
  const issued = await ctx.tokens.issue(
    conversationId,
    user === undefined ? undefined : { id: user, ...(userName ? { name: userName } : {}) },
    origins,
  );
  sendJson(res, 200, { conversationId, token: issued.token, expires_in: issued.expiresIn });
}

/** POST /v3/directline/conversations — start (201), or 200 when the token already started it. */
export async function startConversationRoute(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  assertTrustedOrigin(credential, req);
  const body = parseBody(startBody, await readJson(req, ctx.options.maxActivityBytes));
  let conversation: Conversation;
  let token: string;
  let expiresIn: number;
  if (credential.kind === 'secret') {
    conversation = ctx.store.create();
    const user = body.user?.id ? { id: body.user.id, name: body.user.name } : undefined;
    if (user) conversation.user = { ...user, role: 'user' };
    const issued = await ctx.tokens.issue(conversation.id, user);
    token = issued.token;
    expiresIn = issued.expiresIn;
  } else {
    conversation = conversationOrThrow(ctx, credential.claims.conversationId);
    token = credential.token;
    expiresIn = remainingSeconds(credential);
  }
  if (body.user?.id && !conversation.user) {
    conversation.user = { id: body.user.id, name: body.user.name, role: 'user' };
  }
  if (body.locale) conversation.locale ??= body.locale;
  const alreadyStarted = conversation.started;
  await startConversation(ctx, conversation);
  sendJson(res, alreadyStarted ? 200 : 201, {
    conversationId: conversation.id,
    token,
    expires_in: expiresIn,
    streamUrl: await streamUrlFor(ctx, req, conversation, undefined),
    referenceGrammarId: ctx.referenceGrammarId,
  });
}

/** GET /v3/directline/conversations/{id}?watermark= — a new stream URL to reconnect with. */
export async function reconnect(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [conversationId]: string[],
  url: URL,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  assertReaches(credential, conversationId!);
  assertTrustedOrigin(credential, req);
  const conversation = conversationOrThrow(ctx, conversationId!);
  const watermark = watermarkParam(url) ?? conversation.lastSeq;
  let token: string;
  let expiresIn: number;
  if (credential.kind === 'secret') {
    const user = conversation.user;
    const issued = await ctx.tokens.issue(
      conversation.id,
      user && { id: user.id, name: user.name },
    );
    token = issued.token;
    expiresIn = issued.expiresIn;
  } else {
    token = credential.token;
    expiresIn = remainingSeconds(credential);
  }
  sendJson(res, 200, {
    conversationId: conversation.id,
    token,
    expires_in: expiresIn,
    streamUrl: await streamUrlFor(ctx, req, conversation, watermark),
    referenceGrammarId: ctx.referenceGrammarId,
  });
}

/** POST /v3/directline/conversations/{id}/activities — returns `{ id }`. */
export async function postActivity(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [conversationId]: string[],
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  assertReaches(credential, conversationId!);
  const conversation = conversationOrThrow(ctx, conversationId!);
  const activity = asActivity(await readJson(req, ctx.options.maxActivityBytes));
  if (!activity) {
    throw new DirectLineEmulatorError(
      'MissingProperty',
      'The body must be an activity with a type.',
    );
  }
  const stored = await acceptClientActivity(ctx, conversation, activity, credential);
  sendJson(res, 200, { id: stored.id });
}

/** GET /v3/directline/conversations/{id}/activities?watermark= — `{ activities, watermark }`. */
export async function getActivities(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [conversationId]: string[],
  url: URL,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  assertReaches(credential, conversationId!);
  const conversation = conversationOrThrow(ctx, conversationId!);
  const watermark = watermarkParam(url) ?? 0;
  sendJson(res, 200, {
    activities: conversation.since(watermark),
    watermark: conversation.watermark,
  });
}

/**
 * GET /v3/directline/attachments/{id} — an uploaded file, only to its conversation's token
 * (or the secret): 401 without credentials, 403 with another conversation's token.
 */
export async function getAttachment(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [attachmentId]: string[],
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  const attachment = ctx.attachments.get(attachmentId!);
  if (!attachment) throw new DirectLineEmulatorError('NotFound', 'Attachment not found.');
  assertReaches(credential, attachment.conversationId);
  res.statusCode = 200;
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Type', attachment.contentType);
  res.setHeader('Content-Length', attachment.bytes.length);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', 'attachment');
  res.end(attachment.bytes);
}
