import type { Activity } from '../activity.js';
import type { EmulatorContext } from '../context.js';
import type { Conversation } from '../conversations/conversation.js';

/**
 * Puts one bot activity into the conversation, stamped as Direct Line would, for the client
 * to receive. Trace and delay activities never reach Direct Line clients.
 */
export function deliverBotActivity(
  ctx: EmulatorContext,
  conversation: Conversation,
  activity: Activity,
): Activity | undefined {
  if (activity.type === 'trace' || activity.type === 'delay') return;
  const { id: _id, serviceUrl: _serviceUrl, ...rest } = activity;
  return conversation.append({
    ...rest,
    from: rest.from ?? ctx.bot,
    recipient: conversation.user ?? rest.recipient,
  });
}
