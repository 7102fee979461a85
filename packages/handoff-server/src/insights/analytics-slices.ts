import type { ConversationStore } from '../storage/contract';
import type { PeriodAnalytics } from './analytics';

/** What the analytics filters offer: every queue the server knows, agents by display name. */
export interface AnalyticsSlices {
  queues: string[];
  agents: { id: string; displayName: string }[];
}

/**
 * The choices of the queue and agent filters: routing's queues and those with waiting
 * patients (`knownQueues`), agents' queues and the report's own; agents of the desk by
 * display name, plus any the report names that left the desk (shown by id).
 */
export async function analyticsSlices(
  store: ConversationStore,
  report: PeriodAnalytics,
  knownQueues?: () => Promise<string[]>,
): Promise<AnalyticsSlices> {
  const [agents, known] = await Promise.all([
    store.listAgents(),
    knownQueues ? knownQueues() : Promise.resolve([]),
  ]);
  const queues = new Set([
    ...known,
    ...agents.flatMap((a) => a.queues),
    ...report.queues.map((q) => q.queue),
  ]);
  const names = new Map(agents.map((a) => [a.id, a.displayName]));
  for (const a of report.agents) if (!names.has(a.agentId)) names.set(a.agentId, a.agentId);
  return {
    queues: [...queues].sort(),
    agents: [...names]
      .map(([id, displayName]) => ({ id, displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id)),
  };
}
