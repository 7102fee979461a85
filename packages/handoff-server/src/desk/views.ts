import type {
  AgentInfo,
  AgentPresence,
  AgentStatus,
  ConversationSummary,
  DeskKpis,
  HandoffRequest,
  QueueItem,
} from '@baton/handoff-protocol';
import {
  averageSurveyRating,
  localDay,
  startOfLocalDay,
  withoutMatch,
} from '../adapters/desk-host';
import type { ConversationStore } from '../storage/contract';
import type { AgentRecord, ConversationRecord, QueueEntry } from '../storage/records';
import type { DeskHistory } from './wait-history';

export type RequestInfo = Omit<HandoffRequest, 'transcript'>;
export type RequestLookup = (conversationId: string) => Promise<RequestInfo | null>;

export const LIVE_STATES = ['bot', 'handoff_requested', 'queued', 'assigned'] as const;

export function agentInfoOfRecord(agent: AgentRecord): AgentInfo {
  return { id: agent.id, displayName: agent.displayName.slice(0, 100) };
}

/** Protocol presence from the stored one: an available agent at capacity is `busy`. */
export function presenceOf(agent: AgentRecord): AgentPresence {
  switch (agent.presence) {
    case 'available':
      return agent.activeCount >= agent.capacity ? 'busy' : 'available';
    case 'away':
      return 'away';
    case 'offline':
      return 'offline';
    default:
      return 'offline';
  }
}

export function agentStatus(agent: AgentRecord, history: DeskHistory): AgentStatus {
  return {
    agent: agentInfoOfRecord(agent),
    presence: presenceOf(agent),
    activeConversations: agent.activeCount,
    averageHandleSeconds: history.averageHandle(agent.id),
    capacity: agent.capacity,
  };
}

export async function queueItems(
  queue: string,
  entries: readonly QueueEntry[],
  lookup: RequestLookup,
): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  for (const [index, entry] of entries.entries()) {
    const request = await lookup(entry.conversationId);
    items.push({
      conversationId: entry.conversationId,
      queue,
      priority: entry.priority,
      escalation: request?.reason.kind ?? 'host',
      patientDisplayName: request?.patient.displayName ?? 'Patient',
      ...(request?.statedByPatient?.displayName
        ? { patientStatedName: request.statedByPatient.displayName }
        : {}),
      locale: request?.patient.locale ?? 'en',
      enqueuedAt: entry.enqueuedAt,
      position: index + 1,
      // Queue items reach every agent of the queue: the basis, never the phrase matched.
      ...(request?.triage ? { triage: withoutMatch(request.triage) } : {}),
    });
  }
  return items;
}

export async function conversationSummary(
  conversation: ConversationRecord,
  lookup: RequestLookup,
  agents: ReadonlyMap<string, AgentRecord>,
): Promise<ConversationSummary> {
  const request = await lookup(conversation.id);
  const agent = conversation.assignedAgentId ? agents.get(conversation.assignedAgentId) : undefined;
  return {
    conversationId: conversation.id,
    state: conversation.state,
    startedAt: conversation.createdAt,
    stateSince: conversation.updatedAt,
    lastActivityAt: conversation.updatedAt,
    priority: conversation.priority,
    ...(request
      ? {
          patientDisplayName: request.patient.displayName,
          ...(request.statedByPatient?.displayName
            ? { patientStatedName: request.statedByPatient.displayName }
            : {}),
          escalation: request.reason.kind,
        }
      : {}),
    ...(conversation.queue ? { queue: conversation.queue } : {}),
    ...(conversation.assignedAgentId
      ? {
          agent: agent
            ? agentInfoOfRecord(agent)
            : { id: conversation.assignedAgentId, displayName: conversation.assignedAgentId },
        }
      : {}),
  };
}

/** The instant today began in `timeZone` (the organisation's). */
function startOfDay(now: Date, timeZone: string): number {
  const start = startOfLocalDay(localDay(now.getTime(), timeZone), timeZone);
  return start
    ? start.getTime()
    : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/**
 * Dashboard figures from bounded indexed counts (never a list of conversations) and the
 * recent history; `agents` when the caller already read them.
 */
export async function deskKpis(
  store: ConversationStore,
  history: DeskHistory,
  agents?: readonly AgentRecord[],
  now = new Date(),
  timeZone = 'UTC',
): Promise<DeskKpis> {
  const today = startOfDay(now, timeZone);
  const counts = await store.deskCounts(new Date(today).toISOString());
  const online = (agents ?? (await store.listAgents({ presence: 'available' }))).filter(
    (a) => a.presence === 'available',
  );
  const oldest = counts.oldestQueuedAt === null ? null : Date.parse(counts.oldestQueuedAt);
  return {
    at: now.toISOString(),
    botConversations: counts.bot + (await store.countOpenBotSessions()),
    queued: counts.queued,
    withAgent: counts.assigned,
    agentsAvailable: online.filter((a) => a.activeCount < a.capacity).length,
    agentsBusy: online.filter((a) => a.activeCount >= a.capacity).length,
    averageWaitSeconds: history.averageWait(),
    longestWaitSeconds: oldest === null ? null : Math.max(0, (now.getTime() - oldest) / 1000),
    handledToday: counts.endedSince,
    abandonedToday: counts.abandonedSince,
    averageSurveyRating: await averageSurveyRating(store, new Date(today)),
    ...(await followUpKpis(store, now, today)),
  };
}

/** The follow-up worklist's figures: items not closed, the oldest one's age, closed today. */
async function followUpKpis(store: ConversationStore, now: Date, today: number) {
  const stats = await store.followUpStats(new Date(today).toISOString());
  const oldest = stats.oldestOpenAt ? Date.parse(stats.oldestOpenAt) : Number.NaN;
  return {
    followUpsOpen: stats.open + stats.claimed,
    oldestFollowUpSeconds: Number.isFinite(oldest)
      ? Math.max(0, Math.round((now.getTime() - oldest) / 1000))
      : null,
    followUpsClosedToday: stats.closedSince,
  };
}
