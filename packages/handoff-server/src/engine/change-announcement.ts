import { type AgentInfo, type HandoffRequest, serverToAgentMessage } from '@baton/handoff-protocol';
import type { ConversationRecord } from '../storage/records';
import { errorCode } from './errors';
import type {
  BotChannel,
  ConversationChangeListener,
  ConversationDelivery,
  EngineLogger,
} from './types';

/** Who hears of a committed state change. */
interface ChangeAudience {
  readonly delivery: ConversationDelivery;
  readonly listeners: ReadonlySet<ConversationChangeListener>;
  readonly logger: EngineLogger;
  readonly botChannel: BotChannel | undefined;
}

interface StateChange {
  before: ConversationRecord | null;
  after: ConversationRecord;
  event: string;
  seq: number | undefined;
  agent: AgentInfo | undefined;
}

type CachedRequest = (conversationId: string) => Omit<HandoffRequest, 'transcript'> | undefined;

/** Announces a committed state change: listeners, agents watching, bot. */
export function announceChange(
  audience: ChangeAudience,
  cachedRequest: CachedRequest,
  { before, after, event, seq, agent }: StateChange,
): void {
  const at = new Date().toISOString();
  const moved = before && before.assignedAgentId !== after.assignedAgentId;
  if (before && (before.state !== after.state || moved)) {
    audience.delivery.toAgents(
      after.id,
      serverToAgentMessage('conversation.state', {
        ts: at,
        conversationId: after.id,
        from: before.state,
        to: after.state,
        event,
        ...(seq !== undefined ? { seq } : {}),
        ...(agent ? { agent } : {}),
      }),
    );
  }
  const requeued = before && before.queue !== after.queue;
  if (before && (before.state !== after.state || moved || requeued))
    audience.delivery.accessChanged?.(after);
  for (const listener of audience.listeners) {
    try {
      listener({ conversation: after, from: before?.state ?? null, to: after.state, event, at });
    } catch (error) {
      audience.logger.warn(
        { conversationId: after.id, err: errorCode(error) },
        'change listener failed',
      );
    }
  }
  notifyBot(audience, cachedRequest, before, after);
}

function notifyBot(
  audience: ChangeAudience,
  cachedRequest: CachedRequest,
  before: ConversationRecord | null,
  after: ConversationRecord,
): void {
  const channel = audience.botChannel;
  if (!channel || before?.state === after.state) return;
  const state = botStatusFor(after.state, before?.state ?? null);
  if (!state) return;
  const request = cachedRequest(after.id);
  const directLine = request?.directLine;
  if (!directLine) return;
  channel.notify({ conversationId: after.id, directLine, state }).catch((error: unknown) => {
    audience.logger.warn({ conversationId: after.id, err: errorCode(error) }, 'bot notify failed');
  });
}

function botStatusFor(
  to: ConversationRecord['state'],
  from: ConversationRecord['state'] | null,
): 'accepted' | 'failed' | 'completed' | null {
  if (to === 'assigned') return from === 'assigned' ? null : 'accepted';
  if (to === 'failed' || to === 'expired') return 'failed';
  if (to === 'ended' || to === 'returned_to_bot') return 'completed';
  return null;
}
