import type { ConversationSummary } from '@baton/handoff-protocol';
import type { BotSessionRecord } from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord } from '../storage/records';
import { conversationSummary, LIVE_STATES, type RequestLookup } from './views';

/** How long an ended conversation stays on the dashboard's "recently ended" list. */
export const RECENTLY_ENDED_MS = 30 * 60_000;
/** Rows per list of the map (open bot conversations, recently ended, follow-ups). */
export const MAP_LIST_LIMIT = 200;
/** Live conversations on the map. */
export const LIVE_LIST_LIMIT = 5000;

/** A bot conversation as a dashboard row: state `bot`; ended ones carry their outcome. */
export function botSessionSummary(session: BotSessionRecord): ConversationSummary {
  return {
    conversationId: session.id,
    state: 'bot',
    startedAt: session.startedAt,
    stateSince: session.startedAt,
    lastActivityAt: session.lastActivityAt,
    locale: session.locale,
    ...(session.entryPath ? { entryPath: session.entryPath } : {}),
    ...(session.outcome ? { botOutcome: session.outcome } : {}),
    ...(session.endedAt ? { endedAt: session.endedAt } : {}),
    ...(session.escalation
      ? { escalation: session.escalation as ConversationSummary['escalation'] }
      : {}),
    ...(session.handoffConversationId
      ? { handoffConversationId: session.handoffConversationId }
      : {}),
  };
}

/** A conversation with a person as a dashboard row (finished ones: when they ended). */
export async function handoffSummary(
  conversation: ConversationRecord,
  lookup: RequestLookup,
  agents: ReadonlyMap<string, AgentRecord>,
  extra: Partial<ConversationSummary> = {},
): Promise<ConversationSummary> {
  const summary = await conversationSummary(conversation, lookup, agents);
  const live = (LIVE_STATES as readonly string[]).includes(conversation.state);
  return {
    ...summary,
    ...(!live ? { endedAt: conversation.endedAt ?? conversation.updatedAt } : {}),
    ...extra,
  };
}

/**
 * Every row of the supervisor's map, each list a bounded indexed read: live conversations
 * (by state), open bot conversations (oldest first), what ended in the last 30 minutes
 * (conversations and bot conversations, newest first) and conversations with a follow-up
 * item not closed yet. The cost depends on these bounds, never on the history.
 */
export async function supervisorMap(
  store: ConversationStore,
  lookup: RequestLookup,
  agents: ReadonlyMap<string, AgentRecord>,
  now = Date.now(),
): Promise<ConversationSummary[]> {
  const rows = new Map<string, ConversationSummary>();
  const since = new Date(now - RECENTLY_ENDED_MS).toISOString();
  const live = await store.listConversations({ states: LIVE_STATES });
  for (const c of live.slice(0, LIVE_LIST_LIMIT))
    rows.set(c.id, await handoffSummary(c, lookup, agents));
  for (const s of await store.listOpenBotSessions(MAP_LIST_LIMIT))
    rows.set(s.id, botSessionSummary(s));
  for (const s of await store.listBotSessionsEndedSince(since, MAP_LIST_LIMIT))
    rows.set(s.id, botSessionSummary(s));
  for (const c of await store.listConversationsEndedSince(since, MAP_LIST_LIMIT))
    rows.set(c.id, await handoffSummary(c, lookup, agents));
  const followUps = await store.listFollowUps({
    statuses: ['open', 'claimed'],
    limit: MAP_LIST_LIMIT,
  });
  for (const item of followUps) {
    const known = rows.get(item.conversationId);
    if (known) {
      rows.set(item.conversationId, { ...known, followUpOpen: true });
      continue;
    }
    const conversation = await store.getConversation(item.conversationId);
    if (conversation)
      rows.set(
        conversation.id,
        await handoffSummary(conversation, lookup, agents, { followUpOpen: true }),
      );
  }
  return withoutEscalatedBotRows([...rows.values()]);
}

/**
 * One patient, one row: an escalated bot conversation whose handoff is on the map is left
 * out (the handoff row stands for it), whichever of the two arrived first.
 */
export function withoutEscalatedBotRows<T extends ConversationSummary>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((c) => c.conversationId));
  return rows.filter(
    (c) => !(c.state === 'bot' && c.handoffConversationId && ids.has(c.handoffConversationId)),
  );
}
