import type { IncomingMessage, ServerResponse } from 'node:http';
import { asActivity, isRecord } from '../activity.js';
import type { EmulatorContext } from '../context.js';
import { DirectLineEmulatorError } from '../errors.js';
import { readJson } from '../http/body.js';
import { conversationOrThrow } from '../http/directLineRoutes.js';
import { sendJson } from '../http/respond.js';
import { deliverBotActivity } from './deliver.js';

/**
 * The Bot Connector REST API, the way back from a bot: a bot built with botbuilder replies by
 * POSTing to `{serviceUrl}/v3/conversations/{conversationId}/activities[/{activityId}]`.
 * Only the bot knows the emulator's URL from the `serviceUrl` it was sent; no auth (loopback).
 */
async function receiveFromBot(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  conversationId: string,
  replyToId: string | undefined,
) {
  const conversation = conversationOrThrow(ctx, conversationId);
  const activity = asActivity(await readJson(req, ctx.options.maxActivityBytes));
  if (!activity) {
    throw new DirectLineEmulatorError(
      'MissingProperty',
      'The body must be an activity with a type.',
    );
  }
  const from =
    isRecord(activity.from) && typeof activity.from.id === 'string' ? activity.from : ctx.bot;
  const delivered = deliverBotActivity(ctx, conversation, {
    ...activity,
    from: { ...from, role: 'bot' },
    ...(replyToId ? { replyToId } : {}),
  });
  sendJson(res, 200, { id: delivered?.id ?? '' });
}

/** POST /v3/conversations/{conversationId}/activities (sendToConversation). */
export async function sendToConversation(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [conversationId]: string[],
) {
  await receiveFromBot(ctx, req, res, conversationId!, undefined);
}

/** POST /v3/conversations/{conversationId}/activities/{activityId} (replyToActivity). */
export async function replyToActivity(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  [conversationId, activityId]: string[],
) {
  await receiveFromBot(ctx, req, res, conversationId!, activityId);
}
