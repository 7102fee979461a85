import type { Activity, ChannelAccount } from '../activity.js';
import { isRecord } from '../activity.js';
import type { Credential } from '../auth/credentials.js';
import type { EmulatorContext } from '../context.js';
import { DirectLineEmulatorError } from '../errors.js';
import type { Conversation } from './conversation.js';

const turns = new WeakMap<Conversation, Promise<unknown>>();

/** Runs bot turns of one conversation one after another, in the order activities arrived. */
function enqueueTurn(conversation: Conversation, turn: () => Promise<void>): Promise<void> {
  const previous = turns.get(conversation) ?? Promise.resolve();
  const next = previous.then(turn, turn);
  turns.set(
    conversation,
    next.catch(() => {}),
  );
  return next;
}

/** Marks the conversation started and tells the bot (once). */
export async function startConversation(
  ctx: EmulatorContext,
  conversation: Conversation,
): Promise<void> {
  if (conversation.started) return;
  conversation.started = true;
  ctx.emit({ type: 'conversation.started', conversationId: conversation.id });
  await enqueueTurn(conversation, () => ctx.backend.conversationStarted(conversation)).catch(
    (error: unknown) => {
      const code = isRecord(error) && typeof error.code === 'string' ? error.code : 'BotError';
      ctx.emit({ type: 'bot.failed', conversationId: conversation.id, code });
    },
  );
}

/** The sender of a client activity: the token's user wins over what the activity claims. */
function senderOf(activity: Activity, credential: Credential, fallbackId?: string): ChannelAccount {
  const claimed = isRecord(activity.from) ? activity.from : undefined;
  const name = typeof claimed?.name === 'string' ? claimed.name : undefined;
  if (credential.kind === 'token' && credential.claims.user) {
    return { id: credential.claims.user, name: credential.claims.userName ?? name, role: 'user' };
  }
  const id = typeof claimed?.id === 'string' && claimed.id !== '' ? claimed.id : fallbackId;
  if (!id) throw new DirectLineEmulatorError('MissingProperty', 'The activity has no from.id.');
  return name === undefined ? { id, role: 'user' } : { id, name, role: 'user' };
}

/**
 * Accepts one activity from a Direct Line client: stamps it, stores it (so the client sees
 * its own activity echoed on the stream), then hands it to the bot and waits for the turn.
 * A failed turn answers 502; the activity stays in the conversation, as in Direct Line.
 */
export async function acceptClientActivity(
  ctx: EmulatorContext,
  conversation: Conversation,
  input: Activity,
  credential: Credential,
  fallbackUserId?: string,
): Promise<Activity> {
  const from = senderOf(input, credential, fallbackUserId);
  await startConversation(ctx, conversation);
  conversation.user ??= from;
  if (typeof input.locale === 'string') conversation.locale ??= input.locale;
  const { id: _id, timestamp: _ts, serviceUrl: _su, ...rest } = input;
  const stored = conversation.append({ ...rest, from, recipient: ctx.bot });
  await enqueueTurn(conversation, () => ctx.backend.activityReceived(conversation, stored)).catch(
    (error: unknown) => {
      const failure = DirectLineEmulatorError.is(error)
        ? error
        : new DirectLineEmulatorError('BotError', 'The bot failed to handle the activity.', {
            cause: error,
          });
      ctx.emit({ type: 'bot.failed', conversationId: conversation.id, code: failure.code });
      throw failure;
    },
  );
  return stored;
}
