import type { ConversationSummary, Priority } from '@baton/handoff-protocol';

/** Where a conversation stands on the supervisor's map. */
export type MapStage = 'bot' | 'queued' | 'agent' | 'followup' | 'ended';
export const MAP_STAGES: readonly MapStage[] = ['bot', 'queued', 'agent', 'followup', 'ended'];

/** Ended rows leave the map after this long (the server sends the last 30 minutes). */
const RECENT_MS = 30 * 60_000;

export function stageOf(c: ConversationSummary): MapStage {
  if (c.followUpOpen) return 'followup';
  if (c.endedAt) return 'ended';
  if (c.state === 'bot') return 'bot';
  if (c.state === 'assigned') return 'agent';
  return 'queued';
}

export interface MapFilter {
  stage: MapStage | '';
  queue: string;
  priority: Priority | '';
  agent: string;
}

export const NO_FILTER: MapFilter = { stage: '', queue: '', priority: '', agent: '' };

/** The rows a filter keeps, without ended ones older than the recent window. */
export function filterRows(
  rows: readonly ConversationSummary[],
  filter: MapFilter,
  now: number,
): ConversationSummary[] {
  return rows.filter((c) => {
    if (c.endedAt && !c.followUpOpen && now - Date.parse(c.endedAt) > RECENT_MS) return false;
    if (filter.stage && stageOf(c) !== filter.stage) return false;
    if (filter.queue && c.queue !== filter.queue) return false;
    if (filter.priority && c.priority !== filter.priority) return false;
    if (filter.agent && c.agent?.id !== filter.agent) return false;
    return true;
  });
}

/** Seconds a row has been waiting (queued), handled (with an agent), or lasted (ended). */
export function rowSeconds(c: ConversationSummary, now: number): number {
  const end = c.endedAt ? Date.parse(c.endedAt) : now;
  const from = c.endedAt || c.state === 'bot' ? c.startedAt : c.stateSince;
  return Math.max(0, (end - Date.parse(from)) / 1000);
}

/** The distinct values of a field, sorted, for a filter's options. */
export function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
}
